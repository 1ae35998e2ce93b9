/* JSON Lines: one entry per line, flushed as it is written. */
#include "sink_writer.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct jsonl {
  FILE *out;
  char *path; /* NULL: standard output */
} jsonl;

static int fail(char err[SINK_ERR_LEN], const char *path, const char *what) {
  snprintf(err, SINK_ERR_LEN, "%s: %s: %s", path ? path : "standard output", what, strerror(errno));
  return -1;
}

/* Adds the path and SHA-256 of one entry line to `done`; 0 when the line is
 * not an entry (it is then dropped), -1 when out of memory. */
static int note_entry(const char *line, size_t len, seen *done) {
  json_t *entry = json_loadb(line, len, 0, NULL);
  json_t *source = json_object_get(entry, "source");
  const char *path = json_string_value(json_object_get(source, "path"));
  const char *sha = json_string_value(json_object_get(source, "sha256"));
  int rc = path ? seen_add(done, path, sha ? sha : "") : 0;
  json_decref(entry);
  return rc;
}

/* Reads back the entries of an interrupted run and cuts off a last line
 * that a kill left without its newline. */
static int keep_entries(const char *part, seen *done, char err[SINK_ERR_LEN]) {
  FILE *in = fopen(part, "r");
  if (!in) return fail(err, part, "cannot read the unfinished output");
  char *line = NULL;
  size_t cap = 0;
  off_t whole = 0;
  ssize_t n;
  int rc = 0;
  while (!rc && (n = getline(&line, &cap, in)) > 0 && line[n - 1] == '\n') {
    whole += n;
    if (note_entry(line, (size_t)n - 1, done)) {
      snprintf(err, SINK_ERR_LEN, "%s: out of memory", part);
      rc = -1;
    }
  }
  free(line);
  if (!rc && ferror(in)) rc = fail(err, part, "cannot read the unfinished output");
  fclose(in);
  if (!rc && truncate(part, whole)) rc = fail(err, part, "cannot cut off its unfinished line");
  return rc;
}

static void *jsonl_open(const char *part, int keep, seen *done, char err[SINK_ERR_LEN]) {
  jsonl *w = calloc(1, sizeof *w);
  if (!w || (part && !(w->path = strdup(part)))) {
    free(w);
    snprintf(err, SINK_ERR_LEN, "%s: out of memory", part ? part : "standard output");
    return NULL;
  }
  if (!part) {
    w->out = stdout;
    return w;
  }
  if ((!keep || !keep_entries(part, done, err)) && !(w->out = fopen(part, keep ? "a" : "w")))
    fail(err, part, "cannot write");
  if (w->out) return w;
  free(w->path);
  free(w);
  return NULL;
}

static int jsonl_write(void *writer, const char *entry, char err[SINK_ERR_LEN]) {
  jsonl *w = writer;
  if (fputs(entry, w->out) < 0 || putc('\n', w->out) == EOF || fflush(w->out))
    return fail(err, w->path, "cannot write");
  return 0;
}

static int jsonl_close(void *writer, char err[SINK_ERR_LEN]) {
  jsonl *w = writer;
  int rc = 0;
  if (w->path ? fclose(w->out) : fflush(w->out)) rc = fail(err, w->path, "cannot write");
  free(w->path);
  free(w);
  return rc;
}

static int jsonl_remove(const char *path, char err[SINK_ERR_LEN]) {
  struct stat st;
  if (lstat(path, &st)) return 0;
  if (S_ISDIR(st.st_mode)) {
    snprintf(err, SINK_ERR_LEN, "%s: is a directory; JSON Lines go to a file", path);
    return -1;
  }
  return unlink(path) ? fail(err, path, "cannot remove") : 0;
}

const sink_writer_ops sink_jsonl_ops = {jsonl_open, jsonl_write, jsonl_close, jsonl_remove};

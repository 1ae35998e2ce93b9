/* The sink's temporary name, its rename when complete, and the choice of writer. */
#include "sink.h"
#include "sink_writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct sink {
  const sink_writer_ops *ops;
  void *writer;
  char *target, *part; /* NULL for standard output */
};

char *sink_part_path(const char *target) {
  size_t n = strlen(target);
  char *part = malloc(n + sizeof ".part");
  if (part) memcpy(part, target, n), memcpy(part + n, ".part", sizeof ".part");
  return part;
}

static int exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

static const sink_writer_ops *writer_of(sink_format format) {
  switch (format) {
  case SINK_CSV:
    return &sink_csv_ops;
  case SINK_SQLITE:
    return &sink_sqlite_ops;
  default:
    return &sink_jsonl_ops;
  }
}

/* Where the entries of an earlier run are, for --resume: the part it left,
 * else its finished output, moved back to the part name. 1 when there are
 * entries to keep, 0 when none, -1 on failure. */
static int take_back(const char *target, const char *part, char err[SINK_ERR_LEN]) {
  if (exists(part)) return 1;
  if (!exists(target)) return 0;
  if (rename(target, part)) {
    snprintf(err, SINK_ERR_LEN, "%s: cannot resume: cannot rename it to %s: %s", target, part,
             strerror(errno));
    return -1;
  }
  return 1;
}

sink *sink_open(sink_format format, const char *target, int resume, seen *done,
                char err[SINK_ERR_LEN]) {
  sink *s = calloc(1, sizeof *s);
  if (!s) {
    snprintf(err, SINK_ERR_LEN, "%s: out of memory", target);
    return NULL;
  }
  s->ops = writer_of(format);
  if (!strcmp(target, "-")) {
    if (format != SINK_JSONL || resume) {
      snprintf(err, SINK_ERR_LEN, "-o - writes JSON Lines and cannot be resumed");
      free(s);
      return NULL;
    }
    if ((s->writer = s->ops->open(NULL, 0, done, err))) return s;
    free(s);
    return NULL;
  }
  s->target = strdup(target);
  s->part = sink_part_path(target);
  if (!s->target || !s->part) {
    snprintf(err, SINK_ERR_LEN, "%s: out of memory", target);
  } else {
    int keep = resume ? take_back(target, s->part, err) : s->ops->remove(s->part, err);
    if (keep >= 0 && (s->writer = s->ops->open(s->part, keep, done, err))) return s;
  }
  free(s->target);
  free(s->part);
  free(s);
  return NULL;
}

int sink_write(sink *s, const char *entry, char err[SINK_ERR_LEN]) {
  return s->ops->write(s->writer, entry, err);
}

static int is_dir(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int sink_close(sink *s, int complete, char err[SINK_ERR_LEN]) {
  err[0] = '\0';
  int rc = s->ops->close(s->writer, err);
  if (!rc && complete && s->part) {
    /* rename() replaces a file at once; a directory (CSV) must go first */
    if ((is_dir(s->target) && s->ops->remove(s->target, err)) || rename(s->part, s->target)) {
      if (!err[0])
        snprintf(err, SINK_ERR_LEN, "%s: cannot rename %s to it: %s", s->target, s->part,
                 strerror(errno));
      rc = -1;
    }
  }
  free(s->target);
  free(s->part);
  free(s);
  return rc;
}

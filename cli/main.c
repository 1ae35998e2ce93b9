/* The command line: parses options, calls the library, prints, picks exit codes. */
#include "parx.h"
#include "check_cmd.h"
#include "threads.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_UNREADABLE = 1, EXIT_USAGE = 2, MAX_EXTRA_RULES = 64 };

static const char usage_text[] =
    "Usage: parx extract [OPTIONS] FILE...   extract records (JSON; JSON Lines for several)\n"
    "       parx text [OPTIONS] FILE         print the normalised text with line numbers\n"
    "       parx --help | --version\n"
    "\n"
    "FILE is a PDF, DOCX or text (UTF-8/UTF-16) plan or report; '-' reads standard input.\n"
    "The format is detected from the bytes.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE    write to FILE instead of standard output\n"
    "      --jsonl          one record per line, even for one file\n"
    "      --rules FILE     load a rule file after the built-in ones (adds or overrides\n"
    "                       rules by name; may be repeated)\n"
    "      --rules-dir DIR  use the rule files of DIR instead of the built-in ones\n"
    "      --password PW    password of an encrypted PDF\n"
    "  -j, --jobs N         extract N files at a time (default: one per CPU)\n"
    "  -q, --quiet          no progress on standard error\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "Exit status: 0 success, 1 a document could not be read (the others are still\n"
    "extracted), 2 bad usage or rules.\n";

typedef struct options {
  const char *command;
  const char *output;
  const char *rules_dir;
  const char *password;
  const char *extra_rules[MAX_EXTRA_RULES];
  size_t nextra;
  int jsonl, quiet;
  int jobs;
  char **files;
  size_t nfiles;
} options;

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "parx: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'parx --help'.\n");
  return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, options *o) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(usage_text, stdout);
      exit(0);
    } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
      printf("parx %s\n", PARX_VERSION);
      exit(0);
    } else if (!strcmp(a, "--jsonl")) {
      o->jsonl = 1;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      o->quiet = 1;
    } else if ((!strcmp(a, "-j") || !strcmp(a, "--jobs")) && next) {
      char *end;
      long j = strtol(next, &end, 10);
      if (*end || j < 1 || j > 256)
        return usage_error("--jobs takes a number from 1 to 256, not '%s'", next);
      o->jobs = (int)j;
      i++;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--rules") ||
               !strcmp(a, "--rules-dir") || !strcmp(a, "--password")) {
      if (!next) return usage_error("option %s needs a value", a);
      if (!strcmp(a, "--rules")) {
        if (o->nextra == MAX_EXTRA_RULES)
          return usage_error("too many --rules files (at most 64)%s", "");
        o->extra_rules[o->nextra++] = next;
      } else if (!strcmp(a, "--rules-dir")) {
        o->rules_dir = next;
      } else if (!strcmp(a, "--password")) {
        o->password = next;
      } else {
        o->output = next;
      }
      i++;
    } else if (a[0] == '-' && a[1]) {
      return usage_error("unknown option %s", a);
    } else if (!o->command) {
      o->command = a;
    } else {
      o->files[o->nfiles++] = argv[i];
    }
  }
  if (!o->command) return usage_error("no command given (extract or text)%s", "");
  if (strcmp(o->command, "extract") && strcmp(o->command, "text"))
    return usage_error("unknown command '%s' (extract or text)", o->command);
  if (!o->nfiles) return usage_error("no input file given%s", "");
  if (!strcmp(o->command, "text") && o->nfiles != 1)
    return usage_error("text takes one file%s", "");
  return 0;
}

/* Reads standard input whole. */
static unsigned char *read_stdin(size_t *len) {
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      unsigned char *p = realloc(buf, cap * 2);
      if (!p) {
        free(buf);
        return NULL;
      }
      buf = p;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, stdin);
    if (!got) break;
    n += got;
  }
  *len = n;
  return buf;
}

static parx_record *extract_one(parx_engine *engine, const char *path, const parx_options *po,
                                parx_error *err) {
  if (strcmp(path, "-")) return parx_extract_file(engine, path, po, err);
  size_t len;
  unsigned char *bytes = read_stdin(&len);
  if (!bytes) {
    snprintf(err->message, sizeof err->message, "-: cannot read standard input");
    return NULL;
  }
  parx_record *r = parx_extract(engine, bytes, len, "-", po, err);
  free(bytes);
  return r;
}

static int run_text(parx_engine *engine, const options *o, FILE *out) {
  const char *path = o->files[0];
  parx_options po = {o->password};
  parx_error err = {0};
  char *text = NULL;
  if (strcmp(path, "-")) {
    text = parx_text_file(engine, path, &po, &err);
  } else {
    size_t len;
    unsigned char *bytes = read_stdin(&len);
    if (bytes)
      text = parx_text(engine, bytes, len, path, &po, &err);
    else
      snprintf(err.message, sizeof err.message, "-: cannot read standard input");
    free(bytes);
  }
  if (!text) {
    fprintf(stderr, "parx: %s\n", err.message);
    return EXIT_UNREADABLE;
  }
  fputs(text, out);
  free(text);
  return 0;
}

typedef struct writer {
  const options *o;
  FILE *out;
  int progress;
  int status;
} writer;

static void write_record(size_t i, const char *json, const char *error, void *user) {
  writer *w = user;
  if (w->progress) fprintf(stderr, "\r[%zu/%zu] %s\033[K", i + 1, w->o->nfiles, w->o->files[i]);
  if (!json) {
    fprintf(stderr, "%sparx: %s\n", w->progress ? "\n" : "", error);
    w->status = EXIT_UNREADABLE;
    return;
  }
  fputs(json, w->out);
  fputc('\n', w->out);
}

static int uses_stdin(const options *o) {
  for (size_t i = 0; i < o->nfiles; i++)
    if (!strcmp(o->files[i], "-")) return 1;
  return 0;
}

static int run_extract(parx_engine *engine, const options *o, FILE *out) {
  int lines = o->jsonl || o->nfiles > 1;
  writer w = {o, out, !o->quiet && o->nfiles > 1 && isatty(STDERR_FILENO), 0};
  parx_options po = {o->password};
  if (uses_stdin(o)) {
    /* standard input is read once, in order, on this thread */
    for (size_t i = 0; i < o->nfiles; i++) {
      parx_error err = {0};
      parx_record *r = extract_one(engine, o->files[i], &po, &err);
      char *json = r ? parx_record_to_json(r, !lines) : NULL;
      write_record(i, json, err.message, &w);
      free(json);
      parx_record_free(r);
    }
  } else if (threads_extract(engine, o->files, o->nfiles, &po, !lines, o->jobs, write_record, &w)) {
    fprintf(stderr, "parx: cannot start worker threads\n");
    return EXIT_UNREADABLE;
  }
  if (w.progress) fprintf(stderr, "\n");
  return w.status;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "catalog")) return catalog_command(argc - 1, argv + 1);
  if (argc > 1 && !strcmp(argv[1], "check")) return check_command(argc - 1, argv + 1);
  options o = {0};
  o.files = calloc((size_t)argc, sizeof *o.files);
  if (!o.files) return EXIT_UNREADABLE;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  o.jobs = cpus > 1 ? (int)(cpus < 8 ? cpus : 8) : 1;
  int rc = parse_args(argc, argv, &o);
  if (rc) {
    free(o.files);
    return rc;
  }
  parx_error err = {0};
  parx_engine *engine = parx_engine_new(o.rules_dir, o.extra_rules, o.nextra, &err);
  if (!engine) {
    fprintf(stderr, "parx: %s\n", err.message);
    free(o.files);
    return EXIT_USAGE;
  }
  FILE *out = o.output ? fopen(o.output, "w") : stdout;
  if (!out) {
    fprintf(stderr, "parx: %s: cannot write: %s\n", o.output, strerror(errno));
    parx_engine_free(engine);
    free(o.files);
    return EXIT_USAGE;
  }
  rc = !strcmp(o.command, "text") ? run_text(engine, &o, out) : run_extract(engine, &o, out);
  if (o.output && fclose(out)) {
    fprintf(stderr, "parx: %s: cannot write: %s\n", o.output, strerror(errno));
    rc = EXIT_UNREADABLE;
  }
  parx_engine_free(engine);
  free(o.files);
  return rc;
}

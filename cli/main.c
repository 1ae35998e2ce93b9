/* The command line: parses options, calls the library, prints, picks exit codes. */
#include "parx.h"
#include "batch_cmd.h"
#include "report_cmd.h"
#include "safe_output.h"
#include "check_cmd.h"
#include "engine.h"
#include "threads.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_UNREADABLE = 1, EXIT_USAGE = 2, MAX_DEFAULT_JOBS = 8 };

static const char usage_text[] =
    "Usage: parx extract [OPTIONS] FILE...   extract records (JSON; JSON Lines for several)\n"
    "       parx text [OPTIONS] FILE         print the normalised text with line numbers\n"
    "       parx batch [OPTIONS] PATH...     convert an archive, each document isolated\n"
    "                                        (see 'parx batch --help')\n"
    "       parx report [OPTIONS] FILE...    an HTML scorecard of documents or records\n"
    "                                        (see 'parx report --help')\n"
    "       parx catalog [OPTIONS] FILE      derive a criteria catalog from a framework\n"
    "       parx check --catalog=C FILE...   hold reports or plans against a catalog\n"
    "       parx --help | --version\n"
    "\n"
    "FILE is a PDF, DOCX or text (UTF-8/UTF-16) plan or report; '-' reads standard input.\n"
    "The format is detected from the bytes.\n"
    "\n"
    "Options (before or after the command; '--' ends them):\n"
    "  -o, --output=FILE       write to FILE instead of standard output (written\n"
    "                          beside it first, renamed when complete)\n"
    "      --jsonl             one record per line, even for one file\n" ENGINE_OPTIONS_HELP
    "  -j, --jobs=N            extract N files at a time (default: one per CPU, at most 8)\n"
    "  -q, --quiet             no progress on standard error\n"
    "  -h, --help              show this help\n"
    "  -V, --version           show the version\n"
    "\n"
    "parx text prints 'LINE<TAB>TEXT' per paragraph or table row, cells separated by\n"
    "' | ', '[pN] ' before the text of PDF page N; warnings go to standard error.\n"
    "\n"
    "Exit status: 0 success, 1 a document could not be read (the others are still\n"
    "extracted) or the output could not be written, 2 bad usage or rules.\n";

typedef struct options {
  const char *command;
  const char *output;
  engine_opts engine;
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

enum { OPT_JSONL = 256 };

/* 0: run; -1: done (help or version printed); else the exit status of a usage error. */
static int parse_args(int argc, char **argv, options *o) {
  static const struct option longs[] = {{"output", required_argument, NULL, 'o'},
                                        {"jsonl", no_argument, NULL, OPT_JSONL},
                                        ENGINE_LONG_OPTIONS,
                                        {"jobs", required_argument, NULL, 'j'},
                                        {"quiet", no_argument, NULL, 'q'},
                                        {"help", no_argument, NULL, 'h'},
                                        {"version", no_argument, NULL, 'V'},
                                        {NULL, 0, NULL, 0}};
  opterr = 0;
  int ch;
  while ((ch = getopt_long(argc, argv, "o:j:qhV", longs, NULL)) != -1) {
    char *end;
    long j;
    switch (ch) {
    case 'o':
      o->output = optarg;
      break;
    case OPT_JSONL:
      o->jsonl = 1;
      break;
    case 'j':
      j = strtol(optarg, &end, 10);
      if (end == optarg || *end || j < 1 || j > 256)
        return usage_error("--jobs takes a number from 1 to 256, not '%s'", optarg);
      o->jobs = (int)j;
      break;
    case 'q':
      o->quiet = 1;
      break;
    case 'h':
      fputs(usage_text, stdout);
      return -1;
    case 'V':
      printf("parx %s\n", PARX_VERSION);
      return -1;
    default:
      switch (engine_opt(&o->engine, ch, optarg, "parx")) {
      case 1:
        continue;
      case -1:
        return EXIT_USAGE;
      }
      if (optopt && strchr("oj", optopt))
        return usage_error("option %s needs a value", argv[optind - 1]);
      return usage_error("unknown option %s", argv[optind - 1]);
    }
  }
  if (optind == argc)
    return usage_error("no command given (extract, text, batch, report, catalog or check)%s", "");
  o->command = argv[optind];
  o->files = argv + optind + 1;
  o->nfiles = (size_t)(argc - optind - 1);
  if (!strcmp(o->command, "batch") || !strcmp(o->command, "report") ||
      !strcmp(o->command, "catalog") || !strcmp(o->command, "check"))
    return usage_error("'%s' comes first: parx COMMAND [OPTIONS] ...", o->command);
  if (strcmp(o->command, "extract") && strcmp(o->command, "text"))
    return usage_error("unknown command '%s' (extract, text, batch, report, catalog or check)",
                       o->command);
  if (!o->nfiles) return usage_error("no input file given%s", "");
  if (!strcmp(o->command, "text") && o->nfiles != 1)
    return usage_error("text takes one file%s", "");
  return 0;
}

/* Reads standard input whole, up to the library's input limit (more is
 * an error, as for a file). NULL when out of memory or over the limit. */
static unsigned char *read_stdin(size_t *len) {
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      if (cap >= PARX_MAX_INPUT_BYTES) {
        free(buf);
        return NULL;
      }
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
    snprintf(err->message, sizeof err->message,
             "-: cannot read standard input (out of memory, or larger than %zu MiB)",
             PARX_MAX_INPUT_BYTES >> 20);
    return NULL;
  }
  parx_record *r = parx_extract(engine, bytes, len, "-", po, err);
  free(bytes);
  return r;
}

/* `parx text`: the text on `out`, the reader's warnings on standard error. */
static int run_text(parx_engine *engine, const options *o, const parx_options *po, FILE *out) {
  const char *path = o->files[0];
  parx_error err = {0};
  char *text = NULL, *warnings = NULL;
  if (strcmp(path, "-")) {
    text = parx_text_file(engine, path, po, &warnings, &err);
  } else {
    size_t len;
    unsigned char *bytes = read_stdin(&len);
    if (bytes)
      text = parx_text(engine, bytes, len, path, po, &warnings, &err);
    else
      snprintf(err.message, sizeof err.message,
               "-: cannot read standard input (out of memory, or larger than %zu MiB)",
               PARX_MAX_INPUT_BYTES >> 20);
    free(bytes);
  }
  if (!text) {
    fprintf(stderr, "parx: %s\n", err.message);
    return EXIT_UNREADABLE;
  }
  fputs(text, out);
  for (char *line = warnings, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    fprintf(stderr, "parx: %s: %s\n", path, line);
    if (!next) break;
  }
  free(warnings);
  free(text);
  return 0;
}

typedef struct writer {
  const options *o;
  FILE *out;
  int pretty;
  int progress;
  int status;
} writer;

/* A piece of a record's text; a short write is seen when the output is closed. */
static int put_bytes(const char *bytes, size_t len, void *out) {
  return fwrite(bytes, 1, len, out) != len;
}

/* Writes the record item by item: its whole text is never held. */
static void write_record(size_t i, const parx_record *r, const char *error, void *user) {
  writer *w = user;
  if (w->progress) fprintf(stderr, "\r[%zu/%zu] %s\033[K", i + 1, w->o->nfiles, w->o->files[i]);
  if (!r) {
    fprintf(stderr, "%sparx: %s\n", w->progress ? "\n" : "", error);
    w->status = EXIT_UNREADABLE;
    return;
  }
  if (parx_record_write_json(r, w->pretty, put_bytes, w->out) < 0) {
    fprintf(stderr, "%sparx: %s: out of memory writing the record\n", w->progress ? "\n" : "",
            w->o->files[i]);
    w->status = EXIT_UNREADABLE;
  }
  fputc('\n', w->out);
}

static int uses_stdin(const options *o) {
  for (size_t i = 0; i < o->nfiles; i++)
    if (!strcmp(o->files[i], "-")) return 1;
  return 0;
}

static int run_extract(parx_engine *engine, const options *o, const parx_options *po, FILE *out) {
  int lines = o->jsonl || o->nfiles > 1;
  writer w = {o, out, !lines, !o->quiet && o->nfiles > 1 && isatty(STDERR_FILENO), 0};
  if (uses_stdin(o)) {
    /* standard input is read once, in order, on this thread */
    for (size_t i = 0; i < o->nfiles; i++) {
      parx_error err = {0};
      parx_record *r = extract_one(engine, o->files[i], po, &err);
      write_record(i, r, err.message, &w);
      parx_record_free(r);
    }
  } else if (threads_extract(engine, o->files, o->nfiles, po, o->jobs, write_record, &w)) {
    fprintf(stderr, "parx: cannot start worker threads\n");
    return EXIT_UNREADABLE;
  }
  if (w.progress) fprintf(stderr, "\n");
  return w.status;
}

int main(int argc, char **argv) {
  /* Tesseract's OpenMP threads would compete with parx's own (a page per
   * CPU): set while the process has one thread, before OpenMP starts; a
   * user's own setting stays. */
  setenv("OMP_THREAD_LIMIT", "1", 0);
  if (argc > 1 && !strcmp(argv[1], "batch")) return batch_command(argc - 1, argv + 1);
  if (argc > 1 && !strcmp(argv[1], "report")) return report_command(argc - 1, argv + 1);
  if (argc > 1 && !strcmp(argv[1], "catalog")) return catalog_command(argc - 1, argv + 1);
  if (argc > 1 && !strcmp(argv[1], "check")) return check_command(argc - 1, argv + 1);
  options o = {0};
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  o.jobs = cpus > 1 ? (int)(cpus < MAX_DEFAULT_JOBS ? cpus : MAX_DEFAULT_JOBS) : 1;
  int rc = parse_args(argc, argv, &o);
  if (rc) return rc < 0 ? 0 : rc;
  parx_options po;
  parx_engine *engine = cli_engine("parx", &o.engine, &po);
  if (o.jobs > 1 && o.nfiles > 1) po.ocr_threads = 1; /* the files share the CPUs */
  safe_output out;
  if (!engine) {
    rc = EXIT_USAGE;
  } else if (safe_output_open(&out, o.output, o.files, o.nfiles)) {
    rc = EXIT_USAGE;
  } else {
    rc = !strcmp(o.command, "text") ? run_text(engine, &o, &po, out.f)
                                    : run_extract(engine, &o, &po, out.f);
    if (safe_output_close(&out)) rc = EXIT_UNREADABLE;
  }
  parx_engine_free(engine);
  engine_opts_free(&o.engine);
  return rc;
}

/* `parx batch`: options, progress, the summary and the exit status. */
#include "batch_cmd.h"
#include "batch.h"
#include "engine.h"
#include "walk.h"

#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_FAILURES = 1, EXIT_USAGE = 2, FAILURES_NAMED = 5 };

static const char usage_text[] =
    "Usage: parx batch [OPTIONS] PATH...\n"
    "Extracts every document of the files and directories given (walked recursively,\n"
    "hidden entries skipped), each in a worker process, into one output.\n"
    "\n"
    "  -o, --output=OUT        where to write (default: parx-batch.jsonl, or parx-batch/\n"
    "                          for csv, parx-batch.sqlite for sqlite); '-' writes JSON\n"
    "                          Lines to standard output\n"
    "  -f, --format=FORMAT     jsonl (default), csv (a directory of CSV files) or sqlite\n"
    "  -T, --files-from=FILE   read paths from FILE, one a line ('-': standard input)\n"
    "  -j, --jobs=N            worker processes (default: one per CPU)\n"
    "  -t, --timeout=SEC       stop a document after SEC seconds (default 300; 0: never)\n"
    "  -m, --max-memory=MB     memory of a worker (default 1024; 0: no limit)\n"
    "  -r, --resume            keep the documents already in OUT (or OUT.part) and\n"
    "                          extract only the others\n"
    "  -q, --quiet             no progress line and no summary of a clean run\n" ENGINE_OPTIONS_HELP
    "  -h, --help              show this help\n"
    "\n"
    "A document that fails (unreadable, unsupported, corrupt, encrypted, over a limit,\n"
    "timed out, or crashing its worker) gives an error record and the batch goes on.\n"
    "A copy of a document already written gives a line with \"duplicate_of\".\n"
    "Output is written to OUT.part and renamed to OUT when complete.\n"
    "\n"
    "Exit status: 0 every document extracted, 1 some failed (summary on standard\n"
    "error), 2 bad usage or the output cannot be written, 130/143 interrupted.\n";

typedef struct batch_options {
  batch_config config;
  const char *files_from;
  engine_opts engine;
  int quiet;
} batch_options;

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig) {
  stop_signal = sig;
}

static int usage_error(const char *what, const char *arg) {
  fprintf(stderr, "parx batch: %s%s\nTry 'parx batch --help'.\n", what, arg);
  return EXIT_USAGE;
}

static int parse_number(const char *arg, double lo, double hi, double *out) {
  char *end;
  double v = strtod(arg, &end);
  if (end == arg || *end || !isfinite(v) || v < lo || v > hi) return -1;
  *out = v;
  return 0;
}

static int parse_format(const char *arg, sink_format *out) {
  static const struct {
    const char *name;
    sink_format format;
  } formats[] = {{"jsonl", SINK_JSONL}, {"csv", SINK_CSV}, {"sqlite", SINK_SQLITE}};
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (!strcmp(arg, formats[i].name)) return *out = formats[i].format, 0;
  return -1;
}

static int parse_options(int argc, char **argv, batch_options *o) {
  static const struct option longs[] = {{"output", required_argument, NULL, 'o'},
                                        {"format", required_argument, NULL, 'f'},
                                        {"files-from", required_argument, NULL, 'T'},
                                        {"jobs", required_argument, NULL, 'j'},
                                        {"timeout", required_argument, NULL, 't'},
                                        {"max-memory", required_argument, NULL, 'm'},
                                        {"resume", no_argument, NULL, 'r'},
                                        {"quiet", no_argument, NULL, 'q'},
                                        ENGINE_LONG_OPTIONS,
                                        {"help", no_argument, NULL, 'h'},
                                        {NULL, 0, NULL, 0}};
  double v;
  int ch;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, "o:f:T:j:t:m:rqh", longs, NULL)) != -1) {
    switch (ch) {
    case 'o':
      o->config.output = optarg;
      break;
    case 'f':
      if (parse_format(optarg, &o->config.format))
        return usage_error("--format is jsonl, csv or sqlite, not ", optarg);
      break;
    case 'T':
      o->files_from = optarg;
      break;
    case 'j':
      if (parse_number(optarg, 1, 256, &v) || v != floor(v))
        return usage_error("--jobs takes a whole number from 1 to 256, not ", optarg);
      o->config.jobs = (int)v;
      break;
    case 't':
      if (parse_number(optarg, 0, 86400, &v))
        return usage_error("--timeout takes seconds from 0 to 86400, not ", optarg);
      o->config.limits.seconds = v;
      break;
    case 'm':
      if (parse_number(optarg, 0, 1 << 20, &v) || v != floor(v) || (v > 0 && v < 64))
        return usage_error("--max-memory takes megabytes, 0 or from 64, not ", optarg);
      o->config.limits.memory_mb = (long)v;
      break;
    case 'r':
      o->config.resume = 1;
      break;
    case 'q':
      o->quiet = 1;
      break;
    case 'h':
      fputs(usage_text, stdout);
      return -1;
    default:
      switch (engine_opt(&o->engine, ch, optarg, "parx batch")) {
      case 1:
        continue;
      case -1:
        return EXIT_USAGE;
      }
      if (optopt && strchr("ofTjtm", optopt))
        return usage_error("an option needs a value: ", argv[optind - 1]);
      return usage_error("unknown option ", argv[optind - 1]);
    }
  }
  if (optind == argc && !o->files_from)
    return usage_error("no input given (files, directories or --files-from)", "");
  return 0;
}

static const char *default_output(sink_format format) {
  return format == SINK_CSV      ? "parx-batch"
         : format == SINK_SQLITE ? "parx-batch.sqlite"
                                 : "parx-batch.jsonl";
}

/* Leaves out the output and its .part where they lie among the inputs (an
 * output inside the archive it converts must not be read as a document). */
static void drop_output(path_list *paths, const char *output) {
  struct stat out, part, st;
  char *part_path = sink_part_path(output);
  int has_out = !stat(output, &out), has_part = part_path && !stat(part_path, &part);
  free(part_path);
  size_t k = 0;
  for (size_t i = 0; i < paths->n; i++) {
    int same = !stat(paths->items[i], &st) &&
               ((has_out && st.st_dev == out.st_dev && st.st_ino == out.st_ino) ||
                (has_part && st.st_dev == part.st_dev && st.st_ino == part.st_ino));
    if (same)
      free(paths->items[i]);
    else
      paths->items[k++] = paths->items[i];
  }
  paths->n = k;
}

static int collect_paths(int argc, char **argv, const batch_options *o, path_list *paths) {
  char err[WALK_ERR_LEN];
  int rc = 0;
  if (o->files_from) {
    FILE *in = strcmp(o->files_from, "-") ? fopen(o->files_from, "r") : stdin;
    if (!in) {
      fprintf(stderr, "parx batch: %s: cannot open the list of files\n", o->files_from);
      return EXIT_USAGE;
    }
    rc = walk_add_lines(paths, in, o->files_from, err);
    if (in != stdin) fclose(in);
  }
  for (int i = optind; !rc && i < argc; i++)
    rc = walk_add(paths, argv[i], err);
  if (rc) fprintf(stderr, "parx batch: %s\n", err);
  if (!rc && strcmp(o->config.output, "-")) drop_output(paths, o->config.output);
  return rc ? EXIT_USAGE : 0;
}

/* The progress line and the first failures, shown as the batch goes. */
typedef struct reporter {
  int progress; /* a progress line on standard error */
  time_t started;
  struct timespec last;
  size_t named;
} reporter;

static void show_progress(reporter *rep, const batch_counts *k) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  double since =
      (double)(t.tv_sec - rep->last.tv_sec) + (double)(t.tv_nsec - rep->last.tv_nsec) / 1e9;
  if (since < 0.2 && k->done < k->total) return;
  rep->last = t;
  double elapsed = difftime(time(NULL), rep->started);
  double rate = elapsed > 0 ? (double)(k->done - k->resumed) / elapsed : 0;
  fprintf(stderr, "\rparx batch: %zu/%zu documents", k->done, k->total);
  if (rate > 0) {
    double left = (double)(k->total - k->done) / rate;
    fprintf(stderr, ", %.1f/s, %.0f min %02.0f s left", rate, floor(left / 60), fmod(left, 60));
  }
  fprintf(stderr, ", %zu failed\033[K", k->failed);
}

static void on_entry(const batch_counts *k, const char *path, failure_kind kind,
                     const char *message, void *user) {
  reporter *rep = user;
  (void)path;
  if (kind != FAILURE_NONE && rep->named < FAILURES_NAMED) {
    fprintf(stderr, "%sparx: %s: %s\n", rep->progress ? "\r\033[K" : "", failure_name(kind),
            message);
    rep->named++;
  }
  if (rep->progress) show_progress(rep, k);
}

static void summarize(const batch_counts *k, long peak_kb, int quiet) {
  if (quiet && !k->failed) return;
  fprintf(
      stderr,
      "parx batch: %zu document%s: %zu extracted, %zu duplicate%s, %zu already done, %zu failed",
      k->total, k->total == 1 ? "" : "s", k->extracted, k->duplicates,
      k->duplicates == 1 ? "" : "s", k->resumed, k->failed);
  const char *sep = " (";
  for (int i = 1; i < FAILURE_KINDS; i++)
    if (k->failures[i]) {
      fprintf(stderr, "%s%zu %s", sep, k->failures[i], failure_name((failure_kind)i));
      sep = ", ";
    }
  fprintf(stderr, "%s", k->failed ? ")" : "");
  if (peak_kb) fprintf(stderr, "; largest worker %.0f MiB", (double)peak_kb / 1024);
  fprintf(stderr, "\n");
}

static int run_batch(batch_options *o, const char *shown_output) {
  parx_options po;
  parx_engine *engine = cli_engine("parx batch", &o->engine, &po);
  po.ocr_threads = 1; /* the workers share the CPUs: a scan's pages one at a time */
  if (!engine) {
    engine_opts_free(&o->engine);
    return EXIT_USAGE;
  }
  struct sigaction sa = {.sa_handler = on_stop_signal}; /* no SA_RESTART: waits end */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN); /* a closed output is a write error, reported */
  reporter rep = {!o->quiet && isatty(STDERR_FILENO), time(NULL), {0, 0}, 0};
  o->config.stop = &stop_signal;
  o->config.progress = on_entry;
  o->config.user = &rep;
  batch_counts k;
  long peak_kb;
  char err[BATCH_ERR_LEN];
  batch_outcome outcome = batch_run(engine, &po, &o->config, &k, &peak_kb, err);
  parx_engine_free(engine);
  engine_opts_free(&o->engine);
  if (rep.progress) fprintf(stderr, "\r\033[K");
  if (outcome == BATCH_FAILED) {
    fprintf(stderr, "parx batch: %s\n", err);
    return EXIT_USAGE;
  }
  summarize(&k, peak_kb, o->quiet);
  if (outcome == BATCH_STOPPED) {
    fprintf(stderr,
            "parx batch: interrupted: %zu of %zu documents done (in %s%s); %zu remain; run the "
            "same command with --resume to continue\n",
            k.done, k.total, shown_output, strcmp(shown_output, "-") ? ".part" : "",
            k.total - k.done);
    return 128 + stop_signal;
  }
  return k.failed ? EXIT_FAILURES : 0;
}

int batch_command(int argc, char **argv) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  batch_options o = {
      .config = {.jobs = cpus > 0 ? (int)(cpus < 256 ? cpus : 256) : 1, .limits = {300, 1024}}};
  int rc = parse_options(argc, argv, &o);
  if (rc) return rc < 0 ? 0 : rc;
  if (!o.config.output) o.config.output = default_output(o.config.format);
  if (!strcmp(o.config.output, "-") && (o.config.format != SINK_JSONL || o.config.resume))
    return usage_error("-o - writes JSON Lines and cannot be resumed", "");
  path_list paths = {0};
  rc = collect_paths(argc, argv, &o, &paths);
  if (!rc) {
    o.config.paths = paths.items;
    o.config.npaths = paths.n;
    rc = run_batch(&o, o.config.output);
  }
  path_list_free(&paths);
  return rc;
}

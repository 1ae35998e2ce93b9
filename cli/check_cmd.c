/* parx check --catalog CATALOG FILE...: holds documents (or records already
 * extracted) against a criteria catalog and reports what is missing or does
 * not add up. */
#include "check.h"
#include "engine.h"
#include "check_cmd.h"
#include "records_in.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* The record's warnings shown above a table: the first few say enough. */
enum { EXIT_FINDINGS = 1, EXIT_ERROR = 2, MAX_NOTES = 3 };

static const char check_usage[] =
    "Usage: parx check --catalog CATALOG [OPTIONS] FILE...\n"
    "Checks each FILE (a PDF, DOCX or text document, or records already extracted as\n"
    "JSON or JSON Lines) against CATALOG (a shipped catalog's name, or a catalog file):\n"
    "criteria missing or unknown, scores over their maximum, maxima that differ, sums\n"
    "and percents that do not add up.\n"
    "\n"
    "Options:\n"
    "  -c, --catalog=CATALOG   the catalog (name or path); required\n"
    "  -j, --json              JSON: one report per document (JSON Lines for several)\n"
    /* clang-format off */
    ENGINE_OPTIONS_HELP
    /* clang-format on */
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 no finding, 1 findings, 2 an error (bad usage, a catalog or a file\n"
    "that cannot be read).\n";

typedef struct check_opts {
  const char *catalog;
  engine_opts engine;
  int json;
} check_opts;

static int usage(const char *msg) {
  fprintf(stderr, "parx check: %s\nTry 'parx check --help'.\n", msg);
  return EXIT_ERROR;
}

static int parse(int argc, char **argv, check_opts *o) {
  static const struct option longs[] = {{"catalog", required_argument, 0, 'c'},
                                        {"json", no_argument, 0, 'j'},
                                        ENGINE_LONG_OPTIONS,
                                        {"help", no_argument, 0, 'h'},
                                        {0, 0, 0, 0}};
  optind = 1;
  for (int c; (c = getopt_long(argc, argv, "c:jh", longs, NULL)) != -1;) {
    switch (c) {
    case 'c':
      o->catalog = optarg;
      break;
    case 'j':
      o->json = 1;
      break;
    case 'h':
      fputs(check_usage, stdout);
      return -1;
    default:
      switch (engine_opt(&o->engine, c, optarg, "parx check")) {
      case 1:
        continue;
      case -1:
        return EXIT_ERROR;
      }
      return usage("bad option");
    }
  }
  if (!o->catalog) return usage("--catalog is required");
  if (optind == argc) return usage("no FILE given");
  return 0;
}

static void print_number(json_t *v) {
  if (json_is_number(v))
    printf("%10g", json_number_value(v));
  else
    printf("%10s", "");
}

/* The report as a table: the counts per kind first, then the findings of
 * each kind with their place, numbers and message. */
static void print_table(json_t *report) {
  json_t *counts = json_object_get(report, "counts"),
         *findings = json_object_get(report, "findings");
  printf("%s: %zu finding%s against %s\n", json_string_value(json_object_get(report, "path")),
         json_array_size(findings), json_array_size(findings) == 1 ? "" : "s",
         json_string_value(json_object_get(report, "catalog")));
  for (int k = 0; k < CHECK_KINDS; k++)
    printf("%s%s %lld", k ? ", " : "  ", check_kind_name(k),
           (long long)json_integer_value(json_object_get(counts, check_kind_name(k))));
  printf("\n");
  json_t *warnings = json_object_get(report, "warnings");
  for (size_t w = 0; w < json_array_size(warnings) && w < MAX_NOTES; w++)
    printf("  note: %s\n", json_string_value(json_array_get(warnings, w)));
  if (json_array_size(warnings) > MAX_NOTES)
    printf("  note: and %zu more warnings of the record\n", json_array_size(warnings) - MAX_NOTES);
  const char *kind = NULL;
  size_t i;
  json_t *f;
  json_array_foreach(findings, i, f) {
    const char *this = json_string_value(json_object_get(f, "kind"));
    if (!kind || strcmp(kind, this))
      printf("\n%s\n  %-8s %-5s %10s %10s  %s\n", this, "line", "page", "value", "expected",
             "what");
    kind = this;
    json_t *loc = json_object_get(f, "loc");
    json_t *line = json_object_get(loc, "line"), *page = json_object_get(loc, "page");
    char where[24] = "-", sheet[24] = "";
    if (json_is_integer(line))
      snprintf(where, sizeof where, "%lld", (long long)json_integer_value(line));
    if (json_is_integer(page))
      snprintf(sheet, sizeof sheet, "%lld", (long long)json_integer_value(page));
    printf("  %-8s %-5s", where, sheet);
    print_number(json_object_get(f, "value"));
    printf(" ");
    print_number(json_object_get(f, "expected"));
    printf("  %s\n", json_string_value(json_object_get(f, "message")));
  }
  printf("\n");
}

/* Checks the records of one file; returns 0, EXIT_FINDINGS or EXIT_ERROR. */
static int check_file(const parx_engine *engine, const parx_options *po, const check_catalog *cat,
                      const char *path, const check_opts *o, int lines) {
  record_list records = {0};
  if (records_add(&records, path, engine, po)) {
    record_list_free(&records);
    return EXIT_ERROR;
  }
  int rc = 0;
  lines = lines || records.n > 1;
  for (size_t i = 0; i < records.n; i++) {
    json_t *record = records.items[i];
    json_t *report = check_record(cat, record);
    if (!report) {
      fprintf(stderr, "parx: %s: out of memory\n", path);
      rc = EXIT_ERROR;
      break;
    }
    if (json_is_null(json_object_get(report, "path")))
      json_object_set_new(report, "path", json_string(path));
    if (json_array_size(json_object_get(report, "findings")) && !rc) rc = EXIT_FINDINGS;
    if (o->json) {
      size_t flags =
          JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10) | (lines ? JSON_COMPACT : JSON_INDENT(2));
      json_dumpf(report, stdout, flags);
      putchar('\n');
    } else {
      print_table(report);
    }
    json_decref(report);
  }
  record_list_free(&records);
  return rc;
}

int check_command(int argc, char **argv) {
  check_opts o = {0};
  int rc = parse(argc, argv, &o);
  if (rc) return rc < 0 ? 0 : rc;
  parx_error err = {0};
  check_catalog *cat = check_catalog_open(o.catalog, &err);
  if (!cat) {
    fprintf(stderr, "parx: %s\n", err.message);
    return EXIT_ERROR;
  }
  parx_options po;
  parx_engine *engine = cli_engine("parx check", &o.engine, &po);
  if (!engine) {
    check_catalog_free(cat);
    engine_opts_free(&o.engine);
    return EXIT_ERROR;
  }
  /* several files, or a file of several records, give JSON Lines */
  int lines = argc - optind > 1;
  for (int i = optind; i < argc; i++) {
    int one = check_file(engine, &po, cat, argv[i], &o, lines);
    if (one > rc) rc = one;
  }
  parx_engine_free(engine);
  engine_opts_free(&o.engine);
  check_catalog_free(cat);
  return rc;
}

/* parx catalog FILE: derives a criteria catalog from a document that
 * tabulates a framework and prints it as JSON. */
#include "check.h"
#include "engine.h"
#include "safe_output.h"
#include "check_cmd.h"

#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_UNREADABLE = 1, EXIT_USAGE = 2 };

static const char catalog_usage[] =
    "Usage: parx catalog [OPTIONS] FILE\n"
    "Derives a criteria catalog from FILE (text, DOCX or PDF) that tabulates a framework:\n"
    "a table with a code column and maximum points (a column, or '…: 0,5đ' in the title),\n"
    "a table flattened one cell per line, or coded lines with points. Prints it as JSON;\n"
    "warnings about the tree (sums, parents, skipped numbers) go to standard error.\n"
    "\n"
    "Options:\n"
    "  -n, --name NAME          the catalog's name (default: FILE's name without extension)\n"
    "  -l, --level LEVEL        province, district, department or commune\n"
    "  -y, --years YEARS        2022, 2021-2022 or 2021,2023 (default: the document's year)\n"
    "  -f, --framework NUMBER   the decision that issued the framework (e.g. 1150/QĐ-BNV)\n"
    "  -o, --output FILE        write to FILE instead of standard output\n"
    "  -q, --quiet              no warnings\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 success, 1 the document could not be read or tabulates no criteria,\n"
    "2 bad usage.\n";

typedef struct catalog_opts {
  const char *name, *level, *years, *framework, *output;
  int quiet;
} catalog_opts;

static int usage(const char *msg) {
  fprintf(stderr, "parx catalog: %s\nTry 'parx catalog --help'.\n", msg);
  return EXIT_USAGE;
}

/* FILE's name without directory and extension: the default catalog name. */
static char *default_name(const char *path) {
  char *copy = strdup(path);
  if (!copy) return NULL;
  char *name = strdup(basename(copy));
  free(copy);
  char *dot = name ? strrchr(name, '.') : NULL;
  if (dot && dot != name) *dot = '\0';
  return name;
}

/* The year the document is for, as "2022", or "" when it states none. */
static void document_year(const parx_engine *engine, const char *path, char out[16]) {
  parx_error err = {0};
  parx_record *r = parx_extract_file(engine, path, NULL, &err);
  char *json = r ? parx_record_to_json(r, 0) : NULL;
  json_t *record = json ? json_loads(json, 0, NULL) : NULL;
  json_t *year = json_object_get(json_object_get(record, "document"), "year");
  snprintf(out, 16, "%s", "");
  if (json_is_integer(year)) snprintf(out, 16, "%lld", (long long)json_integer_value(year));
  json_decref(record);
  free(json);
  parx_record_free(r);
}

static check_catalog *derive(const parx_engine *engine, const char *path, const catalog_opts *o,
                             parx_error *err) {
  char *text = parx_text_file(engine, path, NULL, NULL, err);
  check_catalog *cat = text ? check_catalog_derive(text, path, err) : NULL;
  free(text);
  if (!cat) return NULL;
  char year[16] = "";
  if (!o->years) document_year(engine, path, year);
  char *name = o->name ? NULL : default_name(path);
  int rc = check_catalog_set(cat, o->name ? o->name : name, o->framework,
                             o->years ? o->years
                             : *year  ? year
                                      : NULL,
                             o->level, err);
  free(name);
  if (rc) {
    check_catalog_free(cat);
    return NULL;
  }
  return cat;
}

static int parse(int argc, char **argv, catalog_opts *o) {
  static const struct option longs[] = {
      {"name", required_argument, 0, 'n'},   {"level", required_argument, 0, 'l'},
      {"years", required_argument, 0, 'y'},  {"framework", required_argument, 0, 'f'},
      {"output", required_argument, 0, 'o'}, {"quiet", no_argument, 0, 'q'},
      {"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};
  optind = 1;
  for (int c; (c = getopt_long(argc, argv, "n:l:y:f:o:qh", longs, NULL)) != -1;) {
    switch (c) {
    case 'n':
      o->name = optarg;
      break;
    case 'l':
      o->level = optarg;
      break;
    case 'y':
      o->years = optarg;
      break;
    case 'f':
      o->framework = optarg;
      break;
    case 'o':
      o->output = optarg;
      break;
    case 'q':
      o->quiet = 1;
      break;
    case 'h':
      fputs(catalog_usage, stdout);
      return -1;
    default:
      return usage("bad option");
    }
  }
  if (optind + 1 != argc) return usage("give one FILE");
  return 0;
}

int catalog_command(int argc, char **argv) {
  catalog_opts o = {0};
  int rc = parse(argc, argv, &o);
  if (rc) return rc < 0 ? 0 : rc;
  const char *path = argv[optind];
  parx_error err = {0};
  /* a bad --level or --years is a usage error, found before the work */
  check_catalog *probe = check_catalog_new();
  rc = !probe || check_catalog_set(probe, NULL, NULL, o.years, o.level, &err);
  check_catalog_free(probe);
  if (rc) return usage(probe ? err.message : "out of memory");
  engine_opts none = {0}; /* a framework is read from its text: no rule option */
  parx_options po;
  parx_engine *engine = cli_engine("parx catalog", &none, &po);
  if (!engine) return EXIT_USAGE;
  check_catalog *cat = derive(engine, path, &o, &err);
  parx_engine_free(engine);
  if (!cat) {
    fprintf(stderr, "parx: %s\n", err.message);
    return EXIT_UNREADABLE;
  }
  for (size_t i = 0; !o.quiet && i < check_catalog_warning_count(cat); i++)
    fprintf(stderr, "parx: %s: warning: %s\n", path, check_catalog_warning(cat, i));
  json_t *json = check_catalog_to_json(cat);
  check_catalog_free(cat);
  safe_output out;
  if (!json || safe_output_open(&out, o.output, argv + optind, 1)) {
    json_decref(json);
    return json ? EXIT_USAGE : EXIT_UNREADABLE;
  }
  json_dumpf(json, out.f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
  fputc('\n', out.f);
  rc = safe_output_close(&out);
  json_decref(json);
  return rc ? EXIT_UNREADABLE : 0;
}

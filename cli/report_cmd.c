/* `parx report`: options, records in, one HTML page out. */
#include "report_cmd.h"
#include "check.h"
#include "engine.h"
#include "records_in.h"
#include "report.h"
#include "safe_output.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { EXIT_FAILED = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage: parx report [OPTIONS] FILE...\n"
    "Writes one self-contained HTML page (no network: styles and SVG charts inline)\n"
    "about the records of FILE...: plans and reports (PDF, DOCX, text), records\n"
    "already extracted (JSON or JSON Lines), or a parx batch SQLite database.\n"
    "\n"
    "  -o, --output=FILE       write the page to FILE (default: standard output)\n"
    "  -a, --as-of=YYYY-MM-DD  tasks due before this date are overdue (default: today)\n"
    "  -c, --catalog=CATALOG   show what 'parx check' finds against CATALOG (a shipped\n"
    "                          catalog's name, or a catalog file)\n" ENGINE_OPTIONS_HELP
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 the page was written, 1 an input could not be read or the page\n"
    "not written, 2 bad usage.\n";

typedef struct report_args {
  const char *output, *as_of, *catalog;
  engine_opts engine;
} report_args;

static int usage_error(const char *what, const char *arg) {
  fprintf(stderr, "parx report: %s%s\nTry 'parx report --help'.\n", what, arg);
  return EXIT_USAGE;
}

static int valid_date(const char *s) {
  int y, m, d;
  char extra;
  return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && m >= 1 &&
         m <= 12 && d >= 1 && d <= 31 && s[4] == '-' && s[7] == '-';
}

static int parse(int argc, char **argv, report_args *a) {
  static const struct option longs[] = {
      {"output", required_argument, NULL, 'o'},  {"as-of", required_argument, NULL, 'a'},
      {"catalog", required_argument, NULL, 'c'}, ENGINE_LONG_OPTIONS,
      {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
  opterr = 0;
  int ch;
  while ((ch = getopt_long(argc, argv, "o:a:c:h", longs, NULL)) != -1) {
    switch (ch) {
    case 'o':
      a->output = optarg;
      break;
    case 'a':
      if (!valid_date(optarg)) return usage_error("--as-of takes a date YYYY-MM-DD, not ", optarg);
      a->as_of = optarg;
      break;
    case 'c':
      a->catalog = optarg;
      break;
    case 'h':
      fputs(usage_text, stdout);
      return -1;
    default:
      switch (engine_opt(&a->engine, ch, optarg, "parx report")) {
      case 1:
        continue;
      case -1:
        return EXIT_USAGE;
      }
      if (optopt && strchr("oac", optopt))
        return usage_error("an option needs a value: ", argv[optind - 1]);
      return usage_error("unknown option ", argv[optind - 1]);
    }
  }
  if (optind == argc) return usage_error("no input given", "");
  return 0;
}

/* The `parx check` report of every record against `catalog` (*checks:
 * malloc'd, one per record). 0, or -1 with a message. */
static int check_all(const char *catalog, const record_list *records, json_t ***checks) {
  parx_error err = {0};
  check_catalog *cat = check_catalog_open(catalog, &err);
  if (!cat) {
    fprintf(stderr, "parx report: %s\n", err.message);
    return -1;
  }
  *checks = calloc(records->n, sizeof **checks);
  for (size_t i = 0; *checks && i < records->n; i++)
    (*checks)[i] = check_record(cat, records->items[i]);
  check_catalog_free(cat);
  if (*checks) return 0;
  fprintf(stderr, "parx report: out of memory\n");
  return -1;
}

int report_command(int argc, char **argv) {
  report_args a = {0};
  int rc = parse(argc, argv, &a);
  if (rc) return rc < 0 ? 0 : rc;
  char today[11];
  time_t now = time(NULL);
  strftime(today, sizeof today, "%Y-%m-%d", localtime(&now));
  report_options ro = {a.as_of ? a.as_of : today};
  parx_options po;
  parx_engine *engine = cli_engine("parx report", &a.engine, &po);
  if (!engine) {
    engine_opts_free(&a.engine);
    return EXIT_USAGE;
  }
  record_list records = {0};
  for (int i = optind; i < argc; i++)
    if (records_add(&records, argv[i], engine, &po)) rc = EXIT_FAILED;
  parx_engine_free(engine);
  engine_opts_free(&a.engine);
  json_t **checks = NULL;
  if (a.catalog && records.n && check_all(a.catalog, &records, &checks)) rc = EXIT_USAGE;
  char *html =
      records.n && rc != EXIT_USAGE ? report_html(records.items, checks, records.n, &ro) : NULL;
  safe_output out;
  if (rc == EXIT_USAGE) {
    /* the catalog could not be read: said */
  } else if (!records.n) {
    fprintf(stderr, "parx report: no record to report on\n");
    rc = EXIT_FAILED;
  } else if (!html) {
    fprintf(stderr, "parx report: out of memory\n");
    rc = EXIT_FAILED;
  } else if (safe_output_open(&out, a.output, argv + optind, (size_t)(argc - optind))) {
    rc = EXIT_USAGE;
  } else {
    fputs(html, out.f);
    if (safe_output_close(&out)) rc = EXIT_FAILED;
  }
  free(html);
  for (size_t i = 0; checks && i < records.n; i++)
    json_decref(checks[i]);
  free(checks);
  record_list_free(&records);
  return rc;
}

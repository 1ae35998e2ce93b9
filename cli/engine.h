/*
 * What every command that reads documents shares: the rule options, the
 * password of encrypted PDFs, and the engine built from them.
 */
#ifndef PARX_CLI_ENGINE_H
#define PARX_CLI_ENGINE_H

#include <getopt.h>
#include <stddef.h>

#include "parx.h"

enum {
  ENGINE_OPT_RULES = 1000,
  ENGINE_OPT_RULES_DIR,
  ENGINE_OPT_PASSWORD,
  ENGINE_OPT_PASSWORD_FILE,
  ENGINE_OPT_OCR,
  MAX_EXTRA_RULES = 64
};

/* The long options below, for a command's option table. */
#define ENGINE_LONG_OPTIONS                                                                        \
  {"rules", required_argument, NULL, ENGINE_OPT_RULES},                                            \
      {"rules-dir", required_argument, NULL, ENGINE_OPT_RULES_DIR},                                \
      {"password", required_argument, NULL, ENGINE_OPT_PASSWORD},                                  \
      {"password-file", required_argument, NULL, ENGINE_OPT_PASSWORD_FILE}, {                      \
    "ocr", required_argument, NULL, ENGINE_OPT_OCR                                                 \
  }

/* The lines of --help that describe them. */
#define ENGINE_OPTIONS_HELP                                                                        \
  "      --rules=FILE        load a rule file after the built-in ones (adds or\n"                  \
  "                          overrides rules by name; may be repeated)\n"                          \
  "      --rules-dir=DIR     use the rule files of DIR instead of the built-in ones\n"             \
  "      --password=PW       password of an encrypted PDF (shows in ps: prefer\n"                  \
  "      --password-file=F   the first line of F, or the environment's PARX_PASSWORD)\n"           \
  "      --ocr=WHEN          recognise the page images of PDFs with Tesseract: auto\n"             \
  "                          (pages without text, or with a poor invisible text\n"                 \
  "                          layer; the default), always, or never\n"

typedef struct engine_opts {
  const char *rules_dir, *password, *password_file;
  parx_ocr_mode ocr;
  const char *extra_rules[MAX_EXTRA_RULES];
  size_t nextra;
  char *password_read; /* the password read from --password-file (owned) */
} engine_opts;

/* Takes option `ch` with its `arg` when it is one of ENGINE_LONG_OPTIONS:
 * 1 when taken, 0 when `ch` is another option, -1 after a usage message
 * (prefixed with `prog`). */
int engine_opt(engine_opts *o, int ch, const char *arg, const char *prog);

/*
 * Builds the engine from the rule options and fills `po` (the password from
 * --password, else --password-file, else PARX_PASSWORD). Prints a load
 * error (and returns NULL) or the engine's warnings (a rule name the
 * program never reads) on standard error, prefixed with `prog`.
 */
parx_engine *cli_engine(const char *prog, engine_opts *o, parx_options *po);

/* Frees what cli_engine read (the password file's line). */
void engine_opts_free(engine_opts *o);

#endif

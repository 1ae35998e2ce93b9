/* The options every reading command shares, and building its engine. */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

int engine_opt(engine_opts *o, int ch, const char *arg, const char *prog) {
  switch (ch) {
  case ENGINE_OPT_RULES:
    if (o->nextra == MAX_EXTRA_RULES) {
      fprintf(stderr, "%s: too many --rules files (at most %d)\nTry '%s --help'.\n", prog,
              MAX_EXTRA_RULES, prog);
      return -1;
    }
    o->extra_rules[o->nextra++] = arg;
    return 1;
  case ENGINE_OPT_RULES_DIR:
    o->rules_dir = arg;
    return 1;
  case ENGINE_OPT_PASSWORD:
    o->password = arg;
    return 1;
  case ENGINE_OPT_PASSWORD_FILE:
    o->password_file = arg;
    return 1;
  case ENGINE_OPT_OCR:
    if (!strcmp(arg, "auto")) {
      o->ocr = PARX_OCR_AUTO;
    } else if (!strcmp(arg, "always")) {
      o->ocr = PARX_OCR_ALWAYS;
    } else if (!strcmp(arg, "never")) {
      o->ocr = PARX_OCR_NEVER;
    } else {
      fprintf(stderr, "%s: --ocr takes auto, always or never, not '%s'\nTry '%s --help'.\n", prog,
              arg, prog);
      return -1;
    }
    return 1;
  default:
    return 0;
  }
}

/* The first line of the password file, kept out of the command line where
 * `ps` would show it. 0, or -1 with a message. */
static int read_password(engine_opts *o, const char *prog) {
  FILE *f = fopen(o->password_file, "r");
  size_t cap = 0;
  ssize_t n = f ? getline(&o->password_read, &cap, f) : -1;
  int bad = !f || (n < 0 && ferror(f)), saved = errno;
  if (f) fclose(f);
  if (bad) {
    fprintf(stderr, "%s: %s: cannot read the password file: %s\n", prog, o->password_file,
            strerror(saved));
    return -1;
  }
  if (n < 0) { /* an empty file: an empty password */
    free(o->password_read);
    o->password_read = strdup("");
    n = 0;
  }
  if (!o->password_read) return -1;
  while (n > 0 && strchr("\r\n", o->password_read[n - 1]))
    o->password_read[--n] = '\0';
  return 0;
}

parx_engine *cli_engine(const char *prog, engine_opts *o, parx_options *po) {
  *po = (parx_options){.password = o->password, .ocr = o->ocr};
  if (!po->password && o->password_file) {
    if (read_password(o, prog)) return NULL;
    po->password = o->password_read;
  } else if (!po->password) {
    po->password = getenv("PARX_PASSWORD");
  }
  parx_error err = {0};
  parx_engine *engine = parx_engine_new(o->rules_dir, o->extra_rules, o->nextra, &err);
  if (!engine) {
    fprintf(stderr, "%s: %s\n", prog, err.message);
    return NULL;
  }
  for (size_t i = 0; i < parx_engine_warning_count(engine); i++)
    fprintf(stderr, "%s: warning: %s\n", prog, parx_engine_warning(engine, i));
  return engine;
}

void engine_opts_free(engine_opts *o) {
  free(o->password_read);
  o->password_read = NULL;
}

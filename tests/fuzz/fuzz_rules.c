/* libFuzzer: bytes as a rule file given with --rules (the loader's parsing
 * of names and patterns, and PCRE2 compiling what it hands on). */
#include "error.h"
#include "rules/rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The loader reads files: a directory of one small rule file stands for the
 * built-in rules, so that each run compiles little more than the fuzzed
 * file, written beside it (a directory without rules is refused). */
static char top[] = "/tmp/parx-fuzz-rules-XXXXXX";
static char builtin[sizeof top + 16], base[sizeof top + 32], extra[sizeof top + 16];

static void cleanup(void) {
  unlink(extra);
  unlink(base);
  rmdir(builtin);
  rmdir(top);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  if (!mkdtemp(top)) abort();
  snprintf(builtin, sizeof builtin, "%s/builtin", top);
  snprintf(extra, sizeof extra, "%s/extra.rules", top);
  snprintf(base, sizeof base, "%s/base.rules", builtin);
  FILE *f = mkdir(builtin, 0700) ? NULL : fopen(base, "w");
  if (!f || fputs("num.value \\d+(?:[.,]\\d+)*\ncode.cell ^(?<code>\\d+)$\n", f) < 0 || fclose(f))
    abort();
  atexit(cleanup);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FILE *f = fopen(extra, "wb");
  if (!f || fwrite(data, 1, size, f) != size || fclose(f)) abort();
  const char *extras[] = {extra};
  parx_error err = {0};
  parx_rules_free(parx_rules_load(builtin, extras, 1, &err));
  return 0;
}

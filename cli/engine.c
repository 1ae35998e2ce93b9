/* Building the engine and saying what its rule files got wrong. */
#include "engine.h"

#include <stdio.h>

parx_engine *cli_engine(const char *prog, const char *rules_dir, const char *const *extra,
                        size_t nextra) {
  parx_error err = {0};
  parx_engine *engine = parx_engine_new(rules_dir, extra, nextra, &err);
  if (!engine) {
    fprintf(stderr, "%s: %s\n", prog, err.message);
    return NULL;
  }
  for (size_t i = 0; i < parx_engine_warning_count(engine); i++)
    fprintf(stderr, "%s: warning: %s\n", prog, parx_engine_warning(engine, i));
  return engine;
}

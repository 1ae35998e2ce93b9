/* libFuzzer: any bytes through the whole library path, as `parx extract`
 * takes them (format detection, every reader, the rules, the JSON). */
#include "parx.h"

#include <stdint.h>
#include <stdlib.h>

static parx_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  parx_error err = {0};
  engine = parx_engine_new(NULL, NULL, 0, &err);
  return engine ? 0 : (abort(), 0); /* without rules there is nothing to fuzz */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  parx_error err = {0};
  parx_record *record = parx_extract(engine, data, size, "fuzz", NULL, &err);
  if (record) free(parx_record_to_json(record, 0));
  parx_record_free(record);
  return 0;
}

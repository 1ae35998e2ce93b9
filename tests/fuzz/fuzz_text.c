/* libFuzzer: bytes read as a text document, then normalised and assembled
 * by the rules, without format detection turning binary input away. */
#include "error.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "rules/rules.h"

#include <stdint.h>
#include <stdlib.h>

static parx_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  parx_error err = {0};
  rules = parx_rules_load(PARX_RULES_BUILT, NULL, 0, &err);
  if (!rules) abort(); /* without rules there is nothing to fuzz */
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  parx_error err = {0};
  parx_doc *doc = parx_ingest_text(data, size, "fuzz.txt", &err);
  if (!doc) return 0;
  parx_doc_tidy(doc);
  if (parx_normalize_doc(doc) == 0) parx_rec_free(parx_assemble(rules, doc, 0, &err));
  parx_doc_free(doc);
  return 0;
}

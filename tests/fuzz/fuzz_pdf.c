/* libFuzzer: bytes given to the PDF reader, through the module loader as
 * parx does it (Poppler parses; our layout, block and table code runs). */
#include "error.h"
#include "ingest/ingest.h"
#include "locate.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  /* Held open for the run, so that the module is loaded once, before the
   * fuzzer counts its coverage, rather than on the first PDF. */
  char path[4096];
  if (!dlopen(parx_locate_pdf_module(path, sizeof path), RTLD_NOW | RTLD_LOCAL)) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  parx_error err = {0};
  parx_doc_free(parx_ingest_pdf(data, size, "fuzz.pdf", NULL, &err));
  return 0;
}

/* DOCX reader (work in progress). */
#include "ingest.h"

#include "error.h"

parx_doc *parx_ingest_docx(const unsigned char *bytes, size_t len, const char *name,
                           parx_error *err) {
  (void)bytes;
  (void)len;
  parx_error_set(err, PARX_ERR_FORMAT, "%s: DOCX reading is not implemented yet", name);
  return NULL;
}

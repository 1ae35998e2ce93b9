/* The PDF reader (work in progress). */
#include "ingest.h"

#include "error.h"

parx_doc *parx_ingest_pdf(const unsigned char *bytes, size_t len, const char *name,
                          const char *password, parx_error *err) {
  (void)bytes;
  (void)len;
  (void)password;
  parx_error_set(err, PARX_ERR_FORMAT, "%s: PDF reading is not available yet", name);
  return NULL;
}

/* Loads the DOCX reader module on demand (docx_module.h). */
#include "docx_module.h"
#include "error.h"
#include "locate.h"
#include "module.h"

#include <stdio.h>

static const parx_module docx = {"DOCX reader", "PARX_DOCX_MODULE", "parx-docx.so",
                                 parx_locate_docx_module};

parx_doc *parx_ingest_docx(const unsigned char *bytes, size_t len, const char *name,
                           parx_error *err) {
  char why[PARX_MODULE_WHY_MAX];
  parx_docx_reader *read;
  *(void **)&read = parx_module_entry(&docx, "parx_docx_ingest", why, sizeof why);
  if (!read) {
    parx_error_set(err, PARX_ERR_INTERNAL, "%s: %s", name ? name : "document", why);
    return NULL;
  }
  return read(bytes, len, name, err);
}

parx_format parx_classify_zip(const unsigned char *bytes, size_t len, char *what, size_t what_len) {
  char why[PARX_MODULE_WHY_MAX];
  parx_zip_classifier *classify;
  *(void **)&classify = parx_module_entry(&docx, "parx_docx_classify", why, sizeof why);
  if (!classify) {
    snprintf(what, what_len, "%s", why);
    return PARX_FORMAT_NO_READER;
  }
  return classify(bytes, len, what, what_len);
}

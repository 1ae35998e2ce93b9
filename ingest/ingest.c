/* The stage's entry point: detect the format, run its reader. */
#include "ingest.h"
#include "error.h"
#include "module.h"

static parx_doc *read_format(const unsigned char *bytes, size_t len, const char *name,
                             const parx_ingest_options *options, parx_error *err) {
  char what[PARX_MODULE_WHY_MAX];
  switch (parx_detect_format(bytes, len, what, sizeof what)) {
  case PARX_FORMAT_PDF:
    return parx_ingest_pdf(bytes, len, name, options, err);
  case PARX_FORMAT_DOCX:
    return parx_ingest_docx(bytes, len, name, err);
  case PARX_FORMAT_TEXT:
    return parx_ingest_text(bytes, len, name, err);
  case PARX_FORMAT_DAMAGED:
    parx_error_set(err, PARX_ERR_FORMAT, "%s: cannot be read: %s", name, what);
    return NULL;
  case PARX_FORMAT_ENCRYPTED_DOCX:
    parx_error_set(err, PARX_ERR_PASSWORD,
                   "%s: a password-protected (encrypted) DOCX file; parx cannot decrypt Office "
                   "documents: save it without a password and try again",
                   name);
    return NULL;
  case PARX_FORMAT_NO_READER:
    parx_error_set(err, PARX_ERR_INTERNAL, "%s: %s", name, what);
    return NULL;
  case PARX_FORMAT_UNSUPPORTED:
    break;
  }
  parx_error_set(err, PARX_ERR_UNSUPPORTED, "%s: unsupported format: %s", name, what);
  return NULL;
}

parx_doc *parx_ingest(const unsigned char *bytes, size_t len, const char *name,
                      const parx_ingest_options *options, parx_error *err) {
  if (!len) {
    /* most often a copy or a download that failed: nothing to extract */
    parx_error_set(err, PARX_ERR_FORMAT, "%s: the file is empty (0 bytes)", name);
    return NULL;
  }
  parx_doc *doc = read_format(bytes, len, name, options, err);
  if (doc) parx_doc_tidy(doc);
  return doc;
}

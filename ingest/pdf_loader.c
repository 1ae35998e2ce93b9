/*
 * Loads the PDF reader module on demand. Poppler and the libraries under it
 * (cairo, fontconfig, glib, …) take longer to load than parx takes to read a
 * text plan, so only a process that meets a PDF pays for them.
 */
#include "error.h"
#include "ingest.h"
#include "locate.h"
#include "module.h"

typedef parx_doc *(*pdf_reader)(const unsigned char *bytes, size_t len, const char *name,
                                const parx_ingest_options *options, parx_error *err);

parx_doc *parx_ingest_pdf(const unsigned char *bytes, size_t len, const char *name,
                          const parx_ingest_options *options, parx_error *err) {
  static const parx_module pdf = {"PDF reader", "PARX_PDF_MODULE", "parx-pdf.so",
                                  parx_locate_pdf_module};
  char why[PARX_MODULE_WHY_MAX];
  pdf_reader read;
  *(void **)&read = parx_module_entry(&pdf, "parx_pdf_ingest", why, sizeof why);
  if (!read) {
    parx_error_set(err, PARX_ERR_INTERNAL, "%s: %s", name, why);
    return NULL;
  }
  /* the PDF module loads the OCR module only for a page it must recognise */
  char ocr_module[4096];
  parx_ingest_options with_ocr = options ? *options : (parx_ingest_options){0};
  with_ocr.ocr_module = parx_locate_ocr_module(ocr_module, sizeof ocr_module);
  return read(bytes, len, name, &with_ocr, err);
}

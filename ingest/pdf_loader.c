/*
 * Loads the PDF reader module on demand. Poppler and the libraries under it
 * (cairo, fontconfig, glib, …) take longer to load than parx takes to read a
 * text plan, so only a process that meets a PDF pays for them.
 */
#include "error.h"
#include "ingest.h"
#include "locate.h"

#include <dlfcn.h>

typedef parx_doc *(*pdf_reader)(const unsigned char *bytes, size_t len, const char *name,
                                const parx_ingest_options *options, parx_error *err);

/* The module found by parx_locate_pdf_module; `path` keeps its name for the
 * message when it cannot be loaded. */
static void *open_module(char *path, size_t cap) {
  /* the loader keeps one copy loaded; each call only counts a reference.
   * Lazy binding: of the ~50 libraries under Poppler, those not linked with
   * -z now (X11, xcb, fontconfig, …) then bind only the functions a text
   * extraction calls, not their whole PLT (~2.5M instructions a process). */
  return dlopen(parx_locate_pdf_module(path, cap), RTLD_LAZY | RTLD_LOCAL);
}

parx_doc *parx_ingest_pdf(const unsigned char *bytes, size_t len, const char *name,
                          const parx_ingest_options *options, parx_error *err) {
  char tried[4096];
  void *module = open_module(tried, sizeof tried);
  pdf_reader read = NULL;
  if (module) *(void **)&read = dlsym(module, "parx_pdf_ingest");
  if (!read) {
    const char *why = dlerror();
    parx_error_set(err, PARX_ERR_INTERNAL,
                   "%s: the PDF reader module could not be loaded (%s: %s); rebuild parx or "
                   "set PARX_PDF_MODULE to the path of parx-pdf.so",
                   name, tried, why ? why : "no parx_pdf_ingest in it");
    return NULL;
  }
  /* the PDF module loads the OCR module only for a page it must recognise */
  char ocr_module[4096];
  parx_ingest_options with_ocr = options ? *options : (parx_ingest_options){0};
  with_ocr.ocr_module = parx_locate_ocr_module(ocr_module, sizeof ocr_module);
  return read(bytes, len, name, &with_ocr, err);
}

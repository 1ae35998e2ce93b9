/*
 * Loads the PDF reader module on demand. Poppler and the libraries under it
 * (cairo, fontconfig, glib, …) take longer to load than parx takes to read a
 * text plan, so only a process that meets a PDF pays for them.
 */
#include "error.h"
#include "ingest.h"

#include <dlfcn.h>
#include <stdlib.h>

typedef parx_doc *(*pdf_reader)(const unsigned char *bytes, size_t len, const char *name,
                                const char *password, parx_error *err);

/* Where the module is: $PARX_PDF_MODULE, the build tree, the install prefix. */
static void *open_module(const char **tried) {
  const char *candidates[] = {getenv("PARX_PDF_MODULE"), PARX_PDF_MODULE_BUILT,
                              PARX_PDF_MODULE_INSTALLED};
  for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
    if (!candidates[i] || !*candidates[i]) continue;
    *tried = candidates[i];
    /* the loader keeps one copy loaded; each call only counts a reference */
    void *module = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
    if (module) return module;
  }
  return NULL;
}

parx_doc *parx_ingest_pdf(const unsigned char *bytes, size_t len, const char *name,
                          const char *password, parx_error *err) {
  const char *tried = "(none)";
  void *module = open_module(&tried);
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
  return read(bytes, len, name, password, err);
}

/* Loads the reader modules on demand (see module.h). */
#include "module.h"

#include <dlfcn.h>
#include <stdio.h>

void *parx_module_entry(const parx_module *m, const char *entry, char *why, size_t why_len) {
  char path[4096];
  /* Lazy binding: of the libraries under a module (~50 under Poppler), those
   * not linked with -z now (X11, xcb, fontconfig, …) then bind only the
   * functions a document's reading calls, not their whole PLT (~2.5M
   * instructions a process for the PDF module). */
  void *module = dlopen(m->locate(path, sizeof path), RTLD_LAZY | RTLD_LOCAL);
  void *fn = module ? dlsym(module, entry) : NULL;
  if (fn) return fn;
  char missing[128];
  const char *cause = dlerror();
  if (!cause) {
    snprintf(missing, sizeof missing, "no %s in it", entry);
    cause = missing;
  }
  snprintf(why, why_len,
           "the %s module could not be loaded (%s: %s); rebuild parx or set %s to the path of %s",
           m->reader, path, cause, m->env, m->file);
  return NULL;
}

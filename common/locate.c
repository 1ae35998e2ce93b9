/* Finds the installed files relative to the running code (see locate.h). */

/* dladdr1 and struct link_map are GNU extensions: they tell whether this code
 * was linked into the executable or runs from libparx.so, which the
 * portable dladdr cannot (it names the executable by argv[0]). */
#define _GNU_SOURCE
#include "locate.h"

#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One installed file: its path relative to the library's directory and to
 * the executable's, in the build tree, and under the configured prefix. All
 * four are compiled in by CMakeLists.txt from the GNU install directories. */
typedef struct place {
  const char *env;
  const char *from_libdir, *from_bindir, *built, *installed;
  int is_dir;
} place;

static int exists(const char *path, int is_dir) {
  struct stat st;
  return stat(path, &st) == 0 && (is_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
}

/* Writes the directory of the path `file` joined with `rel`. */
static int join_dir(char *out, size_t cap, const char *file, const char *rel) {
  const char *slash = strrchr(file, '/');
  if (!slash) return 0;
  int n = snprintf(out, cap, "%.*s/%s", (int)(slash - file), file, rel);
  return n > 0 && (size_t)n < cap;
}

/* The absolute path of the shared object holding this code; 0 when the code
 * is part of the executable (whose link map has an empty name). */
static int shared_object_path(char resolved[PATH_MAX]) {
  Dl_info info;
  struct link_map *map = NULL;
  if (!dladdr1((void *)&shared_object_path, &info, (void **)&map, RTLD_DL_LINKMAP) || !map ||
      !map->l_name || !map->l_name[0])
    return 0;
  return realpath(map->l_name, resolved) != NULL;
}

/* Whether the executable lies inside the build tree this code was built in:
 * only then may the source and build trees stand in for an installation. */
static int in_build_tree(const char *exe) {
  char build[PATH_MAX];
  if (!realpath(PARX_BUILD_DIR, build)) return 0;
  size_t n = strlen(build);
  return strncmp(exe, build, n) == 0 && exe[n] == '/';
}

static const char *locate(const place *p, char *out, size_t cap) {
  const char *env = getenv(p->env);
  if (env && *env) {
    snprintf(out, cap, "%s", env);
    return out;
  }
  char self[PATH_MAX], exe[PATH_MAX];
  if (shared_object_path(self) && join_dir(out, cap, self, p->from_libdir) &&
      exists(out, p->is_dir))
    return out;
  int have_exe = realpath("/proc/self/exe", exe) != NULL;
  if (have_exe && join_dir(out, cap, exe, p->from_bindir) && exists(out, p->is_dir)) return out;
  snprintf(out, cap, "%s", have_exe && in_build_tree(exe) ? p->built : p->installed);
  return out;
}

const char *parx_locate_rules_dir(char *out, size_t cap) {
  static const place rules = {"PARX_RULES_DIR", PARX_LIBDIR_TO_RULES, PARX_BINDIR_TO_RULES,
                              PARX_RULES_BUILT, PARX_RULES_INSTALLED, 1};
  return locate(&rules, out, cap);
}

const char *parx_locate_catalogs_dir(char *out, size_t cap) {
  static const place catalogs = {"PARX_CATALOG_DIR",      PARX_LIBDIR_TO_CATALOGS,
                                 PARX_BINDIR_TO_CATALOGS, PARX_CATALOGS_BUILT,
                                 PARX_CATALOGS_INSTALLED, 1};
  return locate(&catalogs, out, cap);
}

const char *parx_locate_pdf_module(char *out, size_t cap) {
  static const place module = {"PARX_PDF_MODULE",     PARX_LIBDIR_TO_PDF,        PARX_BINDIR_TO_PDF,
                               PARX_PDF_MODULE_BUILT, PARX_PDF_MODULE_INSTALLED, 0};
  return locate(&module, out, cap);
}

const char *parx_locate_docx_module(char *out, size_t cap) {
  static const place module = {"PARX_DOCX_MODULE",         PARX_LIBDIR_TO_DOCX,
                               PARX_BINDIR_TO_DOCX,        PARX_DOCX_MODULE_BUILT,
                               PARX_DOCX_MODULE_INSTALLED, 0};
  return locate(&module, out, cap);
}

const char *parx_locate_ocr_module(char *out, size_t cap) {
  static const place module = {"PARX_OCR_MODULE",     PARX_LIBDIR_TO_OCR,        PARX_BINDIR_TO_OCR,
                               PARX_OCR_MODULE_BUILT, PARX_OCR_MODULE_INSTALLED, 0};
  return locate(&module, out, cap);
}

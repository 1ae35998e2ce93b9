/* parx_preload_reader: the reader module that a document's first bytes need
 * is loaded, and none for text. */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "parx.h"

/* True when the module at `path` is loaded in this process. */
static int loaded(const char *path) {
  void *h = dlopen(path, RTLD_LAZY | RTLD_NOLOAD);
  if (h) dlclose(h);
  return h != NULL;
}

static void test_preload_by_format(void **state) {
  (void)state;
  static const char text[] = "KẾ HOẠCH\nCải cách hành chính năm 2025\n";
  static const char pdf[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  static const char zip[] = "PK\x03\x04\x14\x00\x00\x00";
  assert_false(loaded(PARX_PDF_MODULE_PATH));
  assert_false(loaded(PARX_DOCX_MODULE_PATH));
  parx_preload_reader((const unsigned char *)text, sizeof text - 1);
  assert_false(loaded(PARX_PDF_MODULE_PATH));
  assert_false(loaded(PARX_DOCX_MODULE_PATH));
  parx_preload_reader((const unsigned char *)pdf, sizeof pdf - 1);
  assert_true(loaded(PARX_PDF_MODULE_PATH));
  assert_false(loaded(PARX_DOCX_MODULE_PATH));
  parx_preload_reader((const unsigned char *)zip, sizeof zip - 1);
  assert_true(loaded(PARX_DOCX_MODULE_PATH));
  parx_preload_reader(NULL, 0); /* nothing to read: nothing done */
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_preload_by_format)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}

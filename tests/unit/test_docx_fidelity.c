/*
 * The DOCX reader never changes what a DOCX states: no markup cleaning meant
 * for converted text, no page-break repairs of stated rows and paragraphs,
 * content controls, text boxes, notes, math and drop caps read in place, the
 * main part found through its relationship, encrypted files named as such.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "docx_fixture.h"

/* A parx_ingest of the bytes (detection, reader, model repairs). */
static parx_doc *ingest_ok(const unsigned char *bytes, size_t len) {
  parx_error err = {0};
  parx_doc *doc = parx_ingest(bytes, len, "plan.docx", NULL, &err);
  if (!doc) fail_msg("parx_ingest failed: %s", err.message);
  return doc;
}

/* parx_ingest of a DOCX made of `document` (the whole path, repairs included). */
static parx_doc *ingest_docx(const char *document) {
  size_t len;
  unsigned char *bytes = make_docx(document, 0, NULL, &len);
  parx_doc *doc = ingest_ok(bytes, len);
  free(bytes);
  return doc;
}

/* clang-format off */
static const char STATED_MARKUP[] = BODY(
    P("Hệ số 22,18*0,7") P("Điểm 0.24**") P("# 1 mục") P("~~cũ~~ mới")
    P("‹a> b") P("**Sở** Nội vụ")
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    TR(TC(P("STT")) TC(P("Nội dung"))) TR(TC(P("1*")) TC(P("&lt;b&gt;x&lt;/b&gt; *y*"))) "</w:tbl>");
/* clang-format on */

static void test_stated_markup_kept(void **state) {
  (void)state;
  parx_doc *doc = ingest_docx(STATED_MARKUP);
  static const char *const want[] = {"Hệ số 22,18*0,7", "Điểm 0.24**", "# 1 mục",
                                     "~~cũ~~ mới",      "‹a> b",       "**Sở** Nội vụ"};
  assert_int_equal(doc->nblocks, COUNT(want) + 1);
  for (size_t i = 0; i < COUNT(want); i++)
    assert_string_equal(doc->blocks[i].text, want[i]);
  static const char *const row[] = {"1*", "<b>x</b> *y*"};
  assert_row(&doc->blocks[COUNT(want)].rows[1], row, COUNT(row));
  parx_doc_free(doc);
}

static void test_text_still_cleaned(void **state) {
  (void)state;
  static const char text[] = "**Sở** Nội vụ\n\n## Mục ~~cũ~~ mới\n\nSTT\t<b>Việc</b>\n1\t*làm*\n";
  parx_doc *doc = ingest_ok((const unsigned char *)text, sizeof text - 1);
  assert_string_equal(doc->format, "txt");
  assert_int_equal(doc->nblocks, 3);
  assert_string_equal(doc->blocks[0].text, "Sở Nội vụ");
  assert_string_equal(doc->blocks[1].text, "Mục mới");
  static const char *const row[] = {"1", "làm"};
  assert_row(&doc->blocks[2].rows[1], row, COUNT(row));
  parx_doc_free(doc);
}

#define GRID2 "<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
#define HEAD TR(TC(P("STT")) TC(P("Nội dung công việc")))

/* clang-format off */
/* A row whose cells begin the header's, a caption between two tables of the
 * same columns, a lower-case paragraph after a short one: all as stated. */
static const char STATED_BLOCKS[] = BODY(
    "<w:tbl>" GRID2 HEAD TR(TC(P("STT")) TC(P("Nội dung"))) TR(TC(P("1")) TC(P("Việc một")))
    TR(TC(P("")) TC(P("tiếp theo"))) "</w:tbl>"
    P("Bảng 2. Việc năm sau")
    "<w:tbl>" GRID2 TR(TC(P("2")) TC(P("Việc hai"))) "</w:tbl>"
    P("Kết luận") P("xem phụ lục"));

/* Two parts of one table that a converter of a paged source made: an exact
 * copy of the header, the cut row, a cut fragment between. */
static const char CONVERTED_PARTS[] = BODY(
    "<w:tbl>" GRID2 HEAD TR(TC(P("1")) TC(P("Việc một bị cắt"))) "</w:tbl>"
    P("ở giữa")
    "<w:tbl>" GRID2 HEAD TR(TC(P("")) TC(P("qua trang"))) TR(TC(P("2")) TC(P("Việc hai")))
    "</w:tbl>");
/* clang-format on */

static void test_stated_blocks_not_repaired(void **state) {
  (void)state;
  parx_doc *doc = ingest_docx(STATED_BLOCKS);
  assert_int_equal(doc->nblocks, 5);
  const parx_block *t = &doc->blocks[0];
  assert_int_equal(t->kind, PARX_BLOCK_TABLE);
  assert_int_equal(t->nrows, 4); /* the header-like row and the cut-looking row stay */
  static const char *const like_header[] = {"STT", "Nội dung"};
  assert_row(&t->rows[1], like_header, COUNT(like_header));
  static const char *const own[] = {"", "tiếp theo"};
  assert_row(&t->rows[3], own, COUNT(own));
  assert_string_equal(doc->blocks[1].text, "Bảng 2. Việc năm sau");
  assert_int_equal(doc->blocks[2].kind, PARX_BLOCK_TABLE);
  assert_int_equal(doc->blocks[2].nrows, 1);
  assert_string_equal(doc->blocks[3].text, "Kết luận");
  assert_string_equal(doc->blocks[4].text, "xem phụ lục");
  parx_doc_free(doc);
}

static void test_converted_parts_joined(void **state) {
  (void)state;
  parx_doc *doc = ingest_docx(CONVERTED_PARTS);
  assert_int_equal(doc->nblocks, 1);
  const parx_block *t = &doc->blocks[0];
  assert_int_equal(t->nrows, 3);
  static const char *const cut[] = {"1", "Việc một bị cắt ở giữa qua trang"};
  assert_row(&t->rows[1], cut, COUNT(cut));
  parx_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stated_markup_kept),
      cmocka_unit_test(test_text_still_cleaned),
      cmocka_unit_test(test_stated_blocks_not_repaired),
      cmocka_unit_test(test_converted_parts_joined),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

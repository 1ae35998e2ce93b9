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
#include "extract/extract.h"

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

/* Two parts of one table that a converter of a paged source made: a copy
 * of the header (with a note appended), the cut row, a cut fragment between. */
static const char CONVERTED_PARTS[] = BODY(
    "<w:tbl>" GRID2 HEAD TR(TC(P("1")) TC(P("Việc một bị cắt"))) "</w:tbl>"
    P("ở giữa")
    "<w:tbl>" GRID2 TR(TC(P("STT")) TC(P("Nội dung công việc (tiếp)")))
    TR(TC(P("")) TC(P("qua trang"))) TR(TC(P("2")) TC(P("Việc hai")))
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

/* clang-format off */
#define SDT_PR_PH "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
/* A placeholder wrapping a cell, one inside a paragraph, one wrapping a
 * paragraph; a filled control keeps its content. */
static const char PLACEHOLDERS[] = BODY(
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    TR(TC(P("STT")) TC(P("Nội dung")) TC(P("Cơ quan")))
    TR(TC(P("1")) "<w:sdt>" SDT_PR_PH "<w:sdtContent>" TC(P("Nhấn để nhập."))
       "</w:sdtContent></w:sdt>" TC(P("Sở Nội vụ")))
    TR(TC(P("2")) "<w:sdt><w:sdtPr/><w:sdtContent>" TC(P("Việc hai")) "</w:sdtContent></w:sdt>"
       TC(P("Sở Tư pháp"))) "</w:tbl>"
    "<w:p>" RUN("Hạn: ") "<w:sdt>" SDT_PR_PH "<w:sdtContent>" RUN("Chọn ngày.")
    "</w:sdtContent></w:sdt>" RUN(" năm 2024") "</w:p>"
    "<w:sdt>" SDT_PR_PH "<w:sdtContent>" P("Nhập văn bản.") "</w:sdtContent></w:sdt>"
    "<w:sdt><w:sdtPr/><w:sdtContent>" P("Nội dung thật") "</w:sdtContent></w:sdt>");
/* clang-format on */

static void test_placeholder_keeps_cell(void **state) {
  (void)state;
  parx_doc *doc = ingest_docx(PLACEHOLDERS);
  assert_int_equal(doc->nblocks, 3);
  const parx_block *t = &doc->blocks[0];
  assert_int_equal(t->nrows, 3);
  static const char *const empty[] = {"1", "", "Sở Nội vụ"};
  assert_row(&t->rows[1], empty, COUNT(empty));
  static const char *const filled[] = {"2", "Việc hai", "Sở Tư pháp"};
  assert_row(&t->rows[2], filled, COUNT(filled));
  assert_string_equal(doc->blocks[1].text, "Hạn: năm 2024");
  assert_string_equal(doc->blocks[2].text, "Nội dung thật");
  parx_doc_free(doc);
}

#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define WPS_NS "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
#define M_NS "http://schemas.openxmlformats.org/officeDocument/2006/math"
#define DOC_HEAD_NS                                                                                \
  "<w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"" MC_NS "\" xmlns:wps=\"" WPS_NS                    \
  "\" xmlns:m=\"" M_NS "\" xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body>"
#define BODY_NS(x) XML_DECL DOC_HEAD_NS x DOC_TAIL

/* clang-format off */
/* A text box offered as a shape and as VML (the same text twice), math, a
 * drop cap, a text box in a cell. */
static const char BOXES_MATH_DROPCAP[] = BODY_NS(
    "<w:p>" RUN("Trước hộp")
    "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
    P("Trong hộp một") P("Trong hộp hai") "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" P("Trong hộp một")
    P("Trong hộp hai") "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>"
    "<w:p>" RUN("Tỷ lệ ") "<m:oMath><m:r><m:t>x</m:t></m:r><m:r><m:t>=</m:t></m:r>"
    "<m:f><m:num><m:r><m:t>a</m:t></m:r></m:num><m:den><m:r><m:t>b</m:t></m:r></m:den></m:f>"
    "</m:oMath>" RUN(" điểm") "</w:p>"
    "<w:p><w:pPr><w:framePr w:dropCap=\"drop\" w:lines=\"3\"/></w:pPr>" RUN("K") "</w:p>"
    P("ế hoạch năm")
    "<w:tbl>" GRID2 TR(TC(P("STT")) TC(P("Nội dung")))
    TR(TC(P("1")) TC("<w:p>" RUN("Việc") "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
       P("ghi chú") "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")) "</w:tbl>");
/* clang-format on */

static void test_boxes_math_dropcap(void **state) {
  (void)state;
  parx_doc *doc = ingest_docx(BOXES_MATH_DROPCAP);
  static const char *const want[] = {"Trước hộp", "Trong hộp một", "Trong hộp hai",
                                     "Tỷ lệ x= a/b điểm", "Kế hoạch năm"};
  assert_int_equal(doc->nblocks, COUNT(want) + 1);
  for (size_t i = 0; i < COUNT(want); i++)
    assert_string_equal(doc->blocks[i].text, want[i]);
  static const char *const row[] = {"1", "Việc ghi chú"};
  assert_row(&doc->blocks[COUNT(want)].rows[1], row, COUNT(row));
  parx_doc_free(doc);
}

static const char RELS_HEAD[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
#define REL(id, kind, target)                                                                      \
  "<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"      \
  "relationships/" kind "\" Target=\"" target "\"/>"
#define NOTES(root, item)                                                                          \
  XML_DECL "<w:" root " xmlns:w=\"" W_NS "\"><w:" item " w:type=\"separator\" w:id=\"-1\">" P(     \
      "----") "</w:" item "><w:" item " w:id=\"1\">" P("Ghi chú một") "</w:" item "></w:" root ">"

/* A package whose main part is doc/main.xml, with notes named by its .rels. */
static void test_main_part_and_notes(void **state) {
  (void)state;
  char pkg_rels[512], main_rels[512];
  snprintf(pkg_rels, sizeof pkg_rels, "%s%s</Relationships>", RELS_HEAD,
           REL("rId1", "officeDocument", "/doc/main.xml"));
  snprintf(main_rels, sizeof main_rels, "%s%s%s</Relationships>", RELS_HEAD,
           REL("rId1", "footnotes", "notes/foot.xml"), REL("rId2", "endnotes", "../end.xml"));
  static const char types[] =
      XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
               "<Override PartName=\"/doc/main.xml\" ContentType=\"application/"
               "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
  const part parts[] = {
      {"[Content_Types].xml", types, 0},
      {"_rels/.rels", pkg_rels, 0},
      {"doc/main.xml", BODY(P("Thân văn bản")), 0},
      {"doc/_rels/main.xml.rels", main_rels, 0},
      {"doc/notes/foot.xml", NOTES("footnotes", "footnote"), 0},
      {"end.xml", NOTES("endnotes", "endnote"), 0},
  };
  size_t len;
  unsigned char *bytes = make_zip(parts, COUNT(parts), &len);
  char what[256];
  assert_int_equal(parx_detect_format(bytes, len, what, sizeof what), PARX_FORMAT_DOCX);
  parx_doc *doc = ingest_ok(bytes, len);
  free(bytes);
  static const char *const want[] = {"Thân văn bản", "Ghi chú một", "Ghi chú một"};
  assert_paragraphs(doc, want, COUNT(want));
  parx_doc_free(doc);
}

/* An OLE2 container whose directory names an EncryptedPackage stream: the
 * header, then a directory entry (UTF-16LE name) further in. */
static void test_encrypted_docx(void **state) {
  (void)state;
  size_t len = 4096;
  unsigned char *bytes = calloc(1, len);
  assert_non_null(bytes);
  memcpy(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  static const char name[] = "EncryptedPackage";
  for (size_t i = 0; i < sizeof name - 1; i++)
    bytes[1024 + 2 * i] = (unsigned char)name[i];
  parx_error err = {0};
  assert_null(parx_ingest(bytes, len, "plan.docx", NULL, &err));
  assert_int_equal(err.status, PARX_ERR_PASSWORD);
  assert_non_null(strstr(err.message, "plan.docx"));
  assert_non_null(strstr(err.message, "cannot decrypt"));
  assert_non_null(strstr(err.message, "without a password"));
  /* without the stream it is still a legacy .doc */
  memset(bytes + 1024, 0, 64);
  char what[256];
  assert_int_equal(parx_detect_format(bytes, len, what, sizeof what), PARX_FORMAT_UNSUPPORTED);
  assert_non_null(strstr(what, ".doc"));
  free(bytes);
}

/* The joiners stay in the text where they shape letters (Persian, Hindi) and
 * only keys ignore them; after a Latin letter they only steer ligatures and
 * go, as a zero-width space does. */
static void test_joiners_kept(void **state) {
  (void)state;
  parx_doc *doc = ingest_docx(BODY(P("می\xE2\x80\x8Cخواهم क\xE2\x80\x8D्ष a\xE2\x80\x8B"
                                     "b đi\xE2\x80\x8Dểm")));
  assert_int_equal(parx_normalize_doc(doc), 0);
  assert_string_equal(doc->blocks[0].text, "می\xE2\x80\x8Cخواهم क\xE2\x80\x8D्ष ab điểm");
  char *with = parx_key("Sở\xE2\x80\x8D Nội vụ", strlen("Sở\xE2\x80\x8D Nội vụ"));
  char *without = parx_key("Sở Nội vụ", strlen("Sở Nội vụ"));
  assert_non_null(with);
  assert_non_null(without);
  assert_string_equal(with, without);
  free(with);
  free(without);
  parx_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stated_markup_kept),
      cmocka_unit_test(test_text_still_cleaned),
      cmocka_unit_test(test_stated_blocks_not_repaired),
      cmocka_unit_test(test_converted_parts_joined),
      cmocka_unit_test(test_placeholder_keeps_cell),
      cmocka_unit_test(test_boxes_math_dropcap),
      cmocka_unit_test(test_main_part_and_notes),
      cmocka_unit_test(test_encrypted_docx),
      cmocka_unit_test(test_joiners_kept),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests of the DOCX reader. Each test builds its DOCX in memory with
 * libzip, so that every case shows the exact WordprocessingML it feeds in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "ingest/ingest.h"

#include "docx_fixture.h"

#define DAKLAK_DOCX "/work/shared/corpus/docx/daklak-2017.docx"
#define QUANGDIEN_DOCX "/work/shared/corpus/docx/quangdien-2022.docx"

/* The WordprocessingML of each case, laid out by hand to show its structure. */
/* clang-format off */
static const char PARAGRAPHS[] = BODY(
    P("Kế hoạch") "<w:p/>" P("   ")
    "<w:p>" RUN("Hel") RUN("lo") "<w:r><w:tab/><w:t>world</w:t></w:r></w:p>"
    P("Cuối"));

static const char SPANS_AND_MERGES[] = BODY(
    P("Trước")
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    TR(TC(P("STT")) TC(P("Nội\xC2\xA0" "dung")) TC(P("Cơ quan")))
    TR(TC_PR("<w:gridSpan w:val=\"2\"/>", P("Rộng"))
       TC_PR("<w:vMerge w:val=\"restart\"/>", P("Sở Nội vụ")))
    TR(TC(P("1")) TC(P("Việc")) TC_PR("<w:vMerge/>", P("ẩn")))
    TR(TC(P("\xC2\xA0")) TC(P("tiếp")) TC(P(" ")))
    "</w:tbl>"
    P("Sau"));

/* No w:tblGrid: the widest row (gridBefore + spans) sets the column count. */
static const char WIDTH_FROM_SPANS[] = BODY(
    "<w:tbl>"
    TR(TC(P("a")))
    TR("<w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>"
       TC_PR("<w:gridSpan w:val=\"2\"/>", P("b")) TC(P("c")))
    "</w:tbl>");

static const char NUMBERING[] = XML_DECL
    "<w:numbering xmlns:w=\"" W_NS "\">"
    "<w:abstractNum w:abstractNumId=\"10\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl>" /* U+F0B7, a Symbol-font bullet */
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"o\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"11\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.%2.\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"12\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>"
    "<w:lvlText w:val=\"%1)\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"13\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"2\"/><w:numFmt w:val=\"upperRoman\"/>"
    "<w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"11\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"12\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"13\"/></w:num>"
    "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"11\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"7\"/></w:lvlOverride></w:num>"
    "</w:numbering>";

static const char LISTS[] = BODY(
    LI(1, 0, "Mục") LI(1, 1, "Ý nhỏ")
    LI(2, 0, "Một") LI(2, 1, "Con") LI(2, 1, "Con nữa") LI(2, 0, "Hai") LI(2, 1, "Lại con")
    LI(3, 0, "chữ") LI(3, 0, "chữ nữa")
    LI(4, 0, "La Mã")
    LI(5, 0, "Bảy")
    LI(0, 0, "Không danh sách") LI(99, 0, "Danh sách lạ"));

static const char LIST_IN_CELL[] = BODY(
    "<w:tbl>"
    TR(TC(P("1")) TC(P("Sản phẩm:") LI(1, 0, "Báo cáo") LI(1, 0, "Kế hoạch")))
    "</w:tbl>");

static const char TRACKED_CHANGES[] = BODY(
    "<w:p>" RUN("Giữ ") "<w:del><w:r><w:delText>bỏ </w:delText></w:r></w:del>"
    "<w:ins>" RUN("thêm") "</w:ins></w:p>"
    "<w:p><w:moveFrom>" RUN("cũ") "</w:moveFrom><w:moveTo>" RUN("mới") "</w:moveTo></w:p>");

static const char BREAKS_AND_WRAPPERS[] = BODY(
    "<w:p><w:r><w:t>dòng một</w:t><w:br/><w:t>dòng hai</w:t><w:cr/><w:t>ba</w:t></w:r></w:p>"
    "<w:p><w:hyperlink>" RUN("liên kết") "</w:hyperlink>"
    "<w:smartTag>" RUN(" thẻ") "</w:smartTag>"
    "<w:sdt><w:sdtPr/><w:sdtContent>" RUN(" hộp") "</w:sdtContent></w:sdt>"
    "<w:fldSimple w:instr=\"PAGE\">" RUN(" 7") "</w:fldSimple>"
    "<w:r><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:instrText>PAGE</w:instrText></w:r></w:p>"
    "<w:sdt><w:sdtContent>" P("khối") "</w:sdtContent></w:sdt>"
    "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
    "<w:sdtContent>" P("Click here to enter text.") "</w:sdtContent></w:sdt>");

static const char NESTED_TABLE[] = BODY(
    "<w:tbl>"
    TR(TC(P("1"))
       TC(P("Gồm:")
          "<w:tbl>"
          TR(TC(P("a")) TC(P("b")))
          TR(TC(P("")) TC(P("")))
          TR(TC(P("c")) TC(P("d")))
          "</w:tbl>"))
    "</w:tbl>");

static const char ENTITIES[] = XML_DECL
    "<!DOCTYPE w:document [<!ENTITY e \"EXPANDED\">"
    "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
    DOC_HEAD P("a &e; b &x; c") DOC_TAIL;

#define TEN(e) e e e e e e e e e e
static const char BILLION_LAUGHS[] = XML_DECL
    "<!DOCTYPE w:document [<!ENTITY l0 \"lol\">"
    "<!ENTITY l1 \"" TEN("&l0;") "\"><!ENTITY l2 \"" TEN("&l1;") "\">"
    "<!ENTITY l3 \"" TEN("&l2;") "\"><!ENTITY l4 \"" TEN("&l3;") "\">"
    "<!ENTITY l5 \"" TEN("&l4;") "\"><!ENTITY l6 \"" TEN("&l5;") "\">"
    "<!ENTITY l7 \"" TEN("&l6;") "\"><!ENTITY l8 \"" TEN("&l7;") "\">"
    "<!ENTITY l9 \"" TEN("&l8;") "\">]>"
    DOC_HEAD P("&l9;") DOC_TAIL;
/* clang-format on */

static void test_paragraphs_in_order(void **state) {
  (void)state;
  parx_doc *doc = read_ok(PARAGRAPHS, NULL);
  static const char *const want[] = {"Kế hoạch", "Hello world", "Cuối"};
  assert_paragraphs(doc, want, COUNT(want));
  assert_string_equal(doc->format, "docx");
  assert_int_equal(doc->pages, 0);
  for (size_t i = 0; i < doc->nblocks; i++) {
    assert_int_equal(doc->blocks[i].line, (int)i + 1); /* empty paragraphs take no line */
    assert_int_equal(doc->blocks[i].page, 0);
  }
  assert_int_equal(doc->next_line, 4);
  parx_doc_free(doc);
}

static void test_table_spans_and_merges(void **state) {
  (void)state;
  parx_doc *doc = read_ok(SPANS_AND_MERGES, NULL);
  assert_int_equal(doc->nblocks, 3);
  assert_string_equal(doc->blocks[0].text, "Trước");
  const parx_block *t = &doc->blocks[1];
  assert_int_equal(t->kind, PARX_BLOCK_TABLE);
  assert_int_equal(t->nrows, 4);
  static const char *const r0[] = {"STT", "Nội dung", "Cơ quan"};
  static const char *const r1[] = {"Rộng", "", "Sở Nội vụ"};
  static const char *const r2[] = {"1", "Việc", ""}; /* the merge continues: left empty */
  static const char *const r3[] = {"", "tiếp", ""};  /* the model reads no-break spaces as spaces */
  assert_row(&t->rows[0], r0, 3);
  assert_row(&t->rows[1], r1, 3);
  assert_row(&t->rows[2], r2, 3);
  assert_row(&t->rows[3], r3, 3);
  /* lines: paragraph 1, rows 2..5 (the table's line is its first row's), paragraph 6 */
  assert_int_equal(doc->blocks[0].line, 1);
  assert_int_equal(t->line, 2);
  for (size_t i = 0; i < t->nrows; i++)
    assert_int_equal(t->rows[i].line, (int)i + 2);
  assert_int_equal(doc->blocks[2].line, 6);
  parx_doc_free(doc);
}

static void test_table_width_from_spans(void **state) {
  (void)state;
  parx_doc *doc = read_ok(WIDTH_FROM_SPANS, NULL);
  const parx_block *t = &doc->blocks[0];
  static const char *const r0[] = {"a", "", "", ""};
  static const char *const r1[] = {"", "b", "", "c"};
  assert_row(&t->rows[0], r0, 4);
  assert_row(&t->rows[1], r1, 4);
  parx_doc_free(doc);
}

static void test_numbering(void **state) {
  (void)state;
  parx_doc *doc = read_ok(LISTS, NUMBERING);
  static const char *const want[] = {"- Mục",        "+ Ý nhỏ",   "1. Một",       "1.1. Con",
                                     "1.2. Con nữa", "2. Hai",    "2.1. Lại con", "a) chữ",
                                     "b) chữ nữa",   "II. La Mã", "7. Bảy",       "Không danh sách",
                                     "Danh sách lạ"};
  assert_paragraphs(doc, want, COUNT(want));
  parx_doc_free(doc);
}

/* Headings numbered by their paragraph style (word/styles.xml), as Word does. */
static void test_numbering_from_styles(void **state) {
  (void)state;
  static const char styles[] = XML_DECL
      "<w:styles xmlns:w=\"" W_NS "\">"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"4\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Agency\"><w:basedOn w:val=\"Letters\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Letters\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>"
      "</w:styles>";
  static const char document[] = BODY("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" RUN(
      "TỔ CHỨC THỰC HIỆN") "</w:p>"
                           "<w:p><w:pPr><w:pStyle w:val=\"Agency\"/></w:pPr>" RUN(
                               "Sở Nội vụ") "</w:p>"
                                            "<w:p><w:pPr><w:pStyle w:val=\"Agency\"/></w:pPr>" RUN(
                                                "Sở Tư pháp") "</w:p>"
                                                              "<w:p><w:pPr><w:pStyle "
                                                              "w:val=\"Agency\"/><w:numPr><w:numId "
                                                              "w:val=\"0\"/></w:numPr>"
                                                              "</w:pPr>" RUN("Không số") "</w:p>");
  part parts[] = {{"[Content_Types].xml", CONTENT_TYPES, 0},
                  {"word/document.xml", document, 0},
                  {"word/numbering.xml", NUMBERING, 0},
                  {"word/styles.xml", styles, 0}};
  size_t len;
  unsigned char *bytes = make_zip(parts, COUNT(parts), &len);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_docx(bytes, len, "plan.docx", &err);
  free(bytes);
  assert_non_null(doc);
  static const char *const want[] = {"II. TỔ CHỨC THỰC HIỆN", "a) Sở Nội vụ", "b) Sở Tư pháp",
                                     "Không số"};
  assert_paragraphs(doc, want, COUNT(want));
  parx_doc_free(doc);
}

static void test_numbering_in_table_cell(void **state) {
  (void)state;
  parx_doc *doc = read_ok(LIST_IN_CELL, NUMBERING);
  static const char *const r0[] = {"1", "Sản phẩm: - Báo cáo - Kế hoạch"};
  assert_row(&doc->blocks[0].rows[0], r0, 2);
  parx_doc_free(doc);
}

static void test_damaged_numbering_is_a_warning(void **state) {
  (void)state;
  parx_doc *doc = read_ok(BODY(LI(1, 0, "Mục")), "<w:numbering");
  static const char *const want[] = {"Mục"};
  assert_paragraphs(doc, want, 1);
  assert_int_equal(doc->nwarnings, 1);
  assert_non_null(strstr(doc->warnings[0], "word/numbering.xml"));
  parx_doc_free(doc);
}

static void test_tracked_changes(void **state) {
  (void)state;
  parx_doc *doc = read_ok(TRACKED_CHANGES, NULL);
  static const char *const want[] = {"Giữ thêm", "mới"};
  assert_paragraphs(doc, want, COUNT(want));
  parx_doc_free(doc);
}

static void test_soft_breaks_and_wrappers(void **state) {
  (void)state;
  parx_doc *doc = read_ok(BREAKS_AND_WRAPPERS, NULL);
  static const char *const want[] = {"dòng một dòng hai ba", "liên kết thẻ hộp 7", "khối"};
  assert_paragraphs(doc, want, COUNT(want));
  parx_doc_free(doc);
}

static void test_nested_table_flattened(void **state) {
  (void)state;
  parx_doc *doc = read_ok(NESTED_TABLE, NULL);
  assert_int_equal(doc->nblocks, 1);
  assert_int_equal(doc->blocks[0].nrows, 1);
  static const char *const r0[] = {"1", "Gồm: a b; c d"};
  assert_row(&doc->blocks[0].rows[0], r0, 2);
  parx_doc_free(doc);
}

static void test_missing_document(void **state) {
  (void)state;
  parx_error err = {0};
  assert_null(read_docx(NULL, NULL, &err));
  assert_int_equal(err.status, PARX_ERR_FORMAT);
  assert_string_equal(err.message, "plan.docx: not a DOCX file: word/document.xml is missing");
}

static void test_not_a_zip(void **state) {
  (void)state;
  static const char garbage[] = "Kế hoạch cải cách hành chính, not a ZIP archive at all";
  parx_error err = {0};
  assert_null(
      parx_ingest_docx((const unsigned char *)garbage, sizeof garbage - 1, "plan.docx", &err));
  assert_int_equal(err.status, PARX_ERR_FORMAT);
  assert_non_null(strstr(err.message, "plan.docx: not a DOCX file"));

  size_t len;
  unsigned char *bytes = make_docx(BODY(P("Kế hoạch")), 0, NULL, &len);
  assert_null(parx_ingest_docx(bytes, len / 2, "plan.docx", &err));
  assert_int_equal(err.status, PARX_ERR_FORMAT);
  assert_non_null(strstr(err.message, "plan.docx"));
  free(bytes);
}

static void test_bad_xml(void **state) {
  (void)state;
  assert_fails(XML_DECL DOC_HEAD "<w:p><w:r><w:t>x</w:r>", PARX_ERR_FORMAT,
               "word/document.xml is not well-formed XML");
  assert_fails(XML_DECL "<html><body><p>x</p></body></html>", PARX_ERR_FORMAT,
               "word/document.xml has no w:document/w:body");
}

static void test_entities_not_expanded(void **state) {
  (void)state;
  /* An internal entity is left a reference, an external one is not loaded. */
  parx_doc *doc = read_ok(ENTITIES, NULL);
  static const char *const want[] = {"a b c"};
  assert_paragraphs(doc, want, 1);
  parx_doc_free(doc);
}

static void test_billion_laughs(void **state) {
  (void)state;
  /* libxml2 refuses the exponential entity without expanding it. */
  assert_fails(BILLION_LAUGHS, PARX_ERR_FORMAT, "word/document.xml");
}

/* A document.xml of `n` bytes whose text is one run of spaces. */
static char *padded_document(size_t n) {
  static const char head[] = XML_DECL DOC_HEAD "<w:p><w:r><w:t>";
  static const char tail[] = "</w:t></w:r></w:p>" DOC_TAIL;
  char *xml = malloc(n + 1);
  assert_non_null(xml);
  memset(xml, ' ', n);
  memcpy(xml, head, sizeof head - 1);
  memcpy(xml + n - (sizeof tail - 1), tail, sizeof tail);
  return xml;
}

static void assert_limit(const unsigned char *bytes, size_t len, const char *needle) {
  parx_error err = {0};
  assert_null(parx_ingest_docx(bytes, len, "plan.docx", &err));
  assert_int_equal(err.status, PARX_ERR_LIMIT);
  if (!strstr(err.message, needle) || !strstr(err.message, "plan.docx"))
    fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
}

static void test_compression_ratio_limit(void **state) {
  (void)state;
  /* 5 MB of spaces deflate about 1000:1, far past the 200:1 limit. */
  char *xml = padded_document(5u << 20);
  size_t len;
  unsigned char *bytes = make_docx(xml, 0, NULL, &len);
  assert_limit(bytes, len, "word/document.xml would expand from ");
  assert_limit(bytes, len, "the file may be a zip bomb");
  free(bytes);
  free(xml);
}

static void test_part_size_limit(void **state) {
  (void)state;
  char *xml = padded_document((64u << 20) + 1);
  size_t len;
  unsigned char *bytes = make_docx(xml, 0, NULL, &len);
  assert_limit(bytes, len,
               "plan.docx: word/document.xml would expand to 67108865 bytes, over the limit of "
               "67108864; the file may be a zip bomb");
  free(bytes);
  free(xml);
}

static uint32_t get32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char)(v >> (8 * i));
}

/* Makes the local header and the central directory entry of `name` declare
 * `size` uncompressed bytes, as a lying archive would. */
static void falsify_size(unsigned char *zip, size_t len, const char *name, uint32_t size) {
  size_t nlen = strlen(name), patched = 0;
  for (size_t i = 0; i + 46 + nlen <= len; i++) {
    uint32_t sig = get32(zip + i);
    if (sig == 0x04034b50 && !memcmp(zip + i + 30, name, nlen)) {
      put32(zip + i + 22, size);
      patched++;
    } else if (sig == 0x02014b50 && !memcmp(zip + i + 46, name, nlen)) {
      put32(zip + i + 24, size);
      patched++;
    }
  }
  assert_int_equal(patched, 2);
}

static void test_lying_directory(void **state) {
  (void)state;
  char *xml = padded_document(6000);
  size_t len;
  unsigned char *bytes = make_docx(xml, 0, NULL, &len);
  falsify_size(bytes, len, "word/document.xml", 100);
  assert_limit(bytes, len, "word/document.xml expands past the 100 bytes its ZIP directory");
  free(bytes);
  free(xml);
}

static void test_entry_count_limit(void **state) {
  (void)state;
  enum { N = 10001 };
  part *parts = calloc(N, sizeof *parts);
  char(*names)[16] = calloc(N, sizeof *names);
  assert_non_null(parts);
  assert_non_null(names);
  parts[0] = (part){"word/document.xml", BODY(P("x")), 0};
  for (size_t i = 1; i < N; i++) {
    snprintf(names[i], sizeof names[i], "e%zu", i);
    parts[i] = (part){names[i], "", 1}; /* one NUL byte */
  }
  size_t len;
  unsigned char *bytes = make_zip(parts, N, &len);
  assert_limit(bytes, len, "the ZIP archive has 10001 entries, over the limit of 10000");
  free(bytes);
  free(names);
  free(parts);
}

/* Reads a corpus file; NULL when absent. */
static parx_doc *read_corpus(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  long len = ftell(f);
  assert_true(len > 0);
  rewind(f);
  unsigned char *bytes = malloc((size_t)len);
  assert_non_null(bytes);
  assert_int_equal(fread(bytes, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_docx(bytes, (size_t)len, path, &err);
  free(bytes);
  if (!doc) fail_msg("%s", err.message);
  return doc;
}

/* The first table row (of any table) with a cell equal to `cell`. */
static const parx_row *find_row(const parx_doc *doc, const char *cell, size_t *ncols) {
  for (size_t b = 0; b < doc->nblocks; b++)
    for (size_t r = 0; r < doc->blocks[b].nrows; r++)
      for (size_t c = 0; c < doc->blocks[b].rows[r].ncells; c++)
        if (!strcmp(doc->blocks[b].rows[r].cells[c], cell)) {
          *ncols = doc->blocks[b].rows[0].ncells;
          return &doc->blocks[b].rows[r];
        }
  return NULL;
}

static void test_corpus_daklak(void **state) {
  (void)state;
  parx_doc *doc = read_corpus(DAKLAK_DOCX);
  if (!doc) skip();
  size_t ncols = 0;
  static const char *const header[] = {"STT",
                                       "Nội dung",
                                       "Cơ quan chủ trì thực hiện",
                                       "Cơ quan phối hợp thực hiện",
                                       "Kết quả",
                                       "Thời gian hoàn thành"};
  const parx_row *row = find_row(doc, "STT", &ncols);
  assert_non_null(row);
  assert_row(row, header, COUNT(header));
  row = find_row(doc, "Sở Nội vụ", &ncols);
  assert_non_null(row);
  assert_int_equal(ncols, 6);
  assert_int_equal(row->ncells, 6);
  parx_doc_free(doc);
}

static void test_corpus_quangdien(void **state) {
  (void)state;
  parx_doc *doc = read_corpus(QUANGDIEN_DOCX);
  if (!doc) skip();
  size_t ncols = 0;
  static const char *const want[] = {"1.1.1",
                                     "Ban hành kế hoạch CCHC: 0,5đ",
                                     "Kế hoạch CCHC 2022",
                                     "Phòng Nội vụ",
                                     "Các phòng, ban cấp huyện, UBND các xã, thị trấn",
                                     "Trước 05/01/2022"};
  const parx_row *row = find_row(doc, "1.1.1", &ncols);
  assert_non_null(row);
  assert_row(row, want, COUNT(want));
  parx_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_paragraphs_in_order),
      cmocka_unit_test(test_table_spans_and_merges),
      cmocka_unit_test(test_table_width_from_spans),
      cmocka_unit_test(test_numbering),
      cmocka_unit_test(test_numbering_from_styles),
      cmocka_unit_test(test_numbering_in_table_cell),
      cmocka_unit_test(test_damaged_numbering_is_a_warning),
      cmocka_unit_test(test_tracked_changes),
      cmocka_unit_test(test_soft_breaks_and_wrappers),
      cmocka_unit_test(test_nested_table_flattened),
      cmocka_unit_test(test_missing_document),
      cmocka_unit_test(test_not_a_zip),
      cmocka_unit_test(test_bad_xml),
      cmocka_unit_test(test_entities_not_expanded),
      cmocka_unit_test(test_billion_laughs),
      cmocka_unit_test(test_compression_ratio_limit),
      cmocka_unit_test(test_part_size_limit),
      cmocka_unit_test(test_lying_directory),
      cmocka_unit_test(test_entry_count_limit),
      cmocka_unit_test(test_corpus_daklak),
      cmocka_unit_test(test_corpus_quangdien),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

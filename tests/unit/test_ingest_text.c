/* Unit tests of the text reader, the document model and format detection (ingest/ingest.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"

#define NAME "case.txt"

/* --- helpers ---------------------------------------------------------------- */

/* Documents a test reads are freed by the teardown, also when the test fails. */
enum { MAX_LIVE = 8 };
static parx_doc *live[MAX_LIVE];

static parx_doc *keep(parx_doc *doc) {
  for (size_t i = 0; i < MAX_LIVE; i++)
    if (!live[i]) {
      live[i] = doc;
      return doc;
    }
  fail_msg("more than %d documents in one test", MAX_LIVE);
  return NULL;
}

static int free_docs(void **state) {
  (void)state;
  for (size_t i = 0; i < MAX_LIVE; i++) {
    parx_doc_free(live[i]);
    live[i] = NULL;
  }
  return 0;
}

/* Reads text through the stage's entry point: detection, the text reader, the tidy pass. */
static parx_doc *read_text(const char *text, size_t len) {
  parx_error err = {0};
  parx_doc *doc = parx_ingest((const unsigned char *)text, len, NAME, NULL, &err);
  if (!doc) fail_msg("parx_ingest failed: %s", err.message);
  keep(doc);
  assert_string_equal(doc->format, "txt");
  return doc;
}

static parx_doc *read_str(const char *text) {
  return read_text(text, strlen(text));
}

static const parx_block *block(const parx_doc *doc, size_t i, parx_block_kind kind) {
  if (i >= doc->nblocks) fail_msg("block %zu asked, the document has %zu", i, doc->nblocks);
  const parx_block *b = &doc->blocks[i];
  if (b->kind != kind)
    fail_msg("block %zu is a %s, want a %s", i, b->kind == PARX_BLOCK_TABLE ? "table" : "paragraph",
             kind == PARX_BLOCK_TABLE ? "table" : "paragraph");
  return b;
}

static void assert_paragraph(const parx_doc *doc, size_t i, const char *text, int line) {
  const parx_block *b = block(doc, i, PARX_BLOCK_PARAGRAPH);
  assert_non_null(b->text);
  assert_string_equal(b->text, text);
  assert_int_equal(b->line, line);
}

/* Checks a row's cells (NULL-terminated list) and its line. */
static void assert_row(const parx_block *table, size_t r, int line, ...) {
  if (r >= table->nrows) fail_msg("row %zu asked, the table has %zu", r, table->nrows);
  const parx_row *row = &table->rows[r];
  va_list ap;
  va_start(ap, line);
  size_t k = 0;
  for (const char *want; (want = va_arg(ap, const char *)); k++) {
    if (k >= row->ncells) {
      va_end(ap);
      fail_msg("row %zu has %zu cells, want more", r, row->ncells);
    }
    assert_non_null(row->cells[k]);
    if (strcmp(row->cells[k], want)) {
      va_end(ap);
      fail_msg("row %zu cell %zu is \"%s\", want \"%s\"", r, k, row->cells[k], want);
    }
  }
  va_end(ap);
  /* trailing cells beyond those given must be empty */
  for (; k < row->ncells; k++)
    if (row->cells[k][0])
      fail_msg("row %zu cell %zu is \"%s\", want no more cells", r, k, row->cells[k]);
  assert_int_equal(row->line, line);
}

static void assert_contains(const char *hay, const char *needle) {
  if (!strstr(hay, needle)) fail_msg("\"%s\" does not contain \"%s\"", hay, needle);
}

/* UTF-8 to UTF-16 (Basic Multilingual Plane only) with a byte order mark. */
static unsigned char *utf16(const char *s, int big_endian, size_t *len) {
  size_t n = strlen(s);
  unsigned char *out = malloc(2 * n + 2);
  assert_non_null(out);
  size_t k = 0;
  unsigned units[1024];
  size_t nu = 0;
  units[nu++] = 0xFEFF;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    unsigned cp;
    if (c < 0x80)
      cp = c, i += 1;
    else if (c < 0xE0)
      cp = (c & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu), i += 2;
    else
      cp = (c & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu), i += 3;
    assert_true(nu < 1024);
    units[nu++] = cp;
  }
  for (size_t i = 0; i < nu; i++) {
    unsigned char hi = (unsigned char)(units[i] >> 8), lo = (unsigned char)(units[i] & 0xFF);
    out[k++] = big_endian ? hi : lo;
    out[k++] = big_endian ? lo : hi;
  }
  *len = k;
  return out;
}

/* --- encodings ---------------------------------------------------------------- */

static void test_utf8_bom_skipped(void **state) {
  (void)state;
  parx_doc *doc = read_str("\xEF\xBB\xBFKẾ HOẠCH\n\nNăm 2022\n");
  assert_int_equal(doc->nblocks, 2);
  assert_paragraph(doc, 0, "KẾ HOẠCH", 1);
  assert_paragraph(doc, 1, "Năm 2022", 3);
  assert_int_equal(doc->blocks[0].page, 0);
}

static void check_utf16_doc(parx_doc *doc) {
  assert_int_equal(doc->nblocks, 2);
  assert_paragraph(doc, 0, "Sở Nội vụ", 1);
  const parx_block *t = block(doc, 1, PARX_BLOCK_TABLE);
  assert_int_equal(t->nrows, 1);
  assert_row(t, 0, 3, "Dòng thứ hai", "Ủy ban", NULL);
}

static void test_utf16_with_bom(void **state) {
  (void)state;
  const char *text = "Sở Nội vụ\r\n\r\nDòng thứ hai\tỦy ban\r\n";
  for (int be = 0; be <= 1; be++) {
    size_t len;
    unsigned char *bytes = utf16(text, be, &len);
    assert_int_equal(bytes[0], be ? 0xFE : 0xFF);
    parx_error err = {0};
    parx_doc *doc = parx_ingest_text(bytes, len, NAME, &err);
    if (!doc) fail_msg("UTF-16%s: %s", be ? "BE" : "LE", err.message);
    keep(doc);
    check_utf16_doc(doc);
    /* parx_ingest detects it as text too, despite its NUL bytes */
    char what[256];
    assert_int_equal(parx_detect_format(bytes, len, what, sizeof what), PARX_FORMAT_TEXT);
    free(bytes);
  }
}

static void test_utf16_invalid(void **state) {
  (void)state;
  /* a lone high surrogate */
  const unsigned char bytes[] = {0xFF, 0xFE, 'A', 0, 0x00, 0xD8, 'B', 0};
  parx_error err = {0};
  assert_null(parx_ingest_text(bytes, sizeof bytes, NAME, &err));
  assert_int_equal(err.status, PARX_ERR_ENCODING);
  assert_contains(err.message, NAME);
}

static void test_invalid_utf8_offset(void **state) {
  (void)state;
  static const struct {
    const char *bytes;
    const char *offset;
  } cases[] = {
      {"S\xE1\xBB\x9F\xFF x", "byte offset 4"}, /* "Sở" then 0xFF */
      {"\xEF\xBB\xBF"
       "ab\xC3(",
       "byte offset 5"},                       /* counted with the BOM */
      {"abc\xE1\xBB", "byte offset 3"},        /* cut at the end */
      {"\xC0\xAF", "byte offset 0"},           /* overlong */
      {"Tỉnh\n\xED\xA0\x80", "byte offset 7"}, /* a surrogate */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    parx_error err = {0};
    parx_doc *doc =
        parx_ingest_text((const unsigned char *)cases[i].bytes, strlen(cases[i].bytes), NAME, &err);
    if (doc) {
      keep(doc);
      fail_msg("case %zu: invalid UTF-8 was read", i);
    }
    assert_int_equal(err.status, PARX_ERR_ENCODING);
    assert_contains(err.message, NAME);
    assert_contains(err.message, cases[i].offset);
  }
}

/* --- tables ---------------------------------------------------------------- */

static void test_tab_rows_make_one_table(void **state) {
  (void)state;
  parx_doc *doc = read_str("Kế hoạch\n"
                           "\n"
                           "STT\tNội dung\tCơ quan chủ trì\n"
                           "1\tLàm việc A\tSở Nội vụ\n"
                           "2\tLàm việc B\tSở Tư pháp\t\n"
                           "\n"
                           "Đoạn sau bảng.\n");
  assert_int_equal(doc->nblocks, 3);
  assert_paragraph(doc, 0, "Kế hoạch", 1);
  const parx_block *t = block(doc, 1, PARX_BLOCK_TABLE);
  assert_null(t->text);
  assert_int_equal(t->line, 3);
  assert_int_equal(t->nrows, 3);
  assert_row(t, 0, 3, "STT", "Nội dung", "Cơ quan chủ trì", NULL);
  assert_row(t, 1, 4, "1", "Làm việc A", "Sở Nội vụ", NULL);
  assert_row(t, 2, 5, "2", "Làm việc B", "Sở Tư pháp", NULL);
  assert_paragraph(doc, 2, "Đoạn sau bảng.", 7);
}

static void test_one_cell_per_line_rows(void **state) {
  (void)state;
  parx_doc *doc = read_str("\tSTT\n"
                           "\tNội dung\n"
                           "\n"
                           "\t1\n"
                           "\tLàm X\n"
                           "\n"
                           " \tLàm Y tiếp theo\n"
                           "\n"
                           "Hết bảng.\n");
  assert_int_equal(doc->nblocks, 2);
  const parx_block *t = block(doc, 0, PARX_BLOCK_TABLE);
  assert_int_equal(t->nrows, 3);
  assert_row(t, 0, 1, "STT", "Nội dung", NULL);
  assert_row(t, 1, 4, "1", "Làm X", NULL);
  /* " \t": the row lost its number cell */
  assert_row(t, 2, 7, "", "Làm Y tiếp theo", NULL);
  assert_paragraph(doc, 1, "Hết bảng.", 9);
}

static void test_repeated_header_dropped(void **state) {
  (void)state;
  parx_doc *doc = read_str("STT\tNội dung\tThời gian hoàn thành\n"
                           "1\tViệc A\tQuý I/2018\n"
                           "\n"
                           "*LM*\n"
                           "\n"
                           "STT\tNội dung\tThời gian hoàn thành\n"
                           "2\tViệc B\tQuý II/2018\n"
                           "STT\tNội dung\tThời gian hoàn thành (và cập nhật hàng năm)\n"
                           "3\tViệc C\tQuý III/2018\n");
  assert_int_equal(doc->nblocks, 1);
  const parx_block *t = block(doc, 0, PARX_BLOCK_TABLE);
  assert_int_equal(t->nrows, 4);
  assert_row(t, 0, 1, "STT", "Nội dung", "Thời gian hoàn thành", NULL);
  assert_row(t, 1, 2, "1", "Việc A", "Quý I/2018", NULL);
  assert_row(t, 2, 7, "2", "Việc B", "Quý II/2018", NULL);
  assert_row(t, 3, 9, "3", "Việc C", "Quý III/2018", NULL);
}

static void test_row_split_by_page_break_joined(void **state) {
  (void)state;
  /* the continuation has an empty number cell */
  parx_doc *doc = read_str("STT\tNội dung\tCơ quan\n"
                           "1\tRà soát thủ tục hành chính trong\tSở Tài nguyên và\n"
                           "*LM*\n"
                           "STT\tNội dung\tCơ quan\n"
                           "\tlĩnh vực đất đai\tMôi trường\n"
                           "2\tViệc B\tSở Xây dựng\n");
  const parx_block *t = block(doc, 0, PARX_BLOCK_TABLE);
  assert_int_equal(t->nrows, 3);
  assert_row(t, 1, 2, "1", "Rà soát thủ tục hành chính trong lĩnh vực đất đai",
             "Sở Tài nguyên và Môi trường", NULL);
  assert_row(t, 2, 6, "2", "Việc B", "Sở Xây dựng", NULL);

  /* the number went to the part after the break, the text there is lower-case */
  doc = read_str("STT\tNội dung\tCơ quan\n"
                 "1\tViệc A\tSở Nội vụ\n"
                 "\tKiểm tra việc phân cấp tại các cơ quan\tSở Nội vụ\n"
                 "\n"
                 "STT\tNội dung\tCơ quan\n"
                 "2\tchuyên môn cấp huyện\t\n"
                 "3\tViệc C\tSở Tư pháp\n");
  t = block(doc, 0, PARX_BLOCK_TABLE);
  assert_int_equal(t->nrows, 4);
  assert_row(t, 2, 3, "2", "Kiểm tra việc phân cấp tại các cơ quan chuyên môn cấp huyện",
             "Sở Nội vụ", NULL);
  assert_row(t, 3, 7, "3", "Việc C", "Sở Tư pháp", NULL);
}

/* --- paragraphs ---------------------------------------------------------------- */

static void test_markup_debris_removed(void **state) {
  (void)state;
  parx_doc *doc = read_str("<b>Sở Nội vụ</b>\n"
                           "\n"
                           "**Tiêu chí 1.1** đạt **0,5/0,5** điểm\n"
                           "\n"
                           "## **II. NHIỆM VỤ**\n"
                           "\n"
                           "<ul style=\"list-style-type: none\"><li>Kế hoạch kiểm tra</li></ul>\n"
                           "\n"
                           "Dòng một<br>dòng hai<br/>dòng ba\n"
                           "\n"
                           "* Sở Tư pháp\n"
                           "\n"
                           "Quyết định số ~~2724~~ 2784/QĐ-UBND\n"
                           "\n"
                           "STT\t<p>Báo cáo</p> <p>Yêu cầu: đúng hạn</p>\n");
  assert_paragraph(doc, 0, "Sở Nội vụ", 1);
  assert_paragraph(doc, 1, "Tiêu chí 1.1 đạt 0,5/0,5 điểm", 3);
  assert_paragraph(doc, 2, "II. NHIỆM VỤ", 5);
  assert_paragraph(doc, 3, "Kế hoạch kiểm tra", 7);
  assert_paragraph(doc, 4, "Dòng một dòng hai dòng ba", 9);
  assert_paragraph(doc, 5, "* Sở Tư pháp", 11);
  assert_paragraph(doc, 6, "Quyết định số 2784/QĐ-UBND", 13);
  const parx_block *t = block(doc, 7, PARX_BLOCK_TABLE);
  assert_row(t, 0, 15, "STT", "Báo cáo Yêu cầu: đúng hạn", NULL);
  assert_int_equal(doc->nblocks, 8);
}

static void test_clean_text(void **state) {
  (void)state;
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"  Sở   Nội \t vụ  ", "Sở Nội vụ"},
      {"<i>a</i> &amp; <b>b</b>", "a & b"},
      {"x < y và y > z", "x < y và y > z"},
      {"*LM*", ""},
      {"   ", ""},
      {"# Tiêu đề", "Tiêu đề"},
      {"#5 không phải tiêu đề", "#5 không phải tiêu đề"},
      {"***Sở Nội vụ**", "* Sở Nội vụ"},
      {"*nghiêng* và **đậm**", "nghiêng và đậm"},
      {"\\- không phải gạch đầu dòng", "- không phải gạch đầu dòng"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *got = parx_clean_text(cases[i].in, strlen(cases[i].in));
    assert_non_null(got);
    char msg[512];
    int ok = !strcmp(got, cases[i].out);
    snprintf(msg, sizeof msg, "parx_clean_text(\"%s\") is \"%s\", want \"%s\"", cases[i].in, got,
             cases[i].out);
    free(got);
    if (!ok) fail_msg("%s", msg);
  }
}

static void test_cut_sentence_joined(void **state) {
  (void)state;
  parx_doc *doc = read_str("Tham mưu UBND tỉnh ban hành kế hoạch\n" /* 1 */
                           "\n"                                     /* 2 */
                           "kiểm tra cải cách hành chính.\n"        /* 3: joins 1 */
                           "\n"                                     /* 4 */
                           "Sở Nội vụ chủ trì.\n"                   /* 5 */
                           "thực hiện sau câu đã kết thúc.\n"       /* 6: a new paragraph */
                           "Tổ chức hội nghị\n"                     /* 7 */
                           "đánh giá kết quả thực hiện\n"           /* 8: joins 7 */
                           "ủy quyền cho cấp xã.\n"                 /* 9: joins 7 */
                           "Giao nhiệm vụ cho\n"                    /* 10 */
                           "a) Phòng Nội vụ\n"                      /* 11: an outline item */
                           "đ) Phòng Tư pháp\n");                   /* 12: an outline item */
  assert_int_equal(doc->nblocks, 7);
  assert_paragraph(doc, 0, "Tham mưu UBND tỉnh ban hành kế hoạch kiểm tra cải cách hành chính.", 1);
  assert_paragraph(doc, 1, "Sở Nội vụ chủ trì.", 5);
  assert_paragraph(doc, 2, "thực hiện sau câu đã kết thúc.", 6);
  assert_paragraph(doc, 3, "Tổ chức hội nghị đánh giá kết quả thực hiện ủy quyền cho cấp xã.", 7);
  assert_paragraph(doc, 4, "Giao nhiệm vụ cho", 10);
  assert_paragraph(doc, 5, "a) Phòng Nội vụ", 11);
  assert_paragraph(doc, 6, "đ) Phòng Tư pháp", 12);
}

static void test_source_line_numbers(void **state) {
  (void)state;
  parx_doc *doc = read_str("\n\n\nKẾ HOẠCH\r\n\r\n<b></b>\r\nNăm 2022\r\n\r\n\r\nSTT\tA\r\n1\tB");
  assert_int_equal(doc->nblocks, 3);
  assert_paragraph(doc, 0, "KẾ HOẠCH", 4);
  /* a line that cleans to nothing adds no block, and keeps its number */
  assert_paragraph(doc, 1, "Năm 2022", 7);
  const parx_block *t = block(doc, 2, PARX_BLOCK_TABLE);
  assert_int_equal(t->line, 10);
  assert_row(t, 0, 10, "STT", "A", NULL);
  assert_row(t, 1, 11, "1", "B", NULL);
  assert_true(doc->next_line > 11);

  doc = read_text("\n\n", 2); /* blank lines only (an empty file is refused) */
  assert_int_equal(doc->nblocks, 0);
}

/* --- the model directly ---------------------------------------------------------- */

static void test_model_building(void **state) {
  (void)state;
  parx_doc *doc = keep(parx_doc_new("pdf"));
  assert_non_null(doc);
  assert_string_equal(doc->format, "pdf");
  /* a PDF states its text: only white space is collapsed */
  const char *stated = " 22,18*0,7\t**x**\xC2\xA0 ";
  assert_int_equal(parx_doc_add_paragraph(doc, stated, strlen(stated), 1, 1), 0);
  assert_paragraph(doc, 0, "22,18*0,7 **x**", 1);
  /* converted text carries markup debris, which the model removes */
  doc = keep(parx_doc_new("txt"));
  doc->markup_debris = 1;
  assert_int_equal(parx_doc_add_paragraph(doc, "  <b>  </b> ", strlen("  <b>  </b> "), 1, 1), 0);
  assert_int_equal(doc->nblocks, 0); /* empty after cleaning: nothing added */
  assert_int_equal(parx_doc_add_paragraph(doc, "**Sở** Nội vụ", strlen("**Sở** Nội vụ"), 2, 1), 0);
  assert_paragraph(doc, 0, "Sở Nội vụ", 2);
  assert_int_equal(doc->blocks[0].page, 1);
  parx_block *t = parx_doc_add_table(doc, 3, 2);
  assert_non_null(t);
  const char *header[] = {"STT", "Nội dung"};
  const char *row[] = {"1", "<p>Việc</p>"};
  assert_int_equal(parx_table_add_row(t, header, NULL, 2, 3, 2), 0);
  assert_int_equal(parx_table_add_row(t, row, NULL, 2, 4, 2), 0);
  assert_row(t, 1, 4, "1", "Việc", NULL);
  assert_int_equal(t->rows[1].page, 2);
  parx_row more = {0};
  char c0[] = "", c1[] = "tiếp", c2[] = "Sở A";
  char *cells[] = {c0, c1, c2};
  more.cells = cells;
  more.ncells = 3;
  parx_row_join(&t->rows[1], &more);
  assert_row(t, 1, 4, "1", "Việc tiếp", "Sở A", NULL);
  assert_int_equal(parx_doc_warn(doc, "page %d: table row without agency", 2), 0);
  assert_int_equal(doc->nwarnings, 1);
  assert_string_equal(doc->warnings[0], "page 2: table row without agency");
  parx_doc_free(NULL);
}

/* --- format detection ---------------------------------------------------------- */

/* A ZIP holding notes.txt, and one holding word/document.xml (both stored). */
static const unsigned char zip_plain[] =
    "\x50\x4B\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x50\xAC\x2A"
    "\x93\xD8\x02\x00\x00\x00\x02\x00\x00\x00\x09\x00\x00\x00\x6E\x6F"
    "\x74\x65\x73\x2E\x74\x78\x74\x68\x69\x50\x4B\x01\x02\x14\x03\x14"
    "\x00\x00\x00\x00\x00\x00\x00\x21\x50\xAC\x2A\x93\xD8\x02\x00\x00"
    "\x00\x02\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x80\x01\x00\x00\x00\x00\x6E\x6F\x74\x65\x73\x2E\x74\x78\x74"
    "\x50\x4B\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00\x37\x00\x00\x00"
    "\x29\x00\x00\x00\x00\x00";
static const unsigned char zip_docx[] =
    "\x50\x4B\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x50\x16\xC3"
    "\x7A\x19\x04\x00\x00\x00\x04\x00\x00\x00\x11\x00\x00\x00\x77\x6F"
    "\x72\x64\x2F\x64\x6F\x63\x75\x6D\x65\x6E\x74\x2E\x78\x6D\x6C\x3C"
    "\x77\x2F\x3E\x50\x4B\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x00"
    "\x00\x21\x50\x16\xC3\x7A\x19\x04\x00\x00\x00\x04\x00\x00\x00\x11"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x01\x00\x00\x00"
    "\x00\x77\x6F\x72\x64\x2F\x64\x6F\x63\x75\x6D\x65\x6E\x74\x2E\x78"
    "\x6D\x6C\x50\x4B\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00\x3F\x00"
    "\x00\x00\x33\x00\x00\x00\x00\x00";

typedef struct detect_case {
  const char *label;
  const unsigned char *bytes;
  size_t len;
  parx_format want;
  const char *what; /* a word the explanation must hold (unsupported), or NULL */
} detect_case;

#define BYTES(s) (const unsigned char *)(s), sizeof(s) - 1

static void test_detect_format(void **state) {
  (void)state;
  const detect_case cases[] = {
      {"PDF", BYTES("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), PARX_FORMAT_PDF, NULL},
      {"PDF after junk", BYTES("\r\n\x00junk%PDF-1.4\n"), PARX_FORMAT_PDF, NULL},
      {"ZIP without word/document.xml", zip_plain, sizeof zip_plain - 1, PARX_FORMAT_UNSUPPORTED,
       "word/document.xml"},
      {"DOCX", zip_docx, sizeof zip_docx - 1, PARX_FORMAT_DOCX, NULL},
      {"damaged ZIP", BYTES("PK\x03\x04garbage"), PARX_FORMAT_DAMAGED, "ZIP"},
      {"OLE .doc", BYTES("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00"),
       PARX_FORMAT_UNSUPPORTED, ".docx"},
      {"PNG", BYTES("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"), PARX_FORMAT_UNSUPPORTED, "PNG"},
      {"NUL bytes",
       BYTES("K\xE1\xBA\xBF ho\xE1\xBA\xA1"
             "ch\x00\x00\x01\x02"),
       PARX_FORMAT_UNSUPPORTED, "NUL"},
      {"plain text", BYTES("KẾ HOẠCH\nCải cách hành chính năm 2022\n"), PARX_FORMAT_TEXT, NULL},
      {"UTF-16LE text", BYTES("\xFF\xFEK\x00\xBF\x1E"), PARX_FORMAT_TEXT, NULL},
      {"empty", BYTES(""), PARX_FORMAT_TEXT, NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char what[256];
    memset(what, 'x', sizeof what);
    parx_format got = parx_detect_format(cases[i].bytes, cases[i].len, what, sizeof what);
    if (got != cases[i].want)
      fail_msg("%s: detected %d, want %d", cases[i].label, got, cases[i].want);
    assert_non_null(memchr(what, '\0', sizeof what));
    if (cases[i].want == PARX_FORMAT_UNSUPPORTED || cases[i].want == PARX_FORMAT_DAMAGED) {
      assert_true(strlen(what) > 0);
      assert_contains(what, cases[i].what);
    } else {
      assert_string_equal(what, "");
    }
    /* a small buffer is filled within its size */
    char small[8];
    parx_detect_format(cases[i].bytes, cases[i].len, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
  }
}

static void test_ingest_unsupported(void **state) {
  (void)state;
  parx_error err = {0};
  const unsigned char png[] = "\x89PNG\r\n\x1A\n\x00\x00";
  assert_null(parx_ingest(png, sizeof png - 1, "scan.png", NULL, &err));
  assert_int_equal(err.status, PARX_ERR_UNSUPPORTED);
  assert_contains(err.message, "scan.png");
  assert_contains(err.message, "PNG");

  memset(&err, 0, sizeof err);
  const unsigned char doc[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00";
  assert_null(parx_ingest(doc, sizeof doc - 1, "plan.doc", NULL, &err));
  assert_int_equal(err.status, PARX_ERR_UNSUPPORTED);
  assert_contains(err.message, "plan.doc");
  assert_contains(err.message, ".docx");

  /* text goes to the text reader */
  /* an empty file is a document that failed, not an empty record */
  memset(&err, 0, sizeof err);
  assert_null(parx_ingest((const unsigned char *)"", 0, "empty.txt", NULL, &err));
  assert_int_equal(err.status, PARX_ERR_FORMAT);
  assert_contains(err.message, "empty.txt: the file is empty");

  memset(&err, 0, sizeof err);
  const char *text = "Số: 12/KH-UBND\n";
  parx_doc *d = parx_ingest((const unsigned char *)text, strlen(text), NAME, NULL, &err);
  assert_non_null(d);
  keep(d);
  assert_string_equal(d->format, "txt");
  assert_paragraph(d, 0, "Số: 12/KH-UBND", 1);
}

/* A converter's table split in parts, with stray pieces of a row between
 * them: parx_doc_tidy makes one table and puts the pieces back in the row. */
static void test_tidy_joins_table_parts(void **state) {
  (void)state;
  parx_doc *d = parx_doc_new("docx");
  assert_non_null(d);
  const char *header[] = {"TT", "Nội dung", "Cơ quan chủ trì"};
  const char *first[] = {"1.1", "Ban hành kế hoạch", "Phòng Nội vụ"};
  const char *second[] = {"1.2", "Báo cáo định kỳ", "Phòng Nội vụ"};
  const char *piece[] = {"theo quy định"};
  parx_block *t = parx_doc_add_table(d, 1, 0);
  assert_int_equal(parx_table_add_row(t, header, NULL, 3, 1, 0), 0);
  assert_int_equal(parx_table_add_row(t, first, NULL, 3, 2, 0), 0);
  assert_int_equal(parx_doc_add_paragraph(d, "sau:", 4, 3, 0), 0);
  t = parx_doc_add_table(d, 4, 0);
  assert_int_equal(parx_table_add_row(t, piece, NULL, 1, 4, 0), 0);
  t = parx_doc_add_table(d, 5, 0);
  assert_int_equal(parx_table_add_row(t, second, NULL, 3, 5, 0), 0);
  parx_doc_tidy(d);
  assert_int_equal(d->nblocks, 1);
  assert_int_equal(d->blocks[0].nrows, 3);
  /* the pieces go on the row's longest cell, the one that ran over the break */
  assert_string_equal(d->blocks[0].rows[1].cells[1], "Ban hành kế hoạch sau: theo quy định");
  assert_string_equal(d->blocks[0].rows[1].cells[2], "Phòng Nội vụ");
  assert_string_equal(d->blocks[0].rows[2].cells[0], "1.2");
  parx_doc_free(d);
}

/* Two tables of one header with a group's heading between them ("2. Khối
 * UBND …"): in a DOCX the heading is the author's paragraph, not a piece of a
 * cut row, and the tables stay apart. */
static void test_tidy_keeps_heading_between_tables(void **state) {
  (void)state;
  parx_doc *d = parx_doc_new("docx");
  assert_non_null(d);
  d->paged = 0;
  const char *header[] = {"STT", "Đơn vị", "Điểm"};
  const char *row[] = {"1", "Sở Y tế", "71,30"};
  for (int k = 0; k < 2; k++) {
    parx_block *t = parx_doc_add_table(d, 1 + 4 * k, 0);
    assert_int_equal(parx_table_add_row(t, header, NULL, 3, 1 + 4 * k, 0), 0);
    assert_int_equal(parx_table_add_row(t, row, NULL, 3, 2 + 4 * k, 0), 0);
    static const char heading[] = "2. Khối UBND các huyện";
    if (!k) assert_int_equal(parx_doc_add_paragraph(d, heading, strlen(heading), 4, 0), 0);
  }
  parx_doc_tidy(d);
  assert_int_equal(d->nblocks, 3);
  assert_string_equal(d->blocks[0].rows[1].cells[1], "Sở Y tế");
  assert_string_equal(d->blocks[1].text, "2. Khối UBND các huyện");
  parx_doc_free(d);
}

/* A cell cut at the page break after "(ISO": its rest "9001) theo quy định"
 * opens with a number and ")", but no outline counts to 9001: it is the rest
 * of the row (a regression: it was taken for an item's mark). */
static void test_tidy_piece_opening_with_large_number(void **state) {
  (void)state;
  parx_doc *d = parx_doc_new("docx");
  assert_non_null(d);
  d->paged = 0;
  const char *header[] = {"TT", "Nội dung", "Cơ quan chủ trì"};
  const char *first[] = {"7.7", "Áp dụng Hệ thống quản lý chất lượng (ISO", ""};
  const char *second[] = {"7.7.1", "Công bố HTQLCL", "Văn phòng"};
  parx_block *t = parx_doc_add_table(d, 1, 0);
  assert_int_equal(parx_table_add_row(t, header, NULL, 3, 1, 0), 0);
  assert_int_equal(parx_table_add_row(t, first, NULL, 3, 2, 0), 0);
  static const char piece[] = "9001) theo quy định: 2đ";
  assert_int_equal(parx_doc_add_paragraph(d, piece, strlen(piece), 3, 0), 0);
  t = parx_doc_add_table(d, 4, 0);
  assert_int_equal(parx_table_add_row(t, second, NULL, 3, 4, 0), 0);
  parx_doc_tidy(d);
  assert_int_equal(d->nblocks, 1);
  assert_string_equal(d->blocks[0].rows[1].cells[1],
                      "Áp dụng Hệ thống quản lý chất lượng (ISO 9001) theo quy định: 2đ");
  parx_doc_free(d);
}

/* A DOCX a converter made of a PDF, a line of the page a paragraph: tidy joins
 * the lines back where they go on (in lower case, or after a full line). */
static void test_tidy_joins_docx_lines(void **state) {
  (void)state;
  static const char *const lines[] = {
      "1. Phòng Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu Ủy ban",
      "nhân dân huyện ban hành kế hoạch kiểm tra công tác cải cách hành chính năm 2025, hoàn",
      "thành trước ngày 15/02/2025.",
      "2. Phòng Văn hóa và Thông tin đẩy mạnh tuyên truyền về cải cách hành chính, phối hợp với",
      "Phòng Tư pháp xây dựng chuyên mục hỏi đáp về thủ tục hành chính trên Trang thông tin",
      "điện tử của huyện.",
  };
  parx_doc *d = parx_doc_new("docx");
  assert_non_null(d);
  d->paged = 0;
  for (int copy = 0; copy < 3; copy++) /* enough lines to judge the document */
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
      assert_int_equal(parx_doc_add_paragraph(d, lines[i], strlen(lines[i]), 1 + (int)i, 0), 0);
  parx_doc_tidy(d);
  assert_int_equal(d->nblocks, 6);
  assert_string_equal(d->blocks[1].text,
                      "2. Phòng Văn hóa và Thông tin đẩy mạnh tuyên truyền về cải cách hành "
                      "chính, phối hợp với Phòng Tư pháp xây dựng chuyên mục hỏi đáp về thủ tục "
                      "hành chính trên Trang thông tin điện tử của huyện.");
  parx_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_utf8_bom_skipped, free_docs),
      cmocka_unit_test_teardown(test_utf16_with_bom, free_docs),
      cmocka_unit_test_teardown(test_utf16_invalid, free_docs),
      cmocka_unit_test_teardown(test_invalid_utf8_offset, free_docs),
      cmocka_unit_test_teardown(test_tab_rows_make_one_table, free_docs),
      cmocka_unit_test_teardown(test_one_cell_per_line_rows, free_docs),
      cmocka_unit_test_teardown(test_repeated_header_dropped, free_docs),
      cmocka_unit_test_teardown(test_row_split_by_page_break_joined, free_docs),
      cmocka_unit_test_teardown(test_markup_debris_removed, free_docs),
      cmocka_unit_test_teardown(test_clean_text, free_docs),
      cmocka_unit_test_teardown(test_cut_sentence_joined, free_docs),
      cmocka_unit_test_teardown(test_source_line_numbers, free_docs),
      cmocka_unit_test_teardown(test_model_building, free_docs),
      cmocka_unit_test_teardown(test_detect_format, free_docs),
      cmocka_unit_test_teardown(test_ingest_unsupported, free_docs),
      cmocka_unit_test(test_tidy_joins_table_parts),
      cmocka_unit_test(test_tidy_keeps_heading_between_tables),
      cmocka_unit_test(test_tidy_piece_opening_with_large_number),
      cmocka_unit_test(test_tidy_joins_docx_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

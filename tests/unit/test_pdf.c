/*
 * Unit tests of the PDF reader. Small PDFs are drawn in the test with cairo
 * (running headers, page numbers, bullets, a table) or written by hand (an
 * encrypted file); the corpus PDFs check the tables of real documents from
 * three producers. Corpus tests skip when the corpus is absent: it is found
 * at $PARX_CORPUS, else next to the source tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>

#include "ingest/ingest.h"

/* --- helpers -------------------------------------------------------------- */

static const char *corpus_dir(void) {
  const char *dir = getenv("PARX_CORPUS");
  return dir && *dir ? dir : PARX_SOURCE_DIR "/../shared/corpus";
}

/* Reads a corpus file; skips the test when the corpus is absent. */
static unsigned char *corpus_file(const char *rel, size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", corpus_dir(), rel);
  gchar *data = NULL;
  gsize n = 0;
  if (!g_file_get_contents(path, &data, &n, NULL)) {
    print_message("corpus file %s not found: test skipped\n", path);
    skip();
  }
  *len = n;
  return (unsigned char *)data;
}

static parx_doc *read_corpus(const char *rel) {
  size_t len;
  unsigned char *bytes = corpus_file(rel, &len);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(bytes, len, rel, NULL, &err);
  g_free(bytes);
  assert_non_null(doc);
  return doc;
}

/* The document's one table (asserted). */
static const parx_block *only_table(const parx_doc *doc) {
  const parx_block *t = NULL;
  for (size_t i = 0; i < doc->nblocks; i++) {
    if (doc->blocks[i].kind != PARX_BLOCK_TABLE) continue;
    assert_null(t);
    t = &doc->blocks[i];
  }
  assert_non_null(t);
  return t;
}

/* The row whose column `col` starts with prefix. */
static const parx_row *find_row(const parx_block *t, size_t col, const char *prefix) {
  for (size_t i = 0; i < t->nrows; i++)
    if (t->rows[i].ncells > col && !strncmp(t->rows[i].cells[col], prefix, strlen(prefix)))
      return &t->rows[i];
  return NULL;
}

static void assert_row(const parx_row *row, const char *const *cells, size_t n) {
  assert_non_null(row);
  assert_int_equal(row->ncells, n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(row->cells[i], cells[i]);
}

/* Provenance: rows numbered in order, a table at its first row, pages in range. */
static void assert_provenance(const parx_doc *doc) {
  for (size_t i = 0; i < doc->nblocks; i++) {
    const parx_block *b = &doc->blocks[i];
    assert_true(b->line >= 1 && b->line < doc->next_line);
    assert_true(b->page >= 1 && b->page <= doc->pages);
    if (b->kind != PARX_BLOCK_TABLE) continue;
    assert_int_equal(b->line, b->rows[0].line);
    assert_int_equal(b->page, b->rows[0].page);
    for (size_t r = 1; r < b->nrows; r++) {
      assert_true(b->rows[r].line > b->rows[r - 1].line);
      assert_true(b->rows[r].page >= b->rows[r - 1].page);
    }
  }
}

/* --- PDFs drawn with cairo ------------------------------------------------ */

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void text_at(cairo_t *cr, double x, double y, const char *s) {
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, s);
}

typedef void (*draw_page)(cairo_t *cr, int page);

static GByteArray *draw_pdf(int pages, draw_page draw) {
  GByteArray *out = g_byte_array_new();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(to_bytes, out, 595, 842);
  cairo_t *cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 12);
  for (int p = 1; p <= pages; p++) {
    draw(cr, p);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

/* A running title, a page number, a two-line paragraph and two bullets. */
static void draw_plan_page(cairo_t *cr, int page) {
  char line[128];
  text_at(cr, 72, 40, "UBND HUYỆN THỬ NGHIỆM");
  snprintf(line, sizeof line, "Đoạn văn của trang %d có hai dòng, dòng thứ nhất dài gần tới lề",
           page);
  text_at(cr, 72, 120, line);
  text_at(cr, 72, 136, "và dòng thứ hai kết thúc đoạn văn.");
  text_at(cr, 72, 162, "- Nhiệm vụ thứ nhất;");
  text_at(cr, 72, 178, "- Nhiệm vụ thứ hai.");
  snprintf(line, sizeof line, "- %d -", page);
  text_at(cr, 290, 810, line);
}

static void test_running_headers_dropped(void **state) {
  (void)state;
  GByteArray *pdf = draw_pdf(3, draw_plan_page);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(pdf->data, pdf->len, "t.pdf", NULL, &err);
  assert_non_null(doc);
  assert_string_equal(doc->format, "pdf");
  assert_int_equal(doc->pages, 3);
  assert_int_equal(doc->nblocks, 9);
  assert_int_equal(doc->nwarnings, 0);
  for (int p = 1; p <= 3; p++) {
    char first[160];
    snprintf(first, sizeof first,
             "Đoạn văn của trang %d có hai dòng, dòng thứ nhất dài gần tới lề và dòng thứ hai kết "
             "thúc đoạn văn.",
             p);
    const parx_block *b = &doc->blocks[3 * (p - 1)];
    assert_int_equal(b->kind, PARX_BLOCK_PARAGRAPH);
    assert_string_equal(b->text, first);
    assert_string_equal(b[1].text, "- Nhiệm vụ thứ nhất;");
    assert_string_equal(b[2].text, "- Nhiệm vụ thứ hai.");
    for (int k = 0; k < 3; k++) {
      assert_int_equal(b[k].page, p);
      assert_int_equal(b[k].line, 3 * (p - 1) + k + 1);
    }
  }
  assert_int_equal(doc->next_line, 10);
  parx_doc_free(doc);
  g_byte_array_unref(pdf);
}

/* Reads a one-page PDF that `draw` makes and checks its paragraphs' texts. */
static void assert_paragraphs(draw_page draw, const char *const *want, size_t n) {
  GByteArray *pdf = draw_pdf(1, draw);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(pdf->data, pdf->len, "t.pdf", NULL, &err);
  assert_non_null(doc);
  assert_int_equal(doc->nblocks, n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(doc->blocks[i].text, want[i]);
  parx_doc_free(doc);
  g_byte_array_unref(pdf);
}

/* Asterisks, a hash and tildes that a PDF shows are its text, not markup. */
static void draw_stated_markup(cairo_t *cr, int page) {
  (void)page;
  text_at(cr, 72, 120, "Hệ số 22,18*0,7 và 0.24**");
  text_at(cr, 72, 160, "# 1 ~~cũ~~ **Sở** Nội vụ");
}

static void test_stated_markup_kept(void **state) {
  (void)state;
  static const char *const want[] = {"Hệ số 22,18*0,7 và 0.24**", "# 1 ~~cũ~~ **Sở** Nội vụ"};
  assert_paragraphs(draw_stated_markup, want, 2);
}

/* A page a browser saved as PDF: the date and time at the top, the page's
 * address and number at the bottom, apart from the text. */
static void draw_browser_page(cairo_t *cr, int page) {
  (void)page;
  text_at(cr, 20, 20, "12/3/26, 8:33 PM");
  text_at(cr, 72, 120, "Sở Nội vụ tổng hợp kết quả, báo cáo UBND tỉnh.");
  text_at(cr, 20, 830, "file:///tmp/ke-hoach.html");
  text_at(cr, 540, 830, "1/1");
}

static void test_browser_margins_dropped(void **state) {
  (void)state;
  static const char *const want[] = {"Sở Nội vụ tổng hợp kết quả, báo cáo UBND tỉnh."};
  assert_paragraphs(draw_browser_page, want, 1);
}

/* An agency heading, then items under it opened by a Symbol font's bullet
 * (U+F0B7), as Word's and LibreOffice's bullets come out of their PDFs. */
static void draw_symbol_bullets(cairo_t *cr, int page) {
  (void)page;
  text_at(cr, 72, 120, "1. Sở Tư pháp");
  text_at(cr, 90, 136, "\xEF\x82\xB7");
  text_at(cr, 108, 136, "Thẩm định dự thảo văn bản đúng thời hạn.");
  text_at(cr, 90, 152, "\xEF\x82\xB7");
  text_at(cr, 108, 152, "Theo dõi thi hành pháp luật.");
}

static void test_symbol_bullets_open_items(void **state) {
  (void)state;
  static const char *const want[] = {"1. Sở Tư pháp",
                                     "\xEF\x82\xB7 Thẩm định dự thảo văn bản đúng thời hạn.",
                                     "\xEF\x82\xB7 Theo dõi thi hành pháp luật."};
  assert_paragraphs(draw_symbol_bullets, want, 3);
}

/* List labels set apart from their text by a tab, and two cells side by
 * side that are no label and text (a signature block). */
static void draw_tabbed_labels(cairo_t *cr, int page) {
  (void)page;
  text_at(cr, 72, 120, "I.");
  text_at(cr, 96, 120, "KẾT QUẢ NĂM 2024");
  text_at(cr, 72, 160, "a)");
  text_at(cr, 96, 160, "Sở Tư pháp rà soát văn bản.");
  text_at(cr, 72, 200, "Nơi nhận:");
  text_at(cr, 380, 200, "CHỦ TỊCH");
}

static void test_tabbed_labels_stay_with_text(void **state) {
  (void)state;
  static const char *const want[] = {"I. KẾT QUẢ NĂM 2024", "a) Sở Tư pháp rà soát văn bản.",
                                     "Nơi nhận:", "CHỦ TỊCH"};
  assert_paragraphs(draw_tabbed_labels, want, 4);
}

/* A table of one-line rows, one with an empty middle cell, one with an empty
 * last cell, then a paragraph. */
static void draw_table_page(cairo_t *cr, int page) {
  static const char *const rows[][4] = {
      {"STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"},
      {"1", "Xây dựng kế hoạch", "Sở Nội vụ", "Quý I/2023"},
      {"2", "Kiểm tra công vụ", "", "Quý II/2023"},
      {"3", "Báo cáo kết quả", "Văn phòng UBND", ""},
  };
  static const double x[] = {72, 120, 330, 470};
  (void)page;
  text_at(cr, 72, 150, "Phân công thực hiện như sau:");
  for (size_t r = 0; r < 4; r++)
    for (size_t c = 0; c < 4; c++)
      text_at(cr, x[c], 200 + 24 * (double)r, rows[r][c]);
  text_at(cr, 72, 330, "Kết thúc bảng.");
}

static void test_table_of_one_line_rows(void **state) {
  (void)state;
  GByteArray *pdf = draw_pdf(1, draw_table_page);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(pdf->data, pdf->len, "t.pdf", NULL, &err);
  assert_non_null(doc);
  assert_int_equal(doc->nblocks, 3);
  assert_string_equal(doc->blocks[0].text, "Phân công thực hiện như sau:");
  const parx_block *t = &doc->blocks[1];
  assert_int_equal(t->kind, PARX_BLOCK_TABLE);
  assert_int_equal(t->nrows, 4);
  assert_int_equal(t->line, 2);
  assert_row(&t->rows[0], (const char *const[]){"STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"},
             4);
  assert_row(&t->rows[1],
             (const char *const[]){"1", "Xây dựng kế hoạch", "Sở Nội vụ", "Quý I/2023"}, 4);
  assert_row(&t->rows[2], (const char *const[]){"2", "Kiểm tra công vụ", "", "Quý II/2023"}, 4);
  assert_row(&t->rows[3], (const char *const[]){"3", "Báo cáo kết quả", "Văn phòng UBND", ""}, 4);
  for (size_t r = 0; r < 4; r++) {
    assert_int_equal(t->rows[r].line, 2 + (int)r);
    assert_int_equal(t->rows[r].page, 1);
  }
  assert_string_equal(doc->blocks[2].text, "Kết thúc bảng.");
  assert_int_equal(doc->blocks[2].line, 6);
  parx_doc_free(doc);
  g_byte_array_unref(pdf);
}

/* A table without rules, wider than the text, between a heading and the
 * paragraph that introduce it and the next heading: its rows are spaced as
 * the body's paragraphs are, and the headings are narrow, but their text
 * runs across the gutter of the table's number column. */
static void draw_unruled_between_headings(cairo_t *cr, int page) {
  static const char *const rows[][4] = {
      {"STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"},
      {"1", "Ban hành kế hoạch kiểm tra", "Sở Nội vụ", "Quý I/2024"},
      {"2", "Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh", "Quý II/2024"},
      {"3", "Giải ngân vốn đầu tư công", "Sở Tài chính", "Thường xuyên"},
  };
  static const double x[] = {60, 100, 300, 480};
  (void)page;
  text_at(cr, 72, 100, "I. KẾT QUẢ");
  text_at(cr, 72, 130, "Năm 2023, Chỉ số CCHC của tỉnh đạt 84,05%, xếp thứ 35/63 tỉnh.");
  text_at(cr, 72, 160, "II. NHIỆM VỤ, GIẢI PHÁP");
  text_at(cr, 72, 190, "Các nhiệm vụ được phân công như sau:");
  for (size_t r = 0; r < 4; r++)
    for (size_t c = 0; c < 4; c++)
      text_at(cr, x[c], 220 + 30 * (double)r, rows[r][c]);
  text_at(cr, 72, 340, "III. TỔ CHỨC THỰC HIỆN");
  text_at(cr, 72, 370, "Sở Nội vụ theo dõi, báo cáo UBND tỉnh kết quả thực hiện hằng năm.");
}

static void test_unruled_table_leaves_headings(void **state) {
  (void)state;
  GByteArray *pdf = draw_pdf(1, draw_unruled_between_headings);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(pdf->data, pdf->len, "t.pdf", NULL, &err);
  assert_non_null(doc);
  assert_int_equal(doc->nblocks, 7);
  assert_string_equal(doc->blocks[2].text, "II. NHIỆM VỤ, GIẢI PHÁP");
  assert_string_equal(doc->blocks[3].text, "Các nhiệm vụ được phân công như sau:");
  const parx_block *t = only_table(doc);
  assert_ptr_equal(t, &doc->blocks[4]);
  assert_int_equal(t->nrows, 4);
  assert_row(&t->rows[0], (const char *const[]){"STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"},
             4);
  assert_row(
      &t->rows[3],
      (const char *const[]){"3", "Giải ngân vốn đầu tư công", "Sở Tài chính", "Thường xuyên"}, 4);
  assert_string_equal(doc->blocks[5].text, "III. TỔ CHỨC THỰC HIỆN");
  assert_provenance(doc);
  parx_doc_free(doc);
  g_byte_array_unref(pdf);
}

/* The same without a number column, its first column wide enough to hold
 * the heading and the short paragraph that introduce it and the heading
 * after it; a group's title, numbered as a heading is, parts its rows. */
static void draw_unruled_wide_first_column(cairo_t *cr, int page) {
  static const char *const rows[][3] = {
      {"Nội dung nhiệm vụ cần triển khai trong năm", "Chủ trì", "Thời hạn"},
      {"1. Cải cách thủ tục hành chính", "", ""},
      {"Rà soát, chuẩn hóa quy trình nội bộ", "Phòng Nội vụ", "Quý I/2025"},
      {"Số hóa hồ sơ thủ tục hành chính", "Văn phòng UBND", "Quý II/2025"},
  };
  static const double x[] = {72, 380, 480};
  (void)page;
  text_at(cr, 72, 100, "Chỉ số CCHC của huyện năm 2024 đạt 82,40%, xếp thứ 3/8 huyện.");
  text_at(cr, 72, 130, "II. NHIỆM VỤ");
  text_at(cr, 72, 160, "Cụ thể:");
  for (size_t r = 0; r < 4; r++)
    for (size_t c = 0; c < 3; c++)
      text_at(cr, x[c], 190 + 30 * (double)r, rows[r][c]);
  text_at(cr, 72, 310, "III. KINH PHÍ");
  text_at(cr, 72, 340, "Kinh phí thực hiện từ ngân sách huyện năm 2025 theo phân cấp.");
}

static void test_unruled_table_leaves_short_headings(void **state) {
  (void)state;
  GByteArray *pdf = draw_pdf(1, draw_unruled_wide_first_column);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(pdf->data, pdf->len, "t.pdf", NULL, &err);
  assert_non_null(doc);
  assert_int_equal(doc->nblocks, 6);
  assert_string_equal(doc->blocks[1].text, "II. NHIỆM VỤ");
  assert_string_equal(doc->blocks[2].text, "Cụ thể:");
  const parx_block *t = only_table(doc);
  assert_ptr_equal(t, &doc->blocks[3]);
  assert_int_equal(t->nrows, 4);
  assert_row(
      &t->rows[0],
      (const char *const[]){"Nội dung nhiệm vụ cần triển khai trong năm", "Chủ trì", "Thời hạn"},
      3);
  assert_row(&t->rows[1], (const char *const[]){"1. Cải cách thủ tục hành chính", "", ""}, 3);
  assert_string_equal(doc->blocks[4].text, "III. KINH PHÍ");
  assert_provenance(doc);
  parx_doc_free(doc);
  g_byte_array_unref(pdf);
}

/* --- errors --------------------------------------------------------------- */

/* A table whose two full rows disagree on the grid, continued at the top of
 * the next page by rows that the page sets 100 points to the right, the
 * last cells of each empty (as a scan may set a page). */
static void draw_shifted_table(cairo_t *cr, int page) {
  static const char *const rows[][4] = {
      {"STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"},
      {"1", "Xây dựng", "Sở Nội vụ", "Quý I"},
      {"2", "Kiểm tra", "", ""},
      {"3", "Báo cáo", "Văn phòng", ""},
  };
  static const double x[][4] = {
      {72, 120, 330, 470}, {72, 130, 340, 480}, {172, 220, 0, 0}, {172, 220, 400, 0}};
  for (size_t r = page == 1 ? 0 : 2; r < (page == 1 ? 2 : 4); r++)
    for (size_t c = 0; c < 4; c++)
      if (*rows[r][c]) text_at(cr, x[r][c], 100 + 24 * (double)(r % 2), rows[r][c]);
}

static void test_shifted_page_keeps_numbers(void **state) {
  (void)state;
  GByteArray *pdf = draw_pdf(2, draw_shifted_table);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(pdf->data, pdf->len, "t.pdf", NULL, &err);
  assert_non_null(doc);
  const parx_block *t = only_table(doc);
  assert_int_equal(t->nrows, 4);
  assert_row(&t->rows[2], (const char *const[]){"2", "Kiểm tra", "", ""}, 4);
  assert_row(&t->rows[3], (const char *const[]){"3", "Báo cáo", "Văn phòng", ""}, 4);
  parx_doc_free(doc);
  g_byte_array_unref(pdf);
}

static void test_garbage_is_format_error(void **state) {
  (void)state;
  static const char garbage[] = "%PDF-1.4\ngarbage\n";
  parx_error err = {0};
  parx_doc *doc =
      parx_ingest_pdf((const unsigned char *)garbage, sizeof garbage - 1, "bad.pdf", NULL, &err);
  assert_null(doc);
  assert_int_equal(err.status, PARX_ERR_FORMAT);
  assert_string_equal(err.message, "bad.pdf: not a readable PDF: PDF document is damaged");
}

static void test_truncated_is_format_error(void **state) {
  (void)state;
  size_t len;
  unsigned char *bytes = corpus_file("pdf/daklak-2017.pdf", &len);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(bytes, 30000, "daklak-2017.pdf", NULL, &err);
  g_free(bytes);
  assert_null(doc);
  assert_int_equal(err.status, PARX_ERR_FORMAT);
  assert_string_equal(err.message, "daklak-2017.pdf: not a readable PDF: PDF document is damaged");
}

/*
 * An encrypted PDF (standard security handler, revision 2: RC4 with a 40-bit
 * key derived by MD5, PDF 1.7 section 7.6.3) whose user password is "secret".
 */
static const unsigned char PASSWORD_PAD[32] = {
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A};
static const unsigned char FILE_ID[16] = "parx-test-file!";

static void rc4(const unsigned char *key, size_t klen, unsigned char *data, size_t n) {
  unsigned char s[256];
  for (int i = 0; i < 256; i++)
    s[i] = (unsigned char)i;
  for (int i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % klen]) & 255;
    unsigned char t = s[i];
    s[i] = s[j];
    s[j] = t;
  }
  for (size_t k = 0, i = 0, j = 0; k < n; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    unsigned char t = s[i];
    s[i] = s[j];
    s[j] = t;
    data[k] ^= s[(s[i] + s[j]) & 255];
  }
}

static void md5(const unsigned char *const *parts, const size_t *lens, size_t n,
                unsigned char out[16]) {
  GChecksum *sum = g_checksum_new(G_CHECKSUM_MD5);
  for (size_t i = 0; i < n; i++)
    g_checksum_update(sum, parts[i], (gssize)lens[i]);
  gsize len = 16;
  g_checksum_get_digest(sum, out, &len);
  g_checksum_free(sum);
}

static void padded(const char *password, unsigned char out[32]) {
  size_t n = strlen(password) < 32 ? strlen(password) : 32;
  memcpy(out, password, n);
  memcpy(out + n, PASSWORD_PAD, 32 - n);
}

static void append_hex(GString *s, const unsigned char *b, size_t n) {
  g_string_append_c(s, '<');
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(s, "%02X", b[i]);
  g_string_append_c(s, '>');
}

static GString *encrypted_pdf(const char *user, const char *owner) {
  static const char content[] = "BT /F1 12 Tf 72 720 Td (Hello secret world) Tj ET";
  const uint32_t perms = (uint32_t)-44;
  const unsigned char p[4] = {perms & 255, (perms >> 8) & 255, (perms >> 16) & 255, perms >> 24};
  unsigned char upad[32], opad[32], okey[16], key[16], o[32], u[32], objkey[16];
  padded(user, upad);
  padded(owner, opad);
  md5((const unsigned char *const[]){opad}, (const size_t[]){32}, 1, okey);
  memcpy(o, upad, 32);
  rc4(okey, 5, o, 32);
  md5((const unsigned char *const[]){upad, o, p, FILE_ID}, (const size_t[]){32, 32, 4, 16}, 4, key);
  memcpy(u, PASSWORD_PAD, 32);
  rc4(key, 5, u, 32);
  /* object 4, generation 0 */
  md5((const unsigned char *const[]){key, (const unsigned char[]){4, 0, 0, 0, 0}},
      (const size_t[]){5, 5}, 2, objkey);
  unsigned char stream[sizeof content - 1];
  memcpy(stream, content, sizeof stream);
  rc4(objkey, 10, stream, sizeof stream);

  GString *pdf = g_string_new("%PDF-1.4\n");
  size_t offsets[7];
  offsets[1] = pdf->len;
  g_string_append(pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offsets[2] = pdf->len;
  g_string_append(pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
  offsets[3] = pdf->len;
  g_string_append(pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf(pdf, "4 0 obj << /Length %zu >> stream\n", sizeof stream);
  g_string_append_len(pdf, (const char *)stream, sizeof stream);
  g_string_append(pdf, "\nendstream endobj\n");
  offsets[5] = pdf->len;
  g_string_append(pdf, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
  offsets[6] = pdf->len;
  g_string_append(pdf, "6 0 obj << /Filter /Standard /V 1 /R 2 /O ");
  append_hex(pdf, o, 32);
  g_string_append(pdf, " /U ");
  append_hex(pdf, u, 32);
  g_string_append(pdf, " /P -44 >> endobj\n");
  size_t xref = pdf->len;
  g_string_append(pdf, "xref\n0 7\n0000000000 65535 f \n");
  for (int i = 1; i <= 6; i++)
    g_string_append_printf(pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append(pdf, "trailer << /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [");
  append_hex(pdf, FILE_ID, 16);
  append_hex(pdf, FILE_ID, 16);
  g_string_append_printf(pdf, "] >>\nstartxref\n%zu\n%%%%EOF\n", xref);
  return pdf;
}

static void test_encrypted_needs_password(void **state) {
  (void)state;
  GString *pdf = encrypted_pdf("secret", "owner");
  const unsigned char *bytes = (const unsigned char *)pdf->str;
  const char *const wrong[] = {NULL, "guess"};
  const char *const said[] = {
      "locked.pdf: the PDF is encrypted; give its password with --password, --password-file or "
      "PARX_PASSWORD",
      "locked.pdf: the password given for the encrypted PDF is wrong"};
  for (size_t i = 0; i < 2; i++) {
    parx_error err = {0};
    parx_ingest_options with = {.password = wrong[i]};
    assert_null(parx_ingest_pdf(bytes, pdf->len, "locked.pdf", &with, &err));
    assert_int_equal(err.status, PARX_ERR_PASSWORD);
    assert_string_equal(err.message, said[i]);
  }
  parx_error err = {0};
  parx_ingest_options right = {.password = "secret"};
  parx_doc *doc = parx_ingest_pdf(bytes, pdf->len, "locked.pdf", &right, &err);
  assert_non_null(doc);
  assert_int_equal(doc->pages, 1);
  assert_int_equal(doc->nblocks, 1);
  assert_string_equal(doc->blocks[0].text, "Hello secret world");
  assert_int_equal(doc->blocks[0].line, 1);
  assert_int_equal(doc->blocks[0].page, 1);
  parx_doc_free(doc);
  g_string_free(pdf, TRUE);
}

/* --- corpus --------------------------------------------------------------- */

static const char *const DAKLAK_HEADER[] = {"STT",
                                            "Nội dung",
                                            "Cơ quan chủ trì thực hiện",
                                            "Cơ quan phối hợp thực hiện",
                                            "Kết quả",
                                            "Thời gian hoàn thành"};

/* The task table: one table of six columns across pages, its header kept
 * once, the row that a page break (and a stamp) cut joined into one. */
static void check_daklak(const char *rel, int pages, int table_page, int split_row_page,
                         int last_page) {
  parx_doc *doc = read_corpus(rel);
  assert_int_equal(doc->pages, pages);
  const parx_block *t = only_table(doc);
  assert_int_equal(t->page, table_page);
  assert_int_equal(t->nrows, 48);
  assert_row(&t->rows[0], DAKLAK_HEADER, 6);
  size_t headers = 0;
  for (size_t i = 0; i < t->nrows; i++) {
    assert_int_equal(t->rows[i].ncells, 6);
    headers += !strcmp(t->rows[i].cells[0], "STT");
  }
  assert_int_equal(headers, 1);
  const parx_row *split = find_row(t, 1, "Rà soát, thống kê danh mục thủ tục hành chính đang");
  assert_row(split,
             (const char *const[]){
                 "1",
                 "Rà soát, thống kê danh mục thủ tục hành chính đang thực hiện, "
                 "bao gồm thủ tục hành chính liên quan đến người dân, doanh "
                 "nghiệp và thủ tục hành chính nội bộ của cơ quan nhà nước để "
                 "kiểm soát",
                 "Các Sở, ban, ngành; UBND các huyện, thị xã, thành phố", "Văn phòng UBND tỉnh",
                 "Bộ thủ tục hành chính đang thực hiện trên địa bàn tỉnh", "Quý I/2018"},
             6);
  assert_int_equal(split->page, split_row_page);
  const parx_row *lead = find_row(t, 1, "Đổi mới công tác nhận xét, đánh giá");
  assert_non_null(lead);
  assert_string_equal(lead->cells[0], "2");
  assert_string_equal(lead->cells[2], "Sở Nội vụ");
  assert_string_equal(lead->cells[5], "Hàng năm");
  /* the row whose number the page break moved to its second half */
  const parx_row *moved = find_row(t, 1, "Thực hiện cơ cấu công chức, viên chức theo vị trí");
  assert_non_null(moved);
  assert_string_equal(moved->cells[0], "5");
  assert_int_equal(t->rows[t->nrows - 1].page, last_page);
  assert_string_equal(t->rows[t->nrows - 1].cells[0], "2");
  assert_provenance(doc);
  parx_doc_free(doc);
}

static void test_daklak_libreoffice(void **state) {
  (void)state;
  check_daklak("pdf/daklak-2017.pdf", 10, 6, 7, 10);
}

static void test_daklak_chromium(void **state) {
  (void)state;
  check_daklak("more/pdf-chromium/daklak-2017.pdf", 13, 7, 8, 13);
}

static void test_daklak_landscape(void **state) {
  (void)state;
  check_daklak("more/pdf-landscape/daklak-2017.pdf", 18, 8, 9, 17);
}

/* The appendix table: codes in the first column, agencies in theirs. */
static void check_quangdien(const char *rel, int pages, int table_page) {
  parx_doc *doc = read_corpus(rel);
  assert_int_equal(doc->pages, pages);
  const parx_block *t = only_table(doc);
  assert_int_equal(t->page, table_page);
  assert_row(&t->rows[0],
             (const char *const[]){"TT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Sản phẩm đầu ra",
                                   "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"},
             6);
  assert_row(find_row(t, 0, "1.1.1"),
             (const char *const[]){
                 "1.1.1", "Ban hành kế hoạch CCHC: 0,5đ", "Kế hoạch CCHC 2022", "Phòng Nội vụ",
                 "Các phòng, ban cấp huyện, UBND các xã, thị trấn", "Trước 05/01/2022"},
             6);
  assert_row(find_row(t, 0, "2.1.3"),
             (const char *const[]){
                 "2.1.3", "Báo cáo công tác theo dõi tình hình THPL: 1đ",
                 "Báo cáo công tác theo dõi thi hành pháp luật năm 2022", "Phòng Tư pháp",
                 "Các phòng, ban cấp huyện, UBND các xã, thị trấn", "Trước 15/11/2022"},
             6);
  assert_string_equal(find_row(t, 0, "NHÓM 1")->cells[0], "NHÓM 1: TỰ ĐÁNH GIÁ");
  assert_provenance(doc);
  parx_doc_free(doc);
}

static void test_quangdien_libreoffice(void **state) {
  (void)state;
  check_quangdien("pdf/quangdien-2022.pdf", 26, 14);
}

static void test_quangdien_chromium(void **state) {
  (void)state;
  check_quangdien("more/pdf-chromium/quangdien-2022.pdf", 32, 16);
}

static void test_quangdien_landscape(void **state) {
  (void)state;
  check_quangdien("more/pdf-landscape/quangdien-2022.pdf", 45, 16);
}

static void test_quangnam_paragraphs(void **state) {
  (void)state;
  parx_doc *doc = read_corpus("pdf/quangnam-2020.pdf");
  assert_int_equal(doc->pages, 11);
  for (size_t i = 0; i < doc->nblocks; i++) {
    assert_int_equal(doc->blocks[i].kind, PARX_BLOCK_PARAGRAPH);
    assert_int_equal(doc->blocks[i].line, (int)i + 1);
  }
  assert_string_equal(doc->blocks[0].text, "KẾ HOẠCH");
  assert_string_equal(doc->blocks[3].text, "I. MỤC ĐÍCH, YÊU CẦU");
  assert_string_equal(doc->blocks[4].text, "1. Mục đích");
  assert_string_equal(doc->blocks[6].text,
                      "- Phân đấu Chỉ số cải cách hành chính của tỉnh năm 2020 tăng điểm và tăng "
                      "hạng so với năm 2019.");
  assert_provenance(doc);
  parx_doc_free(doc);
}

/* A scan read without OCR is a failure that says what would read it (the
 * recognition itself is test_ocr's). */
static void test_scanned_without_ocr(void **state) {
  (void)state;
  size_t len;
  const char *rel = "more/pdf-scanned/daklak-2017.pdf";
  unsigned char *bytes = corpus_file(rel, &len);
  parx_ingest_options never = {.ocr = PARX_OCR_NEVER};
  parx_error err = {0};
  assert_null(parx_ingest_pdf(bytes, len, rel, &never, &err));
  g_free(bytes);
  assert_int_equal(err.status, PARX_ERR_NO_TEXT);
  assert_string_equal(err.message, "more/pdf-scanned/daklak-2017.pdf: no text: its pages are "
                                   "images without a text layer; run with --ocr auto to "
                                   "recognise them");
}

/* LeakSanitizer reads its suppressions here: fontconfig, which cairo loads to
 * draw the test PDFs, keeps its configuration until the process ends. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libfontconfig.so\n";
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_running_headers_dropped),
      cmocka_unit_test(test_browser_margins_dropped),
      cmocka_unit_test(test_stated_markup_kept),
      cmocka_unit_test(test_symbol_bullets_open_items),
      cmocka_unit_test(test_tabbed_labels_stay_with_text),
      cmocka_unit_test(test_table_of_one_line_rows),
      cmocka_unit_test(test_unruled_table_leaves_headings),
      cmocka_unit_test(test_unruled_table_leaves_short_headings),
      cmocka_unit_test(test_shifted_page_keeps_numbers),
      cmocka_unit_test(test_garbage_is_format_error),
      cmocka_unit_test(test_truncated_is_format_error),
      cmocka_unit_test(test_encrypted_needs_password),
      cmocka_unit_test(test_daklak_libreoffice),
      cmocka_unit_test(test_daklak_chromium),
      cmocka_unit_test(test_daklak_landscape),
      cmocka_unit_test(test_quangdien_libreoffice),
      cmocka_unit_test(test_quangdien_chromium),
      cmocka_unit_test(test_quangdien_landscape),
      cmocka_unit_test(test_quangnam_paragraphs),
      cmocka_unit_test(test_scanned_without_ocr),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

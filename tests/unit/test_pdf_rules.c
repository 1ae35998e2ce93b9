/*
 * Layouts of issue 17: tables read from their ruling lines, in PDFs that
 * LibreOffice and Chromium made from tests/diff/gen.py's documents
 * (tests/diff/data), whose tables space their rows as tightly as the lines of
 * a cell, so that word gaps alone cannot part them (the whole page became one
 * row taken as the header, and the table was lost); pages whose text runs
 * vertically, and a paragraph that a page break cuts before a name, drawn
 * here with cairo, and a table drawn without rules or a number column whose
 * rows are cut where their top-aligned cells start.
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

static parx_doc *read_data(const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/diff/data/%s", PARX_TEST_DATA, name);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  static unsigned char bytes[1 << 20];
  size_t len = fread(bytes, 1, sizeof bytes, f);
  fclose(f);
  assert_true(len > 0 && len < sizeof bytes);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(bytes, len, name, NULL, &err);
  assert_non_null(doc);
  return doc;
}

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

static void assert_row(const parx_row *row, const char *const *cells, size_t n) {
  assert_int_equal(row->ncells, n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(row->cells[i], cells[i]);
}

/* Six ruled columns, one-line rows 3 pt apart, header cells on two lines. */
static void check_tight(const char *name) {
  parx_doc *doc = read_data(name);
  const parx_block *t = only_table(doc);
  assert_int_equal(t->nrows, 15); /* the header and fourteen entries */
  static const char *const head[] = {"STT",
                                     "Nội dung nhiệm vụ cần triển khai",
                                     "Cơ quan chủ trì thực hiện",
                                     "Cơ quan phối hợp thực hiện",
                                     "Thời gian hoàn thành",
                                     "Điểm tối đa"};
  assert_row(&t->rows[0], head, 6);
  static const char *const first[] = {
      "1",  "Kiểm tra công tác cải cách h", "Văn phòng UBND tỉnh", "Sở Tư pháp", "Quý I/2024",
      "0,0"};
  assert_row(&t->rows[1], first, 6);
  static const char *const last[] = {
      "14", "Rà soát, đánh giá thủ tục hà", "Sở Nội vụ", "Sở Tư pháp", "Trước 15/11/2024", "9,75"};
  assert_row(&t->rows[14], last, 6);
  parx_doc_free(doc);
}

static void test_tight_ruled_libreoffice(void **state) {
  (void)state;
  check_tight("oneline-portrait-ruled.lo.pdf");
}

static void test_tight_ruled_chromium(void **state) {
  (void)state;
  check_tight("oneline-portrait-ruled.chromium.pdf");
}

/* "Năm 2019" centred over "Điểm" and "Xếp hạng": one cell, not two words
 * split at their gap. */
static void test_spanning_header_whole(void **state) {
  (void)state;
  parx_doc *doc = read_data("twoheader-landscape-ruled.lo.pdf");
  const parx_block *t = only_table(doc);
  int found = 0;
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t c = 0; c < t->rows[r].ncells; c++)
      found += !strcmp(t->rows[r].cells[c], "Năm 2019");
  assert_int_equal(found, 1);
  parx_doc_free(doc);
}

/* Two tables with the same header on one page stay two, each with its
 * header: a table repeats its header on its next page, not on the same one. */
static void test_two_tables_on_one_page(void **state) {
  (void)state;
  parx_doc *doc = read_data("twotables-portrait-ruled.lo.pdf");
  size_t tables = 0;
  for (size_t i = 0; i < doc->nblocks; i++) {
    const parx_block *t = &doc->blocks[i];
    if (t->kind != PARX_BLOCK_TABLE) continue;
    tables++;
    assert_int_equal(t->nrows, tables == 1 ? 5 : 7);
    assert_string_equal(t->rows[0].cells[0], "STT");
    assert_string_equal(t->rows[1].cells[0], tables == 1 ? "1" : "5");
  }
  assert_int_equal(tables, 2);
  parx_doc_free(doc);
}

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void rotate_page(GByteArray *pdf);

/* A portrait page drawn by `draw` in `size` pt type, its drawing upright
 * (turn 0) or turned a quarter (turn 1: running top to bottom; -1: bottom
 * to top), as a landscape table printed on a portrait page is; with
 * `rotate`, the page is shown turned a quarter clockwise by /Rotate 90. */
static parx_doc *portrait_page(int turn, double size, void (*draw)(cairo_t *cr), int rotate,
                               const char *name) {
  GByteArray *out = g_byte_array_new();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(to_bytes, out, 595, 842);
  cairo_t *cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  if (turn > 0) {
    cairo_translate(cr, 595, 0);
    cairo_rotate(cr, G_PI_2);
  } else if (turn < 0) {
    cairo_translate(cr, 0, 842);
    cairo_rotate(cr, -G_PI_2);
  }
  draw(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  if (rotate) rotate_page(out);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(out->data, out->len, name, NULL, &err);
  g_byte_array_free(out, TRUE);
  assert_non_null(doc);
  return doc;
}

static void draw_plan_lines(cairo_t *cr) {
  static const char *const lines[] = {"KẾ HOẠCH cải cách hành chính năm 2024",
                                      "1. Sở Nội vụ chủ trì kiểm tra công tác cải cách.",
                                      "2. Sở Tư pháp rà soát thủ tục hành chính."};
  for (size_t i = 0; i < 3; i++) {
    cairo_move_to(cr, 72, 72 + 20.0 * (double)i);
    cairo_show_text(cr, lines[i]);
  }
}

/* A portrait page whose text is set turned a quarter (turn 1 or -1). */
static parx_doc *turned_page(int turn) {
  return portrait_page(turn, 12, draw_plan_lines, 0, "turned.pdf");
}

static void check_turned(int turn) {
  parx_doc *doc = turned_page(turn);
  assert_int_equal(doc->nblocks, 3);
  assert_string_equal(doc->blocks[0].text, "KẾ HOẠCH cải cách hành chính năm 2024");
  assert_string_equal(doc->blocks[1].text, "1. Sở Nội vụ chủ trì kiểm tra công tác cải cách.");
  assert_string_equal(doc->blocks[2].text, "2. Sở Tư pháp rà soát thủ tục hành chính.");
  parx_doc_free(doc);
}

static void test_text_turned_clockwise(void **state) {
  (void)state;
  check_turned(1);
}

static void test_text_turned_anticlockwise(void **state) {
  (void)state;
  check_turned(-1);
}

/* A ruled table whose rows are as tight as the lines of a cell: row 1 has a
 * second row without a number (a sub-task), which only the rule between them
 * parts from it. */
static const char *const ruled_cells[][4] = {
    {"STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"},
    {"1", "Kiểm tra công tác cải cách", "Sở Nội vụ", "Quý I/2024"},
    {"", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý II/2024"},
    {"2", "Số hóa hồ sơ", "Sở Thông tin", "Năm 2024"},
    {"3", "Tuyên truyền cải cách", "Văn phòng UBND", "Thường xuyên"}};

static void draw_ruled_table(cairo_t *cr) {
  static const double xs[] = {72, 112, 292, 412, 512};
  double top = 100, pitch = 13;
  cairo_move_to(cr, 72, 80);
  cairo_show_text(cr, "KẾ HOẠCH cải cách hành chính năm 2024");
  for (size_t r = 0; r < 5; r++)
    for (size_t c = 0; c < 4; c++) {
      cairo_move_to(cr, xs[c] + 3, top + pitch * (double)r + 9.5);
      cairo_show_text(cr, ruled_cells[r][c]);
    }
  cairo_set_line_width(cr, 0.5);
  cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
  for (size_t r = 0; r <= 5; r++) {
    cairo_move_to(cr, xs[0], top + pitch * (double)r);
    cairo_line_to(cr, xs[4], top + pitch * (double)r);
  }
  for (size_t c = 0; c < 5; c++) {
    cairo_move_to(cr, xs[c], top);
    cairo_line_to(cr, xs[c], top + 5 * pitch);
  }
  cairo_stroke(cr);
}

/* Gives cairo's page a /Rotate of 90 in place of its /Type (same length, so
 * that the cross-reference table stays right; a page needs no /Type). */
static void rotate_page(GByteArray *pdf) {
  static const char from[] = "/Type /Page %", to[] = "/Rotate 90  %";
  for (guint i = 0; i + sizeof from - 1 <= pdf->len; i++)
    if (!memcmp(pdf->data + i, from, sizeof from - 1)) {
      memcpy(pdf->data + i, to, sizeof to - 1);
      return;
    }
  fail_msg("no page dictionary");
}

/* The table on a portrait page, upright (turn 0) or turned a quarter; with
 * `rotate`, the page is shown turned a quarter clockwise by /Rotate 90. */
static parx_doc *ruled_page(int turn, int rotate) {
  return portrait_page(turn, 10, draw_ruled_table, rotate, "ruled.pdf");
}

static void check_ruled(int turn, int rotate) {
  parx_doc *doc = ruled_page(turn, rotate);
  const parx_block *t = only_table(doc);
  assert_int_equal(t->nrows, 5);
  for (size_t r = 0; r < 5; r++)
    assert_row(&t->rows[r], ruled_cells[r], 4);
  parx_doc_free(doc);
}

static void test_ruled_upright(void **state) {
  (void)state;
  check_ruled(0, 0);
}

/* A landscape table printed on a portrait page: its rules are turned with
 * its text. */
static void test_ruled_turned_clockwise(void **state) {
  (void)state;
  check_ruled(1, 0);
}

static void test_ruled_turned_anticlockwise(void **state) {
  (void)state;
  check_ruled(-1, 0);
}

/* /Rotate 90 shows the upright table turned, or a table drawn turned back
 * upright. */
static void test_ruled_page_rotated(void **state) {
  (void)state;
  check_ruled(0, 1);
  check_ruled(-1, 1);
}

/* A table without rules or a number column, its rows as tight as the lines
 * of a cell, cells set at the top of their rows: row 1 wraps its task onto a
 * second line, row 3 wraps every cell but the score, and a paragraph follows
 * at the same line pitch. Each line is {column, text} pieces. */
typedef struct piece {
  int col;
  const char *text;
} piece;

static const piece plain_lines[][4] = {
    {{0, "Cơ quan"}, {1, "Nhiệm vụ"}, {2, "Thời hạn"}, {3, "Điểm"}},
    {{0, "Sở Nội vụ"}, {1, "Kiểm tra công tác"}, {2, "Quý I/2024"}, {3, "1,5"}},
    {{1, "cải cách hành chính"}, {-1, NULL}},
    {{0, "Sở Tư pháp"}, {1, "Rà soát thủ tục"}, {2, "Quý II/2024"}, {3, "2,0"}},
    {{0, "Sở Thông tin"}, {1, "Tuyên truyền"}, {2, "Thường"}, {3, "3,0"}},
    {{0, "và Truyền thông"}, {1, "cải cách"}, {2, "xuyên"}, {-1, NULL}}};

static void test_plain_rows_from_cell_tops(void **state) {
  (void)state;
  static const double xs[] = {72, 172, 352, 452};
  GByteArray *out = g_byte_array_new();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(to_bytes, out, 595, 842);
  cairo_t *cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 10);
  cairo_move_to(cr, 72, 80);
  cairo_show_text(cr, "KẾ HOẠCH cải cách hành chính năm 2024");
  size_t nlines = sizeof plain_lines / sizeof *plain_lines;
  for (size_t l = 0; l < nlines; l++)
    for (size_t k = 0; k < 4 && plain_lines[l][k].text; k++) {
      cairo_move_to(cr, xs[plain_lines[l][k].col], 110 + 13.0 * (double)l);
      cairo_show_text(cr, plain_lines[l][k].text);
    }
  cairo_move_to(cr, 72, 110 + 13.0 * (double)nlines);
  cairo_show_text(cr, "Trên đây là Kế hoạch cải cách hành chính năm 2024./.");
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(out->data, out->len, "plain.pdf", NULL, &err);
  g_byte_array_free(out, TRUE);
  assert_non_null(doc);
  const parx_block *t = only_table(doc);
  assert_int_equal(t->nrows, 4);
  static const char *const rows[][4] = {
      {"Cơ quan", "Nhiệm vụ", "Thời hạn", "Điểm"},
      {"Sở Nội vụ", "Kiểm tra công tác cải cách hành chính", "Quý I/2024", "1,5"},
      {"Sở Tư pháp", "Rà soát thủ tục", "Quý II/2024", "2,0"},
      {"Sở Thông tin và Truyền thông", "Tuyên truyền cải cách", "Thường xuyên", "3,0"}};
  for (size_t r = 0; r < 4; r++)
    assert_row(&t->rows[r], rows[r], 4);
  const parx_block *last = &doc->blocks[doc->nblocks - 1];
  assert_int_equal(last->kind, PARX_BLOCK_PARAGRAPH);
  assert_string_equal(last->text, "Trên đây là Kế hoạch cải cách hành chính năm 2024./.");
  parx_doc_free(doc);
}

/* Page 1 ends mid-sentence with a line running to the right edge; page 2
 * goes on with a name, capitalised. */
static void draw_cut_paragraph(cairo_t *cr, int page) {
  static const char *const first[] = {
      "3. Tổ chức thực hiện: giao các cơ quan chuyên môn thuộc UBND tỉnh",
      "triển khai kế hoạch này, báo cáo kết quả định kỳ hằng quý về cơ quan",
      "thường trực, trong đó phân công cụ thể nhiệm vụ theo dõi chung cho"};
  if (page == 1) {
    for (size_t i = 0; i < 3; i++) {
      cairo_move_to(cr, 72, 600 + 16.0 * (double)i);
      cairo_show_text(cr, first[i]);
    }
  } else {
    cairo_move_to(cr, 72, 150);
    cairo_show_text(cr, "Sở Nội vụ tổng hợp.");
  }
}

static void test_paragraph_cut_before_a_name(void **state) {
  (void)state;
  GByteArray *out = g_byte_array_new();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(to_bytes, out, 595, 842);
  cairo_t *cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 11);
  for (int p = 1; p <= 2; p++) {
    draw_cut_paragraph(cr, p);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(out->data, out->len, "cut.pdf", NULL, &err);
  g_byte_array_free(out, TRUE);
  assert_non_null(doc);
  assert_int_equal(doc->nblocks, 1);
  assert_non_null(strstr(doc->blocks[0].text, "theo dõi chung cho Sở Nội vụ tổng hợp."));
  parx_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tight_ruled_libreoffice),
      cmocka_unit_test(test_tight_ruled_chromium),
      cmocka_unit_test(test_spanning_header_whole),
      cmocka_unit_test(test_two_tables_on_one_page),
      cmocka_unit_test(test_text_turned_clockwise),
      cmocka_unit_test(test_text_turned_anticlockwise),
      cmocka_unit_test(test_paragraph_cut_before_a_name),
      cmocka_unit_test(test_ruled_upright),
      cmocka_unit_test(test_ruled_turned_clockwise),
      cmocka_unit_test(test_ruled_turned_anticlockwise),
      cmocka_unit_test(test_ruled_page_rotated),
      cmocka_unit_test(test_plain_rows_from_cell_tops),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

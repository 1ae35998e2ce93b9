/*
 * OCR (issue 15): codes repaired from their neighbours; a ruled table drawn
 * with cairo comes back cell by cell; a page turned a quarter is read
 * upright; a red seal over the text does not hide it; a PDF of page images
 * fails without OCR and is read with it.
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
#include <dlfcn.h>
#include <glib.h>

#include "ingest/ingest.h"
#include "ocr/ocr.h"
#include "ingest/pdf_internal.h"

static void test_code_repair(void **state) {
  (void)state;
  static const struct {
    const char *prev, *code, *next, *want; /* want NULL: left alone */
  } cases[] = {
      {"6.2.1", "622", "6.2.3", "6.2.2"},   /* both neighbours agree */
      {"6.2.1", "6,2,2", NULL, "6.2.2"},    /* commas for dots */
      {NULL, "622", "6.2.3", "6.2.2"},      /* the first row: the next one tells */
      {"6.2", "621", "6.2.2", "6.2.1"},     /* a first child */
      {"6.2.3", "63", "6.3.1", "6.3"},      /* an ancestor's next sibling */
      {"6.2.1", "622.", "6.2.3", "6.2.2."}, /* its closing dot kept */
      {"7.1.1", "Z.1.2", "7.2", "7.1.2"},   /* a digit read as a letter */
      {"7.1.1", "ZZ2", "7.2", NULL},        /* two letters: a word */
      {"7.1.1", "Z", "7.2", NULL},          /* no digit: a word */
      {"2", "I1", "3", NULL},               /* no parts: maybe a Roman number */
      {"6.2.1", "6.2.2", "6.2.3", NULL},    /* already right */
      {"6.2.1", "999", "6.2.3", NULL},      /* no neighbour's digits */
      {"6.2.1", "Tiêu", "6.2.3", NULL},     /* not a code */
      {"STT", "622", "Nội dung", NULL},     /* no code around it */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char out[32] = "";
    int fixed = parx_ocr_repair_code(cases[i].prev, cases[i].code, cases[i].next, out, sizeof out);
    if (cases[i].want) {
      assert_int_equal(fixed, 1);
      assert_string_equal(out, cases[i].want);
    } else {
      assert_int_equal(fixed, 0);
    }
  }
}

static void test_word_repair(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      {"(DDC])", "(DDCI)"},                 /* after a capital: the I of an acronym */
      {"])", "l)"},                         /* opening a list marker */
      {"[1]", "[1]"},                       /* a bracket opened before it: right */
      {"a]", "a]"},                         /* after a small letter: nothing sure */
      {"lđ", "1đ"},                         /* points are digits */
      {"l,5đ;", "1,5đ;"},                   /* with the punctuation after them */
      {"1O,5đ", "10,5đ"},                   /* an O among digits */
      {"lđ:", "1đ:"},       {"Iđđ", "Iđđ"}, /* not a number of points */
      {"đ", "đ"},           {"Ilđ", "Ilđ"}, /* letters only, more than one: a word */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char word[32];
    snprintf(word, sizeof word, "%s", cases[i][0]);
    parx_ocr_repair_word(word);
    assert_string_equal(word, cases[i][1]);
  }
}

static void test_mark_repair(void **state) {
  (void)state;
  /* the words opening lines, in reading order, and what they become */
  static const char *const in[] = {"ø)", "a)", "Phòng", "đ)", "e)", "ø)", "x", "B)", "ü)", "1)"};
  static const char *const out[] = {"ø)", "a)", "Phòng", "đ)", "e)", "g)", "x", "B)", "c)", "1)"};
  int last = -1;
  for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
    char *word = strdup(in[i]);
    assert_int_equal(pdf_ocr_repair_mark(&word, &last), 0);
    assert_string_equal(word, out[i]);
    free(word);
  }
}

static void test_bullet_repair(void **state) {
  (void)state;
  /* words opening lines, and what they become */
  static const char *const in[] = {"®_", "s®", "©", "-", "+", "e", "Sở", "§1", "●", "(1)"};
  static const char *const out[] = {"•", "•", "•", "-", "+", "e", "Sở", "§1", "•", "(1)"};
  for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
    char *word = strdup(in[i]);
    assert_int_equal(pdf_ocr_repair_bullet(&word), 0);
    assert_string_equal(word, out[i]);
    free(word);
  }
}

/* Pixels per point at the resolution the module reads. */
#define PX (PARX_OCR_DPI / 72.0)

static const parx_ocr_api *module(void) {
  void *m = dlopen(PARX_OCR_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
  assert_non_null(m);
  const parx_ocr_api *api = dlsym(m, PARX_OCR_SYMBOL);
  assert_non_null(api);
  return api;
}

/* The grey of an RGB24 image, as the PDF reader hands it over. */
static unsigned char *grey_of(cairo_surface_t *s) {
  cairo_surface_flush(s);
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  int stride = cairo_image_surface_get_stride(s);
  const unsigned char *px = cairo_image_surface_get_data(s);
  unsigned char *grey = malloc((size_t)w * (size_t)h);
  assert_non_null(grey);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      uint32_t p =
          *(const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride + 4 * (size_t)x);
      grey[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)(p >> 16);
    }
  return grey;
}

/* Recognises the image as the PDF reader hands a page over. */
static void recognise(cairo_surface_t *s, parx_ocr_page *page) {
  unsigned char *grey = grey_of(s);
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  const parx_ocr_api *api = module();
  char why[256] = "";
  parx_ocr *ocr = api->engine_new("vie", why, sizeof why);
  assert_non_null(ocr);
  assert_int_equal(api->read(ocr, grey, w, h, (size_t)w, PARX_OCR_DPI, page, why, sizeof why), 0);
  api->engine_free(ocr);
  free(grey);
}

static void text_at(cairo_t *cr, double x, double y, const char *s) {
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, s);
}

static cairo_t *white_page(cairo_surface_t *s, double size) {
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  return cr;
}

/* The words of the page whose centre lies in the box, one blank apart. */
static void words_in(const parx_ocr_page *p, double x0, double y0, double x1, double y1, char *out,
                     size_t cap) {
  out[0] = '\0';
  for (size_t i = 0; i < p->nwords; i++) {
    const parx_ocr_word *w = &p->words[i];
    double cx = (w->x0 + w->x1) / 2, cy = (w->y0 + w->y1) / 2;
    if (cx < x0 || cx > x1 || cy < y0 || cy > y1) continue;
    if (out[0]) g_strlcat(out, " ", cap);
    g_strlcat(out, w->text, cap);
  }
}

static int same_text(const char *got, const char *want) {
  char *a = g_utf8_normalize(got, -1, G_NORMALIZE_NFC),
       *b = g_utf8_normalize(want, -1, G_NORMALIZE_NFC);
  int same = !strcmp(a, b);
  g_free(a);
  g_free(b);
  return same;
}

enum { ROWS = 4, COLS = 3 };
static const char *const table[ROWS][COLS] = {
    {"STT", "Nội dung", "Cơ quan"},
    {"6.2.1", "Kiểm tra văn bản", "Sở Tư pháp"},
    {"6.2.2", "Công khai thủ tục", "Văn phòng"},
    {"6.2.3", "Báo cáo định kỳ", "Sở Nội vụ"},
};
static const double col_x[COLS + 1] = {40, 110, 300, 440}; /* points */

static const double row_h = 30, top = 60; /* points */

/* The table drawn on a page with a title above it; `open_top`: without the
 * rule above its header (as a table cut at the edge of a page). */
static cairo_surface_t *table_page(int open_top) {
  cairo_surface_t *s =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(480 * PX), (int)(220 * PX));
  cairo_t *cr = white_page(s, 12 * PX);
  cairo_set_line_width(cr, 0.75 * PX);
  for (int r = open_top; r <= ROWS; r++) {
    cairo_move_to(cr, col_x[0] * PX, (top + r * row_h) * PX);
    cairo_line_to(cr, col_x[COLS] * PX, (top + r * row_h) * PX);
  }
  for (int c = 0; c <= COLS; c++) {
    cairo_move_to(cr, col_x[c] * PX, top * PX);
    cairo_line_to(cr, col_x[c] * PX, (top + ROWS * row_h) * PX);
  }
  cairo_stroke(cr);
  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < COLS; c++)
      text_at(cr, (col_x[c] + 6) * PX, (top + r * row_h + 20) * PX, table[r][c]);
  text_at(cr, 40 * PX, 30 * PX, "Bảng phân công nhiệm vụ");
  cairo_destroy(cr);
  return s;
}

static void test_table_cell_by_cell(void **state) {
  (void)state;
  cairo_surface_t *s = table_page(0);
  int w = cairo_image_surface_get_width(s);
  parx_ocr_page page;
  recognise(s, &page);
  assert_int_equal(page.cells, ROWS * COLS);
  assert_true(page.nhrules >= ROWS + 1 && page.nvrules >= COLS + 1);
  assert_true(page.confidence > 50);
  /* the target is 90% of cells whole (one short header word, 'STT', comes
   * back as 'SIT'); the codes, dots and all, must */
  char got[256];
  int whole = 0;
  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < COLS; c++) {
      words_in(&page, col_x[c] * PX, (top + r * row_h) * PX, col_x[c + 1] * PX,
               (top + (r + 1) * row_h) * PX, got, sizeof got);
      whole += same_text(got, table[r][c]);
      if (r && !c) assert_string_equal(got, table[r][c]);
    }
  assert_true(whole >= ROWS * COLS - 1);
  words_in(&page, 0, 0, w, top * PX, got, sizeof got); /* the text above the table */
  assert_true(same_text(got, "Bảng phân công nhiệm vụ"));
  module()->page_free(&page);
  cairo_surface_destroy(s);
}

static const char *const lines[] = {"Sở Nội vụ chủ trì thực hiện kế hoạch",
                                    "Văn phòng báo cáo kết quả hàng quý"};

/* Draws the lines of text from `y`, 14 pt, with a left margin. */
static void draw_lines(cairo_t *cr, double scale, double y) {
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    text_at(cr, 50 * scale, (y + 24 * (double)i) * scale, lines[i]);
}

/* A table whose top rule is missing is closed where its column rules stop:
 * its header is a row of cells, not text read around the table. */
static void test_open_table(void **state) {
  (void)state;
  cairo_surface_t *s = table_page(1);
  parx_ocr_page page;
  recognise(s, &page);
  assert_int_equal(page.cells, ROWS * COLS);
  module()->page_free(&page);
  cairo_surface_destroy(s);
}

static void test_turned_page(void **state) {
  (void)state;
  int w = (int)(160 * PX), h = (int)(420 * PX); /* a landscape strip, scanned upright */
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = white_page(s, 14 * PX);
  cairo_translate(cr, w, 0); /* a quarter turn clockwise */
  cairo_rotate(cr, G_PI / 2);
  for (int k = 0; k < 3; k++)
    draw_lines(cr, PX, 40 + 50 * k);
  cairo_destroy(cr);
  parx_ocr_page page;
  recognise(s, &page);
  assert_int_equal(page.quarter_turns, 3);
  assert_int_equal(page.width, h);
  char got[1024];
  words_in(&page, 0, 0, page.width, page.height, got, sizeof got);
  assert_non_null(strstr(got, "Sở Nội vụ chủ trì thực hiện kế hoạch"));
  module()->page_free(&page);
  cairo_surface_destroy(s);
}

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* All the paragraphs of a document, one blank apart. */
static char *text_of(const parx_doc *doc) {
  GString *all = g_string_new("");
  for (size_t i = 0; i < doc->nblocks; i++)
    if (doc->blocks[i].text) g_string_append_printf(all, "%s ", doc->blocks[i].text);
  return g_string_free(all, FALSE);
}

static void test_red_seal(void **state) {
  (void)state;
  GByteArray *pdf = g_byte_array_new();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, pdf, 420, 200);
  cairo_t *cr = white_page(s, 14);
  draw_lines(cr, 1, 60);
  /* a seal stamped over the text: red ink darkens what lies under it */
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
  cairo_arc(cr, 200, 70, 55, 0, 2 * G_PI);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  parx_ingest_options with = {.ocr = PARX_OCR_ALWAYS, .ocr_threads = 1};
  parx_error err = {0};
  parx_doc *doc = parx_ingest_pdf(pdf->data, pdf->len, "seal.pdf", &with, &err);
  assert_non_null(doc);
  assert_int_equal(doc->nocr, 1);
  char *text = text_of(doc);
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    char *want = g_utf8_normalize(lines[i], -1, G_NORMALIZE_NFC);
    if (!strstr(text, want)) fail_msg("'%s' not in '%s'", want, text);
    g_free(want);
  }
  g_free(text);
  parx_doc_free(doc);
  g_byte_array_free(pdf, TRUE);
}

/* A PDF whose one page is an image of two lines of text. */
static GByteArray *image_pdf(void) {
  int w = (int)(420 * PX), h = (int)(160 * PX);
  cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = white_page(img, 14 * PX);
  draw_lines(cr, PX, 60);
  cairo_destroy(cr);
  GByteArray *pdf = g_byte_array_new();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, pdf, 420, 160);
  cr = cairo_create(s);
  cairo_scale(cr, 1 / PX, 1 / PX);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  cairo_surface_destroy(img);
  return pdf;
}

static void test_image_pdf(void **state) {
  (void)state;
  GByteArray *pdf = image_pdf();
  parx_ingest_options never = {.ocr = PARX_OCR_NEVER};
  parx_error err = {0};
  assert_null(parx_ingest_pdf(pdf->data, pdf->len, "scan.pdf", &never, &err));
  assert_int_equal(err.status, PARX_ERR_NO_TEXT);
  assert_non_null(strstr(err.message, "scan.pdf: "));
  assert_non_null(strstr(err.message, "--ocr"));
  parx_ingest_options automatic = {.ocr = PARX_OCR_AUTO};
  parx_doc *doc = parx_ingest_pdf(pdf->data, pdf->len, "scan.pdf", &automatic, &err);
  assert_non_null(doc);
  assert_int_equal(doc->nocr, 1);
  assert_int_equal(doc->ocr[0].page, 1);
  assert_true(doc->ocr[0].confidence > 50);
  char *text = text_of(doc);
  char *want = g_utf8_normalize(lines[1], -1, G_NORMALIZE_NFC);
  assert_non_null(strstr(text, want));
  g_free(want);
  g_free(text);
  parx_doc_free(doc);
  g_byte_array_free(pdf, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_code_repair),        cmocka_unit_test(test_word_repair),
      cmocka_unit_test(test_mark_repair),        cmocka_unit_test(test_bullet_repair),
      cmocka_unit_test(test_table_cell_by_cell), cmocka_unit_test(test_open_table),
      cmocka_unit_test(test_turned_page),        cmocka_unit_test(test_red_seal),
      cmocka_unit_test(test_image_pdf),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

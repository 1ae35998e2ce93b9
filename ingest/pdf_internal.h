/*
 * The PDF reader's internals, shared by its files (not part of the stage's
 * interface): pdf.c reads pages through poppler, pdf_layout.c turns their
 * characters into words, lines and bands, pdf_margin.c drops running headers
 * and footers, pdf_rows.c finds where the rows of tables start, pdf_rules.c
 * finds the ruling lines of tables, pdf_block.c finds paragraphs and table
 * regions, pdf_table.c rebuilds tables. Coordinates are PDF points, y growing
 * downwards.
 */
#ifndef PARX_INGEST_PDF_INTERNAL_H
#define PARX_INGEST_PDF_INTERNAL_H

#include <stddef.h>

#include "ingest.h"

/* The PDF reader is a module (parx-pdf.so) loaded when a PDF is first read,
 * so that programs that read no PDF do not load Poppler at start-up. This is
 * its one exported function; ingest/pdf_loader.c finds it by this name. */
#define PARX_PDF_EXPORT __attribute__((visibility("default")))
PARX_PDF_EXPORT parx_doc *parx_pdf_ingest(const unsigned char *bytes, size_t len, const char *name,
                                          const parx_ingest_options *options, parx_error *err);

/* Most columns a table row is read into. */
#define PDF_MAX_COLS 64

typedef struct pdf_box {
  double x0, y0, x1, y1;
} pdf_box;

typedef struct pdf_word {
  pdf_box box;
  size_t off, len;  /* its bytes in the page text */
  double gap_above; /* gap to the nearest word above it in the same column */
} pdf_word;

/* A ruling line: horizontal at y = at from x = a0 to a1, or vertical at
 * x = at from y = a0 to a1. */
typedef struct pdf_rule {
  double at, a0, a1;
} pdf_rule;

typedef struct pdf_rules {
  pdf_rule *v;
  size_t n, cap;
} pdf_rules;

/* Words sharing a baseline, left to right. */
typedef struct pdf_line {
  pdf_box box;
  size_t first, count; /* page->words[first .. first + count) */
  int dropped;         /* a running header or footer */
} pdf_line;

typedef struct pdf_page {
  int number; /* 1-based */
  double width, height;
  char *text; /* poppler's UTF-8 text of the page (g_free) */
  pdf_word *words;
  size_t nwords;
  pdf_line *lines; /* sorted top to bottom */
  size_t nlines;
  pdf_rules hrules, vrules; /* empty unless the page was rendered */
} pdf_page;

/* A horizontal cell of a band: the x-range of text with gutters on both sides. */
typedef struct pdf_cell {
  double x0, x1;
} pdf_cell;

/* Consecutive lines without a vertical gap wider than normal: a paragraph or a
 * table row. */
typedef struct pdf_band {
  pdf_box box;
  size_t first, count; /* lines */
  size_t cell0, ncells;
  int ruled; /* its cells were cut at vertical rules */
} pdf_band;

typedef struct pdf_bands {
  pdf_band *v;
  size_t n, cap;
  pdf_cell *cells;
  size_t ncells, cells_cap;
} pdf_bands;

/* A growing string whose pieces are joined by single spaces. */
typedef struct pdf_buf {
  char *s;
  size_t len, cap;
} pdf_buf;

/* --- pdf_layout.c --------------------------------------------------------- */

/* Builds the words and lines of a page from one box per character of
 * page->text. 0 on success, -1 when out of memory. */
int pdf_page_build(pdf_page *page, const pdf_box *chars, size_t nchars);
void pdf_page_free(pdf_page *page);

/* Largest vertical gap between lines [a, b) that still joins them in one band;
 * *spaced tells that the lines' usual gap is wide (see pdf_layout.c). */
double pdf_band_threshold(const pdf_page *page, size_t a, size_t b, int *spaced);

/* How much wider than the normal line gap a gap may be within one band. */
double pdf_band_slack(const pdf_page *page, size_t a, size_t b);

/* Splits lines [a, b) into bands (replacing bs's content) and their cells.
 * Rules drawn between lines part them, and lines in one ruled row join
 * whatever their gap. With `numbered`, a line opening with a row number in
 * the band's first column starts a band: one band may not hold two entries
 * of a table's number column, nor the header and an entry. */
int pdf_bands_build(pdf_bands *bs, const pdf_page *page, size_t a, size_t b, double threshold,
                    int numbered);
void pdf_bands_free(pdf_bands *bs);

/* Mean word height of lines [a, b). */
double pdf_mean_height(const pdf_page *page, size_t a, size_t b);

/* --- pdf_rows.c ----------------------------------------------------------- */

/* Left edge of the page's text. */
double pdf_left_edge(const pdf_page *page);

/* Lines of the band opening with a row number in its first column, which
 * lies at `left`, the left edge of the text. */
size_t pdf_band_numbers(const pdf_page *page, const pdf_band *band, double left);

/* Lines of the page opening with a row number in a column of its own. */
size_t pdf_number_cells(const pdf_page *page);

/* True when line l, coming after the band, starts a table row of its own: it
 * opens an entry of the number column at `left`, or text there follows a
 * row number, or it is the first line with a gutter after prose; with
 * `aligned` (a page without a number column), or it opens the top-aligned
 * cells of a row (see pdf_rows.c). */
int pdf_row_starts(const pdf_page *page, const pdf_band *band, const pdf_line *l, double left,
                   int aligned);

/* --- pdf_rules.c ---------------------------------------------------------- */

typedef struct _PopplerPage PopplerPage;
typedef struct _cairo_surface cairo_surface_t;

/* The page rendered on white into a new RGB24 image of width x height
 * pixels, `scale` pixels a point (cairo_surface_destroy); NULL when out of
 * memory. */
cairo_surface_t *pdf_render(PopplerPage *page, int width, int height, double scale);

/* 1 when the page's ruling lines are worth a render (the word gaps put two
 * entries of a table's number column in one row), 0 when not, -1 when out of
 * memory. */
int pdf_rules_wanted(const pdf_page *page);

/* Renders the page and finds its ruling lines. `turn` is the quarter turn
 * that made the page's text upright (see pdf.c; 0 for none): the rules are
 * turned with it. 0, or -1 when out of memory. */
int pdf_rules_read(PopplerPage *ppage, pdf_page *page, int turn);
void pdf_rules_free(pdf_rules *rs);

/* True when a horizontal rule lies between y0 and y1 across at least half of
 * [x0, x1]. */
int pdf_rules_between(const pdf_page *page, double y0, double y1, double x0, double x1);

/* The x of the vertical rules crossing all of [y0, y1], left to right (at
 * most max). */
size_t pdf_rules_columns(const pdf_page *page, double y0, double y1, double *xs, size_t max);

/* True when lines spanning [y0, y1] lie in one row of a table that rules
 * its rows and columns (no horizontal rule between them is checked apart). */
int pdf_rules_row_ruled(const pdf_page *page, double y0, double y1);

/* --- pdf_ocr.c ------------------------------------------------------------ */

typedef struct _PopplerDocument PopplerDocument;

/* Recognises the pages that options->ocr asks for (pages without text or
 * with a poor invisible text layer on a scan; every page; none), replacing
 * their text layer, and notes each in doc. A page that could not be
 * recognised keeps its text layer and gets a warning. *unread counts the
 * scanned pages left without text. 0, or -1 when out of memory. */
int pdf_ocr_pages(PopplerDocument *pd, pdf_page *pages, size_t npages,
                  const parx_ingest_options *options, parx_doc *doc, size_t *unread);

/* --- pdf_ocr_marks.c ------------------------------------------------------ */

/* Repairs a word that opens a line of a recognised page when it is a list
 * marker misread ("ø)"): it becomes the marker after the last one seen,
 * *last (the place of its letter; -1 before any), which a marker read
 * right updates. 0, or -1 when out of memory (*word is left alone). */
int pdf_ocr_repair_mark(char **word, int *last);
/* Repairs a word that opens a line of a recognised page when it is a bullet
 * read as signs ("®_", "s®": a sign outside ASCII, at most one letter, no
 * digit): it becomes "•". 0, or -1 when out of memory. */
int pdf_ocr_repair_bullet(char **word);

/* --- pdf_margin.c --------------------------------------------------------- */

/* Removes running headers, footers and page numbers from the pages' lines. */
void pdf_margins_drop(pdf_page *pages, size_t npages);

/* --- pdf_block.c ---------------------------------------------------------- */

int pdf_buf_add(pdf_buf *b, const char *s, size_t n);

/* Appends to buf the words of lines [a, b) whose centre lies in [x0, x1]. */
int pdf_text_of(pdf_buf *buf, const pdf_page *page, size_t a, size_t b, double x0, double x1);

/* Adds the paragraphs and tables of all pages to doc. 0, or -1 when out of memory. */
int pdf_doc_emit(parx_doc *doc, pdf_page *pages, size_t npages);

/* --- pdf_table.c ---------------------------------------------------------- */

/* The table being built, which the next region may continue. */
typedef struct pdf_table_state {
  long block; /* its index in doc->blocks, -1 when none */
  int tail;   /* doc->next_line after its last row */
  size_t ncols;
  double grid[PDF_MAX_COLS]; /* left edge of each column in its last full row */
  double right;              /* right edge of the text of its last full row */
  int stable;                /* its full rows agree on the grid since its last header */
  int header_page;           /* the page where the document last printed its header */
} pdf_table_state;

/* Adds the rows of a table region (one per band of rows) to doc, continuing
 * the state's table when the region continues it. */
int pdf_table_emit(parx_doc *doc, pdf_table_state *st, const pdf_page *page, const pdf_bands *rows,
                   int first_on_page);

/* True when bands [first, last) of bs continue the open table (see pdf_table.c). */
int pdf_table_continued_by(const parx_doc *doc, const pdf_table_state *st, const pdf_page *page,
                           const pdf_bands *bs, size_t first, size_t last);

/* True when band b, of one cell, may be the rest of the open table's last
 * row: nothing came after the table, and b is narrow and right of the number
 * column. */
int pdf_table_takes_rest(const parx_doc *doc, const pdf_table_state *st, const pdf_band *b,
                         const pdf_cell *cell);

#endif

/*
 * Where the rows of a table read by its word gaps start, when its rows are
 * spaced as tightly as the lines of a cell: at each entry of its number
 * column, which holds nothing but numbers, and after the prose that
 * introduces it; in a table without a number column, where the cells of a
 * row start, at the top of the row.
 */
#include <float.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include "pdf_internal.h"

/* A row number in a column of its own is followed by a gutter of at least
 * this many heights (a space is about a quarter). */
#define NUMBER_GUTTER 0.5
/* Gap between words, in heights, that parts two cells of a line (a space is
 * about a quarter). */
#define CELL_GAP 0.33
/* Cells a line of one-line rows fills for each line to be a row. */
#define FULL_ROW_CELLS 3
/* Cells of one column start within this many cell gaps of each other. */
#define COLUMN_EDGE 0.5

/* True when the line's first word is a row number ("3", "1.2", "IV", "a)"). */
static int opens_with_number(const pdf_page *pg, const pdf_line *l) {
  const pdf_word *w = &pg->words[l->first];
  const char *s = pg->text + w->off;
  size_t n = w->len, i = 0;
  if (n && (s[n - 1] == '.' || s[n - 1] == ')')) n--;
  if (n == 1 && s[0] >= 'a' && s[0] <= 'z' && s[n] == ')') return 1;
  if (n && n <= 4 && strspn(s, "IVX") >= n) return 1;
  while (i < n && s[i] >= '0' && s[i] <= '9') {
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
    if (i - d > 3) return 0; /* a year or an amount, not a row number */
    if (i < n && s[i] == '.' && i + 1 < n) i++;
  }
  return n && i == n;
}

/* True when line l starts in the first column of the band whose first line
 * is head, left being the text's left edge: both first words lie at that
 * edge, and l's starts or is centred where the head's is (numbers are set
 * flush left or centred). */
static int in_number_column(const pdf_page *pg, const pdf_line *head, const pdf_line *l,
                            double left) {
  const pdf_box *a = &pg->words[head->first].box, *b = &pg->words[l->first].box;
  double h = a->y1 - a->y0;
  if (a->x0 > left + 2 * h || b->x0 > left + 2 * h) return 0;
  return fabs(a->x0 - b->x0) <= 0.5 * h || fabs(a->x0 + a->x1 - b->x0 - b->x1) <= 2 * h;
}

/* True when the line opens with a row number standing in a column of its
 * own: a gutter wider than a space follows it. */
static int number_cell(const pdf_page *pg, const pdf_line *l) {
  if (!opens_with_number(pg, l)) return 0;
  if (l->count < 2) return 1;
  const pdf_box *a = &pg->words[l->first].box, *b = &pg->words[l->first + 1].box;
  return b->x0 - a->x1 > NUMBER_GUTTER * (a->y1 - a->y0);
}

/* True when two words of the line leave a gutter wider than a line height. */
static int has_gutter(const pdf_page *pg, const pdf_line *l) {
  for (size_t k = l->first + 1; k < l->first + l->count; k++)
    if (pg->words[k].box.x0 - pg->words[k - 1].box.x1 > l->box.y1 - l->box.y0) return 1;
  return 0;
}

/* True when the band's lines are prose: each starts at the left edge, not
 * with a row number (a table's number cell may be followed by a mere
 * space), and runs without a gutter. */
static int prose(const pdf_page *pg, const pdf_band *band, double left) {
  for (size_t i = band->first; i < band->first + band->count; i++) {
    const pdf_line *l = &pg->lines[i];
    if (l->box.x0 > left + (l->box.y1 - l->box.y0) || has_gutter(pg, l) || opens_with_number(pg, l))
      return 0;
  }
  return 1;
}

double pdf_left_edge(const pdf_page *pg) {
  double left = DBL_MAX;
  for (size_t i = 0; i < pg->nlines; i++)
    left = fmin(left, pg->lines[i].box.x0);
  return left;
}

size_t pdf_band_numbers(const pdf_page *pg, const pdf_band *band, double left) {
  const pdf_line *head = &pg->lines[band->first];
  size_t n = 0;
  for (size_t i = band->first; i < band->first + band->count; i++)
    n += in_number_column(pg, head, &pg->lines[i], left) && opens_with_number(pg, &pg->lines[i]);
  return n;
}

/* True when no word of line p overlaps [x0, x1]. */
static int empty_over(const pdf_page *pg, const pdf_line *p, double x0, double x1) {
  for (size_t k = p->first; k < p->first + p->count; k++)
    if (pg->words[k].box.x0 < x1 && pg->words[k].box.x1 > x0) return 0;
  return 1;
}

/* Number of cells of line l: runs of words parted by gaps wider than a space. */
static size_t line_cells(const pdf_page *pg, const pdf_line *l) {
  double gap = CELL_GAP * (l->box.y1 - l->box.y0);
  size_t n = 1;
  for (size_t k = l->first + 1; k < l->first + l->count; k++)
    n += pg->words[k].box.x0 - pg->words[k - 1].box.x1 > gap;
  return n;
}

/* True when a cell of a line of the band starts at x: x is a column's edge,
 * not a word that a wide space of justified text sets apart. */
static int column_at(const pdf_page *pg, const pdf_band *band, double x) {
  for (size_t i = band->first; i < band->first + band->count; i++) {
    const pdf_line *l = &pg->lines[i];
    double gap = CELL_GAP * (l->box.y1 - l->box.y0);
    for (size_t k = l->first; k < l->first + l->count; k++)
      if ((k == l->first || pg->words[k].box.x0 - pg->words[k - 1].box.x1 > gap) &&
          fabs(pg->words[k].box.x0 - x) <= COLUMN_EDGE * gap)
        return 1;
  }
  return 0;
}

/* True when the word does not open with a lower-case letter: a cell's text
 * starts with a capital, a digit or a mark; the lines it wraps onto mostly
 * do not. */
static int not_lower(const pdf_page *pg, const pdf_word *w) {
  return !g_unichar_islower(g_utf8_get_char(pg->text + w->off));
}

/* True when every cell of line l opens with something other than a
 * lower-case letter. */
static int cells_open_upper(const pdf_page *pg, const pdf_line *l) {
  double gap = CELL_GAP * (l->box.y1 - l->box.y0);
  for (size_t k = l->first; k < l->first + l->count; k++)
    if ((k == l->first || pg->words[k].box.x0 - pg->words[k - 1].box.x1 > gap) &&
        !not_lower(pg, &pg->words[k]))
      return 0;
  return 1;
}

/* True when line l, right under the band, opens a cell at a column's edge
 * where the band's last line has no text. */
static int opens_cell_below_blank(const pdf_page *pg, const pdf_band *band, const pdf_line *l) {
  const pdf_line *p = &pg->lines[band->first + band->count - 1];
  double gap = CELL_GAP * (l->box.y1 - l->box.y0);
  for (size_t k = l->first + 1; k < l->first + l->count; k++) {
    const pdf_box *b = &pg->words[k].box;
    if (b->x0 - pg->words[k - 1].box.x1 > gap && not_lower(pg, &pg->words[k]) &&
        empty_over(pg, p, b->x0, b->x1) && column_at(pg, band, b->x0))
      return 1;
  }
  return 0;
}

/* True when every cell of line a lies over text of line b. */
static int cells_over(const pdf_page *pg, const pdf_line *a, const pdf_line *b) {
  double gap = CELL_GAP * (a->box.y1 - a->box.y0);
  double x0 = pg->words[a->first].box.x0, x1 = pg->words[a->first].box.x1;
  for (size_t k = a->first + 1; k <= a->first + a->count; k++) {
    const pdf_box *w = k < a->first + a->count ? &pg->words[k].box : NULL;
    if (!w || w->x0 - x1 > gap) {
      if (empty_over(pg, b, x0, x1)) return 0;
      if (w) x0 = w->x0;
    }
    if (w) x1 = fmax(x1, w->x1);
  }
  return 1;
}

/* True when every cell that line l opens after the first starts at the edge
 * of a cell of the band. */
static int columns_go_on(const pdf_page *pg, const pdf_band *band, const pdf_line *l) {
  double gap = CELL_GAP * (l->box.y1 - l->box.y0);
  for (size_t k = l->first + 1; k < l->first + l->count; k++)
    if (pg->words[k].box.x0 - pg->words[k - 1].box.x1 > gap &&
        !column_at(pg, band, pg->words[k].box.x0))
      return 0;
  return 1;
}

/* True when a cell of line l runs across x. */
static int cell_across(const pdf_page *pg, const pdf_line *l, double x, double gap) {
  double x0 = pg->words[l->first].box.x0, x1 = pg->words[l->first].box.x1;
  for (size_t k = l->first + 1; k <= l->first + l->count; k++) {
    const pdf_box *w = k < l->first + l->count ? &pg->words[k].box : NULL;
    if (!w || w->x0 - x1 > gap) {
      if (x0 < x - gap && x1 > x + gap) return 1;
      if (w) x0 = w->x0;
    }
    if (w) x1 = fmax(x1, w->x1);
  }
  return 0;
}

/* True when a cell of line l runs across the left edge of a cell (not the
 * first) of a line of the band: l is not set in the band's columns. */
static int crosses_columns(const pdf_page *pg, const pdf_band *band, const pdf_line *l) {
  double gap = CELL_GAP * (l->box.y1 - l->box.y0);
  for (size_t i = band->first; i < band->first + band->count; i++) {
    const pdf_line *b = &pg->lines[i];
    for (size_t k = b->first + 1; k < b->first + b->count; k++)
      if (pg->words[k].box.x0 - pg->words[k - 1].box.x1 > gap &&
          cell_across(pg, l, pg->words[k].box.x0, gap))
        return 1;
  }
  return 0;
}

/*
 * A row of a table without rules or a number column, whose rows are spaced
 * like the lines of a cell, starts where its cells do: they are set at the
 * top of the row, so its first line has text in the first column, not a
 * lower-case word that a wrapped cell goes on with, and either runs across
 * the columns (a paragraph after the table starts there), or opens every
 * one of its cells with a capital, a digit or a mark (a lower-case word
 * goes on with a wrapped cell) and either opens a cell at a column's edge
 * where the line above is blank (the cells of the row above ended at
 * different lines) or, as the line above did, fills every one of three or
 * more columns (rows of one line each).
 */
static int aligned_row_start(const pdf_page *pg, const pdf_band *band, const pdf_line *l) {
  const pdf_line *head = &pg->lines[band->first], *p = &pg->lines[band->first + band->count - 1];
  const pdf_box *a = &pg->words[head->first].box, *b = &pg->words[l->first].box;
  /* the first column is blank, or goes on with a cell's next line */
  if (fabs(a->x0 - b->x0) > 0.5 * (a->y1 - a->y0) || !not_lower(pg, &pg->words[l->first])) return 0;
  if (crosses_columns(pg, band, l)) return 1;
  /* a row's cells all open there; where cells are centred in their rows, a
   * short cell sits beside the middle of a long one */
  if (!cells_open_upper(pg, l)) return 0;
  if (opens_cell_below_blank(pg, band, l)) return 1;
  size_t n = line_cells(pg, l);
  return n >= FULL_ROW_CELLS && n == line_cells(pg, p) && cells_over(pg, l, p) &&
         cells_over(pg, p, l);
}

int pdf_row_starts(const pdf_page *pg, const pdf_band *band, const pdf_line *l, double left,
                   int aligned) {
  const pdf_line *head = &pg->lines[band->first];
  /* the number column holds only numbers: text there opens something else
   * (a paragraph after the table, the next table's caption or header) */
  if (in_number_column(pg, head, l, left) && (opens_with_number(pg, l) || number_cell(pg, head)))
    return 1;
  /* a table's header set right under the paragraph that introduces it (not
   * a row whose cells stand close enough to pass for prose: its columns
   * go on below) */
  if (has_gutter(pg, l) && prose(pg, band, left) && !columns_go_on(pg, band, l)) return 1;
  return aligned && aligned_row_start(pg, band, l);
}

size_t pdf_number_cells(const pdf_page *pg) {
  size_t n = 0;
  for (size_t i = 0; i < pg->nlines; i++)
    n += number_cell(pg, &pg->lines[i]);
  return n;
}

/*
 * Where the rows of a table read by its word gaps start, when its rows are
 * spaced as tightly as the lines of a cell: at each entry of its number
 * column, which holds nothing but numbers, and after the prose that
 * introduces it.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "pdf_internal.h"

/* A row number in a column of its own is followed by a gutter of at least
 * this many heights (a space is about a quarter). */
#define NUMBER_GUTTER 0.5

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

int pdf_row_starts(const pdf_page *pg, const pdf_band *band, const pdf_line *l, double left) {
  const pdf_line *head = &pg->lines[band->first];
  /* the number column holds only numbers: text there opens something else
   * (a paragraph after the table, the next table's caption or header) */
  if (in_number_column(pg, head, l, left) && (opens_with_number(pg, l) || number_cell(pg, head)))
    return 1;
  /* a table's header set right under the paragraph that introduces it */
  return has_gutter(pg, l) && prose(pg, band, left);
}

size_t pdf_number_cells(const pdf_page *pg) {
  size_t n = 0;
  for (size_t i = 0; i < pg->nlines; i++)
    n += number_cell(pg, &pg->lines[i]);
  return n;
}

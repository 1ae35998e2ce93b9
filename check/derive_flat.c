/* Tables flattened one cell per line: a header of one-cell lines naming a
 * code column and a maximum column, then each row's cells on the lines
 * after it. A cell's column is its line's distance from the row's first
 * line, so an empty cell (a blank line, which parx_text leaves out) keeps
 * the others in place. */
#include "derive_internal.h"

#include <stdlib.h>
#include <string.h>

/* Longest header of a flattened table. */
enum { MAX_FLAT_COLUMNS = 8 };

/* The header starting at line i: its number of columns and their roles,
 * or 0 when there is none. */
static size_t flat_header(const text_lines *t, size_t i, table_roles *roles) {
  char *cells[MAX_FLAT_COLUMNS];
  size_t n = 0;
  while (i + n < t->n && n < MAX_FLAT_COLUMNS) {
    const text_line *l = &t->lines[i + n];
    if (l->ncells != 1 || (n && l->number != t->lines[i].number + (int)n)) break;
    cells[n++] = l->cells[0];
  }
  /* the header ends where the first row's code is */
  for (size_t k = 2; k < n; k++) {
    table_roles r;
    if (derive_header_roles(cells, k, &r) && r.code == 0 && r.max > 0 &&
        derive_code_cell(&cells[k], 1, &(table_roles){-1, -1, -1}) == 0) {
      *roles = r;
      return k;
    }
  }
  return 0;
}

/* Moves the cells of the one-cell lines [from, to) into one line of `ncols`
 * cells placed by line number, freeing what they leave. */
static int make_row(text_lines *t, size_t from, size_t to, size_t ncols, text_line *row) {
  char **cells = calloc(ncols, sizeof *cells);
  if (!cells) return -1;
  for (size_t i = from; i < to; i++) {
    size_t col = (size_t)(t->lines[i].number - t->lines[from].number);
    cells[col] = t->lines[i].cells[0];
    free(t->lines[i].cells);
    t->lines[i].cells = NULL;
    t->lines[i].ncells = 0;
  }
  for (size_t c = 0; c < ncols; c++)
    if (!cells[c] && !(cells[c] = strdup(""))) {
      for (size_t k = 0; k < ncols; k++)
        free(cells[k]);
      free(cells);
      return -1;
    }
  *row = (text_line){t->lines[from].number, t->lines[from].page, cells, ncols};
  return 0;
}

/* The end of the row starting at `from`: the lines within `ncols` line
 * numbers of it, or `from` when its code cell holds no code. */
static size_t row_end(const text_lines *t, size_t from, size_t ncols) {
  if (t->lines[from].ncells != 1) return from;
  char *first = t->lines[from].cells[0];
  if (derive_code_cell(&first, 1, &(table_roles){-1, -1, -1}) != 0) return from;
  size_t to = from + 1;
  while (to < t->n && t->lines[to].ncells == 1 &&
         t->lines[to].number < t->lines[from].number + (int)ncols &&
         t->lines[to].number > t->lines[to - 1].number)
    to++;
  return to;
}

int derive_unflatten(text_lines *t) {
  text_line *out = calloc(t->n + 1, sizeof *out);
  char *made = calloc(t->n + 1, 1); /* which lines of `out` are new rows */
  size_t n = 0;
  if (!out || !made) goto fail;
  for (size_t i = 0; i < t->n;) {
    table_roles roles;
    size_t ncols = flat_header(t, i, &roles);
    if (!ncols) {
      out[n++] = t->lines[i++];
      continue;
    }
    if (make_row(t, i, i + ncols, ncols, &out[n])) goto fail;
    made[n++] = 1;
    i += ncols;
    for (size_t end; i < t->n && (end = row_end(t, i, ncols)) > i; i = end) {
      if (make_row(t, i, end, ncols, &out[n])) goto fail;
      made[n++] = 1;
    }
  }
  /* every line is now in `out`, moved or regrouped */
  free(t->lines);
  free(made);
  t->lines = out;
  t->n = n;
  return 0;
fail:
  for (size_t k = 0; out && made && k < n; k++)
    if (made[k]) {
      for (size_t c = 0; c < out[k].ncells; c++)
        free(out[k].cells[c]);
      free(out[k].cells);
    }
  free(out);
  free(made);
  return -1;
}

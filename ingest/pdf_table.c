/*
 * Table rebuild: each band of a table region is a row and each of its cells
 * goes to a column.
 *
 * Producers size columns per table, and some documents make every row its own
 * table, so the column grid is taken afresh from each row that fills every
 * column; a row with empty cells maps its cells onto the last such grid, in
 * order, each to the column whose left edge is nearest (a small dynamic
 * program). A region that repeats the table's header, or that opens a page
 * right after the table ended the previous one, continues it: the rows are
 * appended, after a copy of the header when the page did not repeat it, so
 * that parx_table_tidy drops the repeated header and joins a row split by the
 * break in one place.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* Blocks (short paragraphs such as a stamp) that may separate a table from its
 * continuation with a repeated header. */
#define MAX_BETWEEN 2

typedef struct row_builder {
  pdf_buf *cols; /* one text per column */
  size_t ncols;
  size_t map[PDF_MAX_COLS];
} row_builder;

/* Assigns cells (left to right) to columns in order minimising the distance
 * between each cell's left edge and its column's. Cells share a column only
 * when there are more cells than columns. */
static int map_cells(const pdf_cell *cells, size_t k, const double *grid, size_t n, size_t *map) {
  double *best = malloc(k * n * sizeof *best);
  size_t *from = malloc(k * n * sizeof *from);
  if (!best || !from) {
    free(best);
    free(from);
    return -1;
  }
  int strict = k <= n;
  for (size_t j = 0; j < n; j++)
    best[j] = strict && j + k > n ? HUGE_VAL : fabs(cells[0].x0 - grid[j]);
  for (size_t i = 1; i < k; i++) {
    double m = HUGE_VAL;
    size_t at = 0;
    for (size_t j = 0; j < n; j++) {
      const double *prev = &best[(i - 1) * n];
      if (!strict && prev[j] < m) {
        m = prev[j];
        at = j;
      }
      best[i * n + j] = m + fabs(cells[i].x0 - grid[j]);
      from[i * n + j] = at;
      if (strict && prev[j] < m) {
        m = prev[j];
        at = j;
      }
    }
  }
  size_t j = 0;
  for (size_t c = 1; c < n; c++)
    if (best[(k - 1) * n + c] < best[(k - 1) * n + j])
      j = c;
  for (size_t i = k; i-- > 0;) {
    map[i] = j;
    j = from[i * n + j];
  }
  free(best);
  free(from);
  return 0;
}

static const pdf_cell *band_cells(const pdf_bands *bs, const pdf_band *b) {
  return &bs->cells[b->cell0];
}

/* Fills the builder's column texts from a band; a band filling every column
 * becomes the grid. */
static int build_row(row_builder *rb, pdf_table_state *st, const pdf_page *pg, const pdf_bands *bs,
                     const pdf_band *b) {
  const pdf_cell *cells = band_cells(bs, b);
  size_t k = b->ncells < PDF_MAX_COLS ? b->ncells : PDF_MAX_COLS;
  if (k == st->ncols) {
    for (size_t i = 0; i < k; i++) {
      rb->map[i] = i;
      st->grid[i] = cells[i].x0;
    }
  } else if (map_cells(cells, k, st->grid, st->ncols, rb->map)) {
    return -1;
  }
  for (size_t c = 0; c < rb->ncols; c++)
    rb->cols[c].len = 0;
  for (size_t i = 0; i < b->ncells; i++) {
    size_t col = rb->map[i < k ? i : k - 1]; /* cells beyond the cap share the last column */
    if (pdf_text_of(&rb->cols[col], pg, b->first, b->first + b->count, cells[i].x0, cells[i].x1))
      return -1;
  }
  return 0;
}

/* Adds the builder's row; a row left empty by cleaning (a page mark such as
 * "*LM*") is taken back. */
static int add_row(parx_doc *doc, long block, const row_builder *rb, int page) {
  const char *texts[PDF_MAX_COLS];
  size_t lens[PDF_MAX_COLS];
  for (size_t c = 0; c < rb->ncols; c++) {
    texts[c] = rb->cols[c].len ? rb->cols[c].s : "";
    lens[c] = rb->cols[c].len;
  }
  parx_block *t = &doc->blocks[block];
  if (parx_table_add_row(t, texts, lens, rb->ncols, doc->next_line, page))
    return -1;
  parx_row *row = &t->rows[t->nrows - 1];
  size_t c = 0;
  while (c < row->ncells && !*row->cells[c])
    c++;
  if (c < row->ncells) {
    doc->next_line++;
    return 0;
  }
  for (c = 0; c < row->ncells; c++)
    free(row->cells[c]);
  free(row->cells);
  t->nrows--;
  return 0;
}

/* True when the band's cells read as the table's header row. */
static int repeats_header(const parx_block *t, const row_builder *rb) {
  if (!t->nrows || t->rows[0].ncells != rb->ncols)
    return 0;
  for (size_t c = 0; c < rb->ncols; c++) {
    char *clean = parx_clean_text(rb->cols[c].s ? rb->cols[c].s : "", rb->cols[c].len);
    int same = clean && !strcmp(clean, t->rows[0].cells[c]);
    free(clean);
    if (!same)
      return 0;
  }
  return 1;
}

static size_t max_cells(const pdf_bands *rows) {
  size_t m = 0;
  for (size_t i = 0; i < rows->n; i++)
    m = rows->v[i].ncells > m ? rows->v[i].ncells : m;
  return m < PDF_MAX_COLS ? m : PDF_MAX_COLS;
}

/* Starts a new table whose grid is the first row filling the most columns. */
static void start_table(pdf_table_state *st, const pdf_bands *rows) {
  st->block = -1;
  st->ncols = max_cells(rows);
  for (size_t i = 0; i < rows->n; i++) {
    if (rows->v[i].ncells == st->ncols) {
      for (size_t c = 0; c < st->ncols; c++)
        st->grid[c] = band_cells(rows, &rows->v[i])[c].x0;
      return;
    }
  }
}

/* Decides whether the region continues the open table; adds the copy of its
 * header when the page did not repeat it. -1 when out of memory. */
static int continue_table(parx_doc *doc, pdf_table_state *st, row_builder *rb,
                          const pdf_page *pg, const pdf_bands *rows, int first_on_page) {
  if (st->block < 0 || max_cells(rows) > st->ncols)
    return 0;
  parx_block *t = &doc->blocks[st->block];
  if (rows->v[0].ncells == st->ncols && doc->nblocks - (size_t)st->block <= MAX_BETWEEN + 1) {
    pdf_table_state probe = *st;
    if (build_row(rb, &probe, pg, rows, &rows->v[0]))
      return -1;
    if (repeats_header(t, rb))
      return 1;
  }
  if (!first_on_page || (size_t)st->block + 1 != doc->nblocks)
    return 0;
  if (parx_table_add_row(t, (const char *const *)t->rows[0].cells, NULL, t->rows[0].ncells,
                         doc->next_line, pg->number))
    return -1;
  return 1;
}

int pdf_table_emit(parx_doc *doc, pdf_table_state *st, const pdf_page *pg, const pdf_bands *rows,
                   int first_on_page) {
  if (!rows->n)
    return 0;
  pdf_buf cols[PDF_MAX_COLS] = {{0}};
  row_builder rb = {cols, st->ncols, {0}};
  int cont = continue_table(doc, st, &rb, pg, rows, first_on_page);
  int rc = cont < 0 ? -1 : 0;
  if (!cont) {
    start_table(st, rows);
    rb.ncols = st->ncols;
  }
  for (size_t i = 0; i < rows->n && !rc; i++) {
    const pdf_band *b = &rows->v[i];
    rc = build_row(&rb, st, pg, rows, b);
    if (!rc && st->block < 0) {
      rc = parx_doc_add_table(doc, doc->next_line, pg->number) ? 0 : -1;
      st->block = (long)doc->nblocks - 1;
    }
    if (!rc)
      rc = add_row(doc, st->block, &rb, pg->number);
  }
  for (size_t c = 0; c < PDF_MAX_COLS; c++)
    free(cols[c].s);
  return rc;
}

/*
 * Table rebuild: each band of a table region is a row and each of its cells
 * goes to a column.
 *
 * Producers size columns per table, and some documents make every row its own
 * table, so the column grid is taken afresh from each row that fills every
 * column; a row with empty cells maps its cells onto the last such grid, in
 * order, each to the column whose left edge is nearest (a small dynamic
 * program). When full rows disagree on the grid, rows are sized one by one
 * and their empty cells left out, so positions tell little (see build_row).
 *
 * A region continues the open table when little text lies between them and it
 * repeats the table's header (or a piece of it cut by a page break), or opens
 * the next page right after the table, or opens with a row number or an empty
 * number cell. Its rows are appended after a copy of the header, so that
 * parx_table_tidy drops the repeated header and joins a row split by the
 * break in one place.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* Blocks, and their text, that may separate a table from its continuation:
 * a stamp, or a line the producer set outside the table. */
#define MAX_BETWEEN 5
#define MAX_BETWEEN_CHARS 800 /* bytes: about five lines */

/* Points by which the columns of two full rows may differ in one grid. */
#define STABLE_GRID 4.0
/* A cell ending within this share of the table's width from its right edge
 * reaches the edge. */
#define RIGHT_EDGE 0.05

/* A row's rest is narrower than this share of the table. */
#define REST_WIDTH 0.5

typedef struct row_builder {
  pdf_buf *cols; /* one text per column */
  size_t ncols;
  size_t map[PDF_MAX_COLS];
  double left; /* the region's left edge: its rows' leftmost cell (see left_edge) */
} row_builder;

/* Cost of putting a cell in column j: the distance of their left edges. */
static double cell_cost(const pdf_cell *c, const pdf_table_state *st, size_t j) {
  return fabs(c->x0 - st->grid[j]);
}

/* Assigns cells (left to right) to columns in order, at the least total cost.
 * Cells share a column only when there are more cells than columns. */
static int map_cells(const pdf_cell *cells, size_t k, const pdf_table_state *st, size_t *map) {
  size_t n = st->ncols;
  double *best = malloc(k * n * sizeof *best);
  size_t *from = malloc(k * n * sizeof *from);
  if (!best || !from) {
    free(best);
    free(from);
    return -1;
  }
  int strict = k <= n;
  for (size_t j = 0; j < n; j++)
    best[j] = strict && j + k > n ? HUGE_VAL : cell_cost(&cells[0], st, j);
  for (size_t i = 1; i < k; i++) {
    double m = HUGE_VAL;
    size_t at = 0;
    for (size_t j = 0; j < n; j++) {
      const double *prev = &best[(i - 1) * n];
      if (!strict && prev[j] < m) {
        m = prev[j];
        at = j;
      }
      best[i * n + j] = m + cell_cost(&cells[i], st, j);
      from[i * n + j] = at;
      if (strict && prev[j] < m) {
        m = prev[j];
        at = j;
      }
    }
  }
  size_t j = 0;
  for (size_t c = 1; c < n; c++)
    if (best[(k - 1) * n + c] < best[(k - 1) * n + j]) j = c;
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

/* True when every cell starts at a column of the grid (the rest of a row that
 * a page break cut keeps the row's columns). */
static int on_grid(const pdf_cell *cells, size_t k, const pdf_table_state *st) {
  for (size_t i = 0; i < k; i++) {
    size_t j = 0;
    while (j < st->ncols && fabs(cells[i].x0 - st->grid[j]) > STABLE_GRID)
      j++;
    if (j == st->ncols) return 0;
  }
  return 1;
}

/* True for a row number: "2", "1.2.3", "IV", "a)". */
static int is_row_number(const char *s) {
  size_t n = strlen(s), i = 0;
  if (n && s[n - 1] == '.') n--;
  if (n == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')') return 1;
  if (n && strspn(s, "IVXLC") >= n) return 1;
  while (i < n && s[i] >= '0' && s[i] <= '9') {
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
    if (i < n && s[i] == '.' && i + 1 < n) i++;
  }
  return n && i == n;
}

/* True when the cell of band b holds a row number. */
static int holds_row_number(const pdf_page *pg, const pdf_band *b, const pdf_cell *cell) {
  pdf_buf buf = {0};
  int yes = 0;
  if (!pdf_text_of(&buf, pg, b->first, b->first + b->count, cell->x0, cell->x1) && buf.len) {
    char *clean = parx_collapse_space(buf.s, buf.len);
    yes = clean && is_row_number(clean);
    free(clean);
  }
  free(buf.s);
  return yes;
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
      st->stable &= fabs(st->grid[i] - cells[i].x0) <= STABLE_GRID;
      st->grid[i] = cells[i].x0;
    }
    st->right = cells[k - 1].x1;
  } else if (map_cells(cells, k, st, rb->map)) {
    return -1;
  } else if (!st->stable && k < st->ncols && !on_grid(cells, k, st)) {
    /* Rows sized one by one leave out their empty cells, so the grid of
     * another row misplaces theirs: keep the first cell where the grid puts
     * it, and the last when it reaches the table's right edge; the others
     * follow the first. */
    int last_at_edge = cells[k - 1].x1 >= st->right - RIGHT_EDGE * (st->right - st->grid[0]);
    /* a row number at the region's left edge is in the number column,
     * wherever the grid puts it: a scan may set a page's rows apart from
     * those of the page before */
    if (fabs(cells[0].x0 - rb->left) <= STABLE_GRID && holds_row_number(pg, b, cells))
      rb->map[0] = 0;
    for (size_t i = 1; i + last_at_edge < k; i++)
      rb->map[i] = rb->map[0] + i;
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

/* Adds the builder's row; a row of nothing but white space is taken back. */
static int add_row(parx_doc *doc, pdf_table_state *st, const row_builder *rb, int page) {
  const char *texts[PDF_MAX_COLS];
  size_t lens[PDF_MAX_COLS];
  for (size_t c = 0; c < rb->ncols; c++) {
    texts[c] = rb->cols[c].len ? rb->cols[c].s : "";
    lens[c] = rb->cols[c].len;
  }
  parx_block *t = &doc->blocks[st->block];
  if (parx_table_add_row(t, texts, lens, rb->ncols, doc->next_line, page)) return -1;
  parx_row *row = &t->rows[t->nrows - 1];
  size_t c = 0;
  while (c < row->ncells && !*row->cells[c])
    c++;
  if (c < row->ncells) {
    st->tail = ++doc->next_line;
    return 0;
  }
  parx_row_clear(row);
  t->nrows--;
  return 0;
}

/* True when text is the whole of cell, its first or last words, or cell with a
 * note after it ("Thời gian hoàn thành (và cập nhật hàng năm)"). */
static int is_piece_of(const char *text, const char *cell) {
  size_t n = strlen(text), m = strlen(cell);
  if (n > m) return !strncmp(text, cell, m) && text[m] == ' ';
  if (!strncmp(cell, text, n) && (n == m || cell[n] == ' ')) return 1;
  return !strcmp(cell + m - n, text) && cell[m - n - 1] == ' ';
}

/* True when the built row is the table's header, or a piece of it that a page
 * break cut (two cells at least, each the start or the end of its header cell). */
static int is_header_piece(const parx_block *t, const row_builder *rb) {
  if (!t->nrows || t->rows[0].ncells != rb->ncols) return 0;
  size_t filled = 0, same = 0;
  for (size_t c = 0; c < rb->ncols; c++) {
    const char *head = t->rows[0].cells[c];
    char *clean = parx_collapse_space(rb->cols[c].len ? rb->cols[c].s : "", rb->cols[c].len);
    int ok = clean && (!*clean || is_piece_of(clean, head));
    filled += clean && *clean;
    same += clean && !strcmp(clean, head);
    free(clean);
    if (!ok) return 0;
  }
  return filled >= 2 || same == rb->ncols;
}

/* Number of rows from `first` that are the open table's header or pieces of it. */
static size_t header_rows(const parx_doc *doc, pdf_table_state *st, row_builder *rb,
                          const pdf_page *pg, const pdf_bands *rows, size_t first, size_t last) {
  size_t n = first;
  while (n < last && !build_row(rb, st, pg, rows, &rows->v[n]) &&
         is_header_piece(&doc->blocks[st->block], rb))
    n++;
  return n - first;
}

/* True when little text (a stamp, a line the producer set outside the table)
 * was added since the open table's last row. */
static int follows_closely(const parx_doc *doc, const pdf_table_state *st) {
  size_t n = 0, chars = 0;
  for (size_t i = doc->nblocks; i-- > 0 && doc->blocks[i].line >= st->tail;) {
    if (doc->blocks[i].kind != PARX_BLOCK_PARAGRAPH) return 0;
    chars += strlen(doc->blocks[i].text);
    n++;
  }
  return n <= MAX_BETWEEN && chars <= MAX_BETWEEN_CHARS;
}

/* True when bands [first, last) open with a row of the table rather than a
 * new table's header: the first row of several cells (narrow one-cell rows may
 * come before it) has a row number, or an empty number cell. */
static int opens_row(const pdf_table_state *st, const pdf_page *pg, const pdf_bands *bs,
                     size_t first, size_t last) {
  const pdf_band *b = &bs->v[first];
  while (b->ncells < 2 && b + 1 < bs->v + last)
    b++;
  const pdf_cell *cell = band_cells(bs, b);
  if (st->ncols > 1 && fabs(cell->x0 - st->grid[1]) < fabs(cell->x0 - st->grid[0])) return 1;
  return holds_row_number(pg, b, cell);
}

/* The left edge of bands [first, last): the leftmost first cell of the rows
 * of two cells or more; -HUGE_VAL when none has two. */
static double left_edge(const pdf_bands *rows, size_t first, size_t last) {
  double left = HUGE_VAL;
  for (size_t i = first; i < last; i++)
    if (rows->v[i].ncells >= 2) left = fmin(left, band_cells(rows, &rows->v[i])->x0);
  return left == HUGE_VAL ? -HUGE_VAL : left;
}

static size_t max_cells(const pdf_bands *rows, size_t first, size_t last) {
  size_t m = 0;
  for (size_t i = first; i < last; i++)
    m = rows->v[i].ncells > m ? rows->v[i].ncells : m;
  return m < PDF_MAX_COLS ? m : PDF_MAX_COLS;
}

/* True when bands [first, last) continue the open table; *skip is the number
 * of them that repeat its header. */
static int resumes(const parx_doc *doc, pdf_table_state *st, row_builder *rb, const pdf_page *pg,
                   const pdf_bands *rows, size_t first, size_t last, int first_on_page,
                   size_t *skip) {
  *skip = 0;
  if (st->block < 0 || !follows_closely(doc, st)) return 0;
  *skip = header_rows(doc, st, rb, pg, rows, first, last);
  /* a table repeats its header on its next page, never twice on one: there
   * the header opens a second table */
  if (*skip && st->header_page == pg->number) {
    *skip = 0;
    return 0;
  }
  if (*skip) return 1;
  if (max_cells(rows, first, last) > st->ncols) return 0;
  return (first_on_page && doc->next_line == st->tail) || opens_row(st, pg, rows, first, last);
}

int pdf_table_continued_by(const parx_doc *doc, const pdf_table_state *st, const pdf_page *page,
                           const pdf_bands *bs, size_t first, size_t last) {
  pdf_table_state probe = *st;
  pdf_buf cols[PDF_MAX_COLS] = {{0}};
  row_builder rb = {cols, probe.ncols, {0}, left_edge(bs, first, last)};
  size_t skip;
  int yes = resumes(doc, &probe, &rb, page, bs, first, last, first == 0, &skip);
  for (size_t c = 0; c < PDF_MAX_COLS; c++)
    free(cols[c].s);
  return yes;
}

int pdf_table_takes_rest(const parx_doc *doc, const pdf_table_state *st, const pdf_band *b,
                         const pdf_cell *cell) {
  if (st->block < 0 || doc->next_line != st->tail || b->ncells != 1 || st->ncols < 2) return 0;
  return cell->x1 - cell->x0 < REST_WIDTH * (st->right - st->grid[0]) &&
         cell->x0 > (st->grid[0] + st->grid[1]) / 2;
}

/* Starts a new table whose grid is the first row filling the most columns. */
static void start_table(pdf_table_state *st, const pdf_bands *rows) {
  st->block = -1;
  st->stable = 1;
  st->ncols = max_cells(rows, 0, rows->n);
  for (size_t i = 0; i < rows->n; i++) {
    if (rows->v[i].ncells == st->ncols) {
      const pdf_cell *cells = band_cells(rows, &rows->v[i]);
      for (size_t c = 0; c < st->ncols; c++)
        st->grid[c] = cells[c].x0;
      st->right = cells[st->ncols - 1].x1;
      return;
    }
  }
}

/* A copy of the header where the table resumes, for parx_table_tidy to drop
 * along with the row break after it. */
static int add_header_copy(parx_doc *doc, const pdf_table_state *st, int page) {
  parx_block *t = &doc->blocks[st->block];
  return parx_table_add_row(t, (const char *const *)t->rows[0].cells, NULL, t->rows[0].ncells,
                            doc->next_line, page);
}

/* Joins the table's second row into its header: the page break cut the
 * header row itself, and its rest (number cell empty) opens the next page. */
static void join_header_rest(parx_block *t) {
  if (t->nrows != 2 || *t->rows[1].cells[0]) return;
  parx_row *rest = &t->rows[1];
  parx_row_join(&t->rows[0], rest);
  parx_row_clear(rest);
  t->nrows = 1;
}

int pdf_table_emit(parx_doc *doc, pdf_table_state *st, const pdf_page *pg, const pdf_bands *rows,
                   int first_on_page) {
  pdf_buf cols[PDF_MAX_COLS] = {{0}};
  row_builder rb = {cols, st->ncols, {0}, left_edge(rows, 0, rows->n)};
  size_t skip;
  int rc = 0, header_cut = 0;
  if (!resumes(doc, st, &rb, pg, rows, 0, rows->n, first_on_page, &skip)) {
    start_table(st, rows);
    rb.ncols = st->ncols;
  } else if (first_on_page && !skip && doc->blocks[st->block].nrows == 1) {
    header_cut = 1;
  } else if (skip || first_on_page) {
    rc = add_header_copy(doc, st, pg->number);
  }
  st->stable |= skip > 0;
  if (skip || st->block < 0) st->header_page = pg->number;
  for (size_t i = skip; i < rows->n && !rc; i++) {
    rc = build_row(&rb, st, pg, rows, &rows->v[i]);
    if (!rc && st->block < 0) {
      rc = parx_doc_add_table(doc, doc->next_line, pg->number) ? 0 : -1;
      st->block = (long)doc->nblocks - 1;
    }
    /* a repeated header sets the grid of the table's next part */
    if (!rc && rows->v[i].ncells == st->ncols && is_header_piece(&doc->blocks[st->block], &rb))
      st->stable = 1;
    if (!rc) rc = add_row(doc, st, &rb, pg->number);
    if (!rc && header_cut && i == skip) join_header_rest(&doc->blocks[st->block]);
  }
  for (size_t c = 0; c < PDF_MAX_COLS; c++)
    free(cols[c].s);
  return rc;
}

/*
 * Tables that rank units (TT | Tên đơn vị | Điểm | Vị thứ | Xếp loại), one
 * result per row, whether a reader made them table blocks or left them one
 * cell per paragraph; and what a news page's headline says of the results
 * below it.
 */
#include "assembly.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
  TITLE_BLOCKS = 8, /* how far above a table its title is looked for */
  HEADLINE_BLOCKS = 6,
  MAX_RESULT_COLUMNS = 16,
  HEADER_CELL_MAX = 60,  /* a header cell written as a paragraph is a few words */
  NATIONAL_PROVINCES = 3 /* a page naming this many provinces ranks provinces */
};

typedef enum rcol {
  RC_NONE,
  RC_CODE,
  RC_UNIT,
  RC_MAX,
  RC_PERCENT,
  RC_SCORE,
  RC_RANK,
  RC_RATING,
  RC_N
} rcol;

/* Header rules in the order they are tried: a percent column may say "điểm". */
static const struct {
  parx_rule_id rule;
  rcol col;
} rcol_rules[] = {{RULE_COLUMN_CODE, RC_CODE},
                  {RULE_COLUMN_UNIT, RC_UNIT},
                  {RULE_COLUMN_MAX, RC_MAX},
                  {RULE_COLUMN_PERCENT, RC_PERCENT},
                  {RULE_COLUMN_RESULT_SCORE, RC_SCORE},
                  {RULE_COLUMN_RANK, RC_RANK},
                  {RULE_COLUMN_RATING, RC_RATING}};

typedef struct rlayout {
  int col[RC_N]; /* the column of each kind, -1 if none */
  size_t ncols;
  char *index; /* the index the table ranks units on */
  int year;
} rlayout;

static rcol column_kind(ctx *c, const char *t) {
  parx_match match;
  for (size_t k = 0; k < sizeof rcol_rules / sizeof *rcol_rules; k++)
    if (match_rule(c, rcol_rules[k].rule, t, strlen(t), 0, &match)) return rcol_rules[k].col;
  return RC_NONE;
}

/* The columns of a header row; 1 when they rank units: a unit and a number. */
static int read_columns(ctx *c, const char *const *cells, size_t n, rlayout *lay) {
  for (int k = 0; k < RC_N; k++)
    lay->col[k] = -1;
  lay->ncols = n;
  for (size_t i = 0; i < n; i++) {
    rcol k = column_kind(c, cells[i]);
    if (k != RC_NONE && lay->col[k] < 0) lay->col[k] = (int)i;
  }
  return lay->col[RC_UNIT] >= 0 &&
         (lay->col[RC_SCORE] >= 0 || lay->col[RC_PERCENT] >= 0 || lay->col[RC_RANK] >= 0);
}

/* The index and year of a table: from its header, else the paragraphs above
 * it (its title, "Năm 2021, … Cụ thể:"), else the document's or its headline's. */
static void table_subject(ctx *c, size_t block, const char *const *header, size_t n, rlayout *lay) {
  parx_match match;
  double y;
  lay->index = NULL;
  lay->year = 0;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(header[i]);
    if (!lay->index) lay->index = index_named(c, header[i], len, NULL);
    /* "Điểm năm 2023": the year the column scores */
    if (!lay->year && match_rule(c, RULE_RESULT_YEAR, header[i], len, 0, &match) &&
        group_number(&match, GROUP_YEAR, &y))
      lay->year = (int)y;
  }
  int par = 0;
  for (size_t i = block, seen = 0; i-- > 0 && seen < TITLE_BLOCKS;) {
    const parx_block *b = &c->doc->blocks[i];
    if (b->kind != PARX_BLOCK_PARAGRAPH || (c->taken && c->taken[i])) break;
    seen++;
    size_t len = strlen(b->text);
    if (!lay->index) lay->index = index_named(c, b->text, len, NULL);
    if (!lay->year && match_rule(c, RULE_RESULT_YEAR, b->text, len, 0, &match) &&
        group_number(&match, GROUP_YEAR, &y))
      lay->year = (int)y;
    par = par || match_rule(c, RULE_RESULT_TABLE_INDEX, b->text, len, 0, &match);
  }
  const char *title = c->rec->document.title;
  if (!lay->index &&
      (par || (title && match_rule(c, RULE_RESULT_TABLE_INDEX, title, strlen(title), 0, &match))))
    lay->index = strdup("PAR INDEX");
  if (!lay->year) lay->year = c->doc_year ? c->doc_year : c->page_year;
}

static const char *rcell(const char *const *cells, size_t n, int col) {
  return col >= 0 && (size_t)col < n ? cells[col] : "";
}

/* The number a cell opens with ("85,2", "85,2%", "87/100", "3/21", "1."), and
 * what follows its "/" (NAN when nothing). */
static int cell_value(ctx *c, const char *s, double *v, double *of) {
  parx_match match;
  *of = NAN;
  if (!match_rule_opening(c, RULE_RESULT_VALUE, s, strlen(s), &match) ||
      !group_number(&match, GROUP_SCORE, v))
    return 0;
  group_number(&match, GROUP_MAX, of);
  return 1;
}

/* One row: the unit's result. 0 when the row is no unit's (a total, an average, a note). */
static int result_row(ctx *c, const rlayout *lay, const char *const *cells, size_t n,
                      parx_loc loc) {
  parx_match match;
  const char *unit = rcell(cells, n, lay->col[RC_UNIT]);
  double score = NAN, max = NAN, percent = NAN, rank = 0, of = NAN, v, unused;
  if (!*unit || cell_value(c, unit, &v, &unused) ||
      match_rule(c, RULE_RESULT_GROUP_ROW, unit, strlen(unit), 0, &match))
    return 0;
  /* "87/100" in the score column states the maximum too, "3/21" in the rank column the total */
  int has = cell_value(c, rcell(cells, n, lay->col[RC_SCORE]), &score, &max);
  has |= cell_value(c, rcell(cells, n, lay->col[RC_PERCENT]), &percent, &unused);
  if (cell_value(c, rcell(cells, n, lay->col[RC_RANK]), &v, &of) && v >= 1) rank = v, has = 1;
  if (!has) return 0;
  int own = unit_is_own(c, unit, strlen(unit));
  parx_result *r =
      record_result(c, lay->index, lay->year, own ? NULL : unit, own ? 0 : strlen(unit), loc);
  if (!r) return 1;
  if (isnan(r->score)) r->score = score;
  if (isnan(max)) cell_value(c, rcell(cells, n, lay->col[RC_MAX]), &max, &unused);
  if (isnan(r->max)) r->max = max;
  if (isnan(r->percent)) r->percent = percent;
  if (!r->rank) r->rank = (int)rank, r->rank_of = isnan(of) ? 0 : (int)of;
  const char *rating = rcell(cells, n, lay->col[RC_RATING]);
  if (!r->rating && *rating && !(r->rating = copy_clause(rating, strlen(rating)))) c->failed = 1;
  return 1;
}

/* True when a row holds header words only: every cell it fills names a column. */
static int names_columns(ctx *c, const parx_row *r) {
  size_t named = 0;
  for (size_t k = 0; k < r->ncells; k++) {
    if (!*r->cells[k]) continue;
    if (column_kind(c, r->cells[k]) == RC_NONE) return 0;
    named++;
  }
  return named > 0;
}

/* A table's header: its first row, or its first two where the first spans
 * groups of the second ("Kết quả năm 2024" over "Điểm", "Tỷ lệ" and "Xếp
 * loại"), even when the first alone would do. Returns the rows it takes, 0
 * when it ranks no units; the merged cells go to `cells`. */
static size_t table_header(ctx *c, const parx_block *b, const char **cells, size_t *n,
                           rlayout *lay) {
  const parx_row *h = &b->rows[0], *sub = &b->rows[1];
  *n = h->ncells < MAX_RESULT_COLUMNS ? h->ncells : MAX_RESULT_COLUMNS;
  if (b->nrows >= 3 && sub->ncells == h->ncells && names_columns(c, sub)) {
    for (size_t k = 0; k < *n; k++)
      cells[k] = *sub->cells[k] ? sub->cells[k] : h->cells[k];
    if (read_columns(c, cells, *n, lay)) return 2;
  }
  for (size_t k = 0; k < *n; k++)
    cells[k] = h->cells[k];
  return read_columns(c, cells, *n, lay) ? 1 : 0;
}

static void table_block(ctx *c, size_t i) {
  const parx_block *b = &c->doc->blocks[i];
  if (b->nrows < 2) return;
  rlayout lay;
  const char *header[MAX_RESULT_COLUMNS];
  size_t n, first = table_header(c, b, header, &n, &lay);
  if (!first) return;
  table_subject(c, i, header, n, &lay);
  for (size_t r = first; lay.index && r < b->nrows; r++)
    result_row(c, &lay, (const char *const *)b->rows[r].cells, b->rows[r].ncells,
               (parx_loc){b->rows[r].line, b->rows[r].page});
  free(lay.index);
}

/* A table written one cell per paragraph: a run of header cells, then rows of
 * as many paragraphs. Returns the first block after it (i when none). */
static size_t paragraph_table(ctx *c, size_t i) {
  const parx_doc *d = c->doc;
  const char *cells[MAX_RESULT_COLUMNS];
  size_t n = 0;
  while (n < MAX_RESULT_COLUMNS && i + n < d->nblocks &&
         d->blocks[i + n].kind == PARX_BLOCK_PARAGRAPH &&
         strlen(d->blocks[i + n].text) < HEADER_CELL_MAX &&
         column_kind(c, d->blocks[i + n].text) != RC_NONE)
    cells[n] = d->blocks[i + n].text, n++;
  rlayout lay;
  if (n < 3 || !read_columns(c, cells, n, &lay)) return i;
  table_subject(c, i, cells, n, &lay);
  size_t j = i + n, rows = 0;
  for (; lay.index && j + n <= d->nblocks; j += n) {
    size_t k = 0;
    for (; k < n && d->blocks[j + k].kind == PARX_BLOCK_PARAGRAPH; k++)
      cells[k] = d->blocks[j + k].text;
    double v, unused;
    /* a row opens with its number when the table numbers its rows */
    if (k < n || (lay.col[RC_CODE] >= 0 && !cell_value(c, cells[lay.col[RC_CODE]], &v, &unused)) ||
        !result_row(c, &lay, cells, n, (parx_loc){d->blocks[j].line, d->blocks[j].page}))
      break;
    rows++;
  }
  free(lay.index);
  if (!rows) return i;
  memset(c->taken + i, 1, j - i);
  return j;
}

/* True when the paragraphs name NATIONAL_PROVINCES provinces besides the headline's. */
static int names_provinces(ctx *c) {
  parx_match match;
  char *seen[NATIONAL_PROVINCES] = {0};
  size_t nseen = 0;
  for (size_t i = 0; i < c->doc->nblocks && nseen < NATIONAL_PROVINCES; i++) {
    const parx_block *b = &c->doc->blocks[i];
    if (b->kind != PARX_BLOCK_PARAGRAPH) continue;
    size_t n = strlen(b->text);
    for (size_t from = 0; nseen < NATIONAL_PROVINCES &&
                          match_rule(c, RULE_RESULT_PROVINCE, b->text, n, from, &match);
         from = match.end) {
      size_t s, e;
      if (!group(&match, GROUP_UNIT, &s, &e) || unit_is_own(c, b->text + s, e - s)) continue;
      size_t k = 0;
      while (k < nseen && (strlen(seen[k]) != e - s || memcmp(seen[k], b->text + s, e - s)))
        k++;
      if (k == nseen && !(seen[nseen++] = strndup(b->text + s, e - s))) c->failed = 1;
    }
  }
  for (size_t k = 0; k < nseen; k++)
    free(seen[k]);
  return nseen >= NATIONAL_PROVINCES;
}

/* What a page's headline says when its header gives nothing: the province it
 * is about ("Thanh Hóa: Công bố …", the first one named), and the index and
 * the year of the results it announces ("Chỉ số … năm 2023"). */
static void read_headline(ctx *c) {
  parx_match match;
  double y;
  const char *title = c->rec->document.title;
  if (title && match_rule(c, RULE_RESULT_PROVINCE, title, strlen(title), 0, &match))
    c->own_place = group_copy(&match, GROUP_UNIT);
  for (size_t i = 0; i < c->doc->nblocks && i < HEADLINE_BLOCKS; i++) {
    const parx_block *b = &c->doc->blocks[i];
    if (b->kind != PARX_BLOCK_PARAGRAPH) continue;
    size_t n = strlen(b->text);
    if (!c->own_place && match_rule(c, RULE_RESULT_PROVINCE, b->text, n, 0, &match))
      c->own_place = group_copy(&match, GROUP_UNIT);
    if (!c->page_year && match_rule(c, RULE_RESULT_YEAR, b->text, n, 0, &match) &&
        group_number(&match, GROUP_YEAR, &y))
      c->page_year = (int)y;
    if (!c->page_index) c->page_index = index_named(c, b->text, n, NULL);
  }
  if (c->own_place && !c->rec->document.place && names_provinces(c)) {
    free(c->own_place); /* the national ranking: its headline's province is one unit of many */
    c->own_place = NULL;
  }
}

void assemble_result_tables(ctx *c) {
  read_headline(c);
  for (size_t i = 0; i < c->doc->nblocks; i++) {
    if (c->doc->blocks[i].kind == PARX_BLOCK_TABLE) {
      table_block(c, i);
      continue;
    }
    size_t end = paragraph_table(c, i);
    if (end > i) i = end - 1;
  }
}

/*
 * Index results, one per index, year and unit: the clauses of a sentence
 * ("… đạt 79,53 điểm, xếp 50/63; SIPAS đạt 75,07%"), each giving its numbers
 * to the index, year and unit it names or carries, and the tables that rank
 * units (TT | Tên đơn vị | Điểm | Vị thứ | Xếp loại), whether a reader made
 * them table blocks or left them one cell per paragraph.
 */
#include "assembly.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How far a clause start or a table's title is looked for: bounded so that a
 * long run-on sentence stays linear. */
enum {
  CLAUSE_LOOK = 240,
  TITLE_BLOCKS = 8,
  HEADLINE_BLOCKS = 6,
  MAX_RESULT_COLUMNS = 16,
  HEADER_CELL_MAX = 60,  /* a header cell written as a paragraph is a few words */
  NATIONAL_PROVINCES = 3 /* a page naming this many provinces ranks provinces */
};

/* What a clause gives to the clauses after it in its sentence. */
typedef struct carried {
  char *index;
  int year, target;
  const char *unit; /* into the sentence; NULL for the document's own subject */
  size_t unit_len;
} carried;

static char *first_index(ctx *c, const char *s, size_t n) {
  parx_match match;
  const parx_rule *r = parx_rules_first_index(c->rules, c->matcher, s, n, &match);
  return r ? strdup(parx_rule_index(r)) : NULL;
}

static int index_opens(ctx *c, const char *s, size_t n) {
  parx_match match;
  return parx_rules_first_index(c->rules, c->matcher, s, n, &match) && match.start == 0;
}

/* The unit a clause opens with (its span in s), 0 when none. */
static int unit_at(ctx *c, const char *s, size_t n, size_t *us, size_t *ue) {
  parx_match match;
  size_t lead = 0;
  while (lead < n && s[lead] == ' ')
    lead++;
  return (match_rule(c, RULE_RESULT_UNIT, s, n, 0, &match) ||
          (match_rule(c, RULE_RESULT_PROVINCE, s, n, 0, &match) && match.start == lead)) &&
         group(&match, GROUP_UNIT, us, ue);
}

/* True when the unit is the document's own province: "Tỉnh Tây Ninh" in Tây
 * Ninh's news is no other unit (its city, "Thành phố Thanh Hóa", is one). */
static int own_subject(ctx *c, const char *u, size_t n) {
  static const char *const kinds[] = {"", "tỉnh ", "Tỉnh "};
  const char *own[] = {c->rec->document.place, c->own_place};
  for (size_t i = 0; i < 2; i++)
    for (size_t k = 0; own[i] && k < sizeof kinds / sizeof *kinds; k++) {
      size_t kl = strlen(kinds[k]), ol = strlen(own[i]);
      if (n == kl + ol && !memcmp(u, kinds[k], kl) && !memcmp(u + kl, own[i], ol)) return 1;
    }
  return 0;
}

/* Byte where a clause starting the n bytes at s ends: at a join ("," "và")
 * before a new index, year or unit, else n. */
static size_t clause_end(ctx *c, const char *s, size_t n) {
  parx_match match;
  for (size_t i = 1; i < n; i++) {
    if ((s[i] != ',' && s[i] != ' ') || !match_rule(c, RULE_RESULT_CLAUSE_JOIN, s, n, i, &match))
      continue;
    size_t q = match.end, look = n - q < CLAUSE_LOOK ? n - q : CLAUSE_LOOK, us, ue;
    if ((match_rule(c, RULE_RESULT_YEAR, s + q, look, 0, &match) && match.start == 0) ||
        index_opens(c, s + q, look) || unit_at(c, s + q, look, &us, &ue))
      return i;
  }
  return n;
}

static int rank_in_words(ctx *c, const char *s, size_t n, double *rank) {
  parx_match match, word;
  size_t ws, we;
  if (match_rule(c, RULE_RESULT_RANK_WORD, s, n, 0, &match) && group(&match, GROUP_WORD, &ws, &we))
    for (int k = RULE_ORDINAL_1; k <= RULE_ORDINAL_10; k++)
      if (match_rule(c, (parx_rule_id)k, s + ws, we - ws, 0, &word)) {
        *rank = k - RULE_ORDINAL_1 + 1;
        return 1;
      }
  if (match_rule(c, RULE_RESULT_RANK_FIRST, s, n, 0, &match)) {
    *rank = 1;
    return 1;
  }
  return 0;
}

/* The year a clause is about when neither it nor its sentence names one. */
static int fallback_year(ctx *c, const result_scope *scope) {
  parx_match match;
  double y;
  if (scope->year) return scope->year;
  if (scope->para_year) return scope->para_year;
  /* "tăng 2 bậc so với năm 2020": the year after the one compared with */
  if (match_rule(c, RULE_RESULT_COMPARED, scope->sentence, scope->sentence_len, 0, &match) &&
      group_number(&match, GROUP_YEAR, &y))
    return (int)y + 1;
  return c->doc_year ? c->doc_year : c->page_year;
}

/* One clause: its own index, year and unit, else those carried. */
static void clause_result(ctx *c, const result_scope *scope, carried *k, const char *s, size_t n) {
  parx_match match;
  double y, score = NAN, max = NAN, percent = NAN, rank = 0, of = 0;
  char *index = scope->code_index ? strdup(scope->code_index) : first_index(c, s, n);
  if (index) {
    free(k->index);
    k->index = strdup(index);
  }
  if (match_rule(c, RULE_RESULT_YEAR, s, n, 0, &match) && group_number(&match, GROUP_YEAR, &y))
    k->year = (int)y;
  size_t us, ue;
  if (unit_at(c, s, n, &us, &ue)) {
    int own = own_subject(c, s + us, ue - us);
    k->unit = own ? NULL : s + us;
    k->unit_len = own ? 0 : ue - us;
  }
  if (match_rule(c, RULE_SCORE_TARGET, s, n, 0, &match)) k->target = 1;
  if (k->target) goto done;
  /* what a group's average reaches is not the unit's: the clause ends before it */
  if (match_rule(c, RULE_RESULT_NOT_RESULT, s, n, 0, &match)) n = match.start;
  int has_rank = match_rule(c, RULE_RESULT_RANK, s, n, 0, &match) &&
                 group_number(&match, GROUP_RANK, &rank) && group_number(&match, GROUP_OF, &of);
  if (!has_rank)
    has_rank = (match_rule(c, RULE_RESULT_RANK_ONLY, s, n, 0, &match) &&
                group_number(&match, GROUP_RANK, &rank)) ||
               rank_in_words(c, s, n, &rank);
  int has_percent = match_rule(c, RULE_RESULT_PERCENT, s, n, 0, &match) &&
                    group_number(&match, GROUP_PERCENT, &percent);
  int has_total = !scope->has_code && match_rule(c, RULE_RESULT_TOTAL, s, n, 0, &match) &&
                  group_number(&match, GROUP_SCORE, &score) &&
                  group_number(&match, GROUP_MAX, &max);
  /* an index scored without a maximum: "PAPI … đạt 43,69 điểm" */
  if (!has_total && !scope->has_code && match_rule(c, RULE_RESULT_SCORE_ONLY, s, n, 0, &match) &&
      group_number(&match, GROUP_SCORE, &score))
    has_total = 1;
  if (!has_rank && !has_percent && !has_total) goto done;
  /* an index carried in the sentence, or named further on, is the clause's own */
  if (!index && !scope->has_code)
    index = k->index ? strdup(k->index) : first_index(c, scope->sentence, scope->sentence_len);
  int sentence_index = index != NULL;
  if (!index && scope->index && !scope->has_code) index = strdup(scope->index);
  /* a unit ranked on a news page without an index named: the headline's */
  if (!index && k->unit && !scope->has_code && c->page_index) index = strdup(c->page_index);
  /* a criterion's points are a score, and so are a field's under a results
   * heading: only a rank, an index or a unit named with its total, or a total
   * said to be the total ("Tổng số điểm …") makes a result */
  int whole = sentence_index || k->unit || match_rule(c, RULE_RESULT_TOTAL_CUE, s, n, 0, &match);
  if (index && (has_rank || (!scope->has_code && whole && (has_total || has_percent)))) {
    int year = k->year ? k->year : fallback_year(c, scope);
    parx_result *r = record_result(c, index, year, k->unit, k->unit_len, scope->loc);
    if (r) {
      if (has_rank && !r->rank) r->rank = (int)rank, r->rank_of = (int)of;
      if (has_total && isnan(r->score)) r->score = score, r->max = max;
      if (has_percent && !scope->has_code && isnan(r->percent)) r->percent = percent;
      if (!r->rating && match_rule(c, RULE_RESULT_RATING, s, n, 0, &match))
        r->rating = group_copy(&match, GROUP_RATING);
    }
  }
done:
  free(index);
}

/* The clauses of the n bytes at s (no parentheses left in them). */
static void clauses(ctx *c, const result_scope *scope, carried *k, const char *s, size_t n) {
  for (size_t from = 0; from < n;) {
    while (from < n && strchr(" ,", s[from]))
      from++;
    if (from >= n) break;
    size_t len = clause_end(c, s + from, n - from);
    clause_result(c, scope, k, s + from, len);
    from += len;
  }
}

void results_in_sentence(ctx *c, const result_scope *in, const char *t, size_t n) {
  parx_match match;
  /* a result states a fraction, a percent, points or a rank */
  if (!memchr(t, '/', n) && !memchr(t, '%', n) && !match_rule(c, RULE_RESULT_CUE, t, n, 0, &match))
    return;
  /* the sentence with its parenthesised parts blanked: their clauses are read
   * after the clause around them, which they take their index and unit from */
  char *outer = strndup(t, n);
  if (!outer) {
    c->failed = 1;
    return;
  }
  result_scope scope = *in;
  scope.sentence = outer;
  scope.sentence_len = n;
  carried k = {0};
  size_t seg = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && t[i] == '(') {
      size_t depth = 0, j = i;
      for (; j < n; j++) {
        depth += t[j] == '(';
        depth -= t[j] == ')';
        if (!depth) break;
      }
      memset(outer + i, ' ', (j < n ? j + 1 : n) - i);
      i = j < n ? j : n - 1;
      continue;
    }
    if (i < n && t[i] != ';') continue;
    clauses(c, &scope, &k, outer + seg, i - seg);
    /* then the parenthesised clauses of this part, each inheriting, none carrying */
    for (size_t p = seg; p < i; p++) {
      if (t[p] != '(') continue;
      size_t close = p + 1;
      while (close < i && t[close] != ')')
        close++;
      carried inner = k;
      inner.index = k.index ? strdup(k.index) : NULL;
      clauses(c, &scope, &inner, t + p + 1, close - p - 1);
      free(inner.index);
      p = close;
    }
    seg = i + 1;
  }
  free(k.index);
  free(outer);
}

/* --- tables that rank units ------------------------------------------------ */

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
 * it (its title, "Năm 2021, … Cụ thể:"), else the document's. */
static void table_subject(ctx *c, size_t block, const char *const *header, size_t n, rlayout *lay) {
  parx_match match;
  double y;
  lay->index = NULL;
  lay->year = 0;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(header[i]);
    if (!lay->index) lay->index = first_index(c, header[i], len);
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
    if (!lay->index) lay->index = first_index(c, b->text, len);
    if (!lay->year && match_rule(c, RULE_RESULT_YEAR, b->text, len, 0, &match) &&
        group_number(&match, GROUP_YEAR, &y))
      lay->year = (int)y;
    par = par || match_rule(c, RULE_RESULT_TABLE_INDEX, b->text, len, 0, &match);
  }
  const char *title = c->rec->document.title;
  if (!lay->index &&
      (par || (title && match_rule(c, RULE_RESULT_TABLE_INDEX, title, strlen(title), 0, &match))))
    lay->index = strdup("PAR INDEX");
  if (!lay->year) lay->year = c->doc_year;
}

static const char *rcell(const char *const *cells, size_t n, int col) {
  return col >= 0 && (size_t)col < n ? cells[col] : "";
}

static int cell_number(const char *s, double *v) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == '%' || s[n - 1] == ' '))
    n--;
  return n && number_at(s, 0, n, v);
}

/* One row: the unit's result. 0 when the row is no unit's (a total, an average, a note). */
static int result_row(ctx *c, const rlayout *lay, const char *const *cells, size_t n,
                      parx_loc loc) {
  parx_match match;
  const char *unit = rcell(cells, n, lay->col[RC_UNIT]);
  double score = NAN, max = NAN, percent = NAN, rank = 0, v;
  if (!*unit || cell_number(unit, &v) ||
      match_rule(c, RULE_RESULT_GROUP_ROW, unit, strlen(unit), 0, &match))
    return 0;
  int has = cell_number(rcell(cells, n, lay->col[RC_SCORE]), &score);
  has |= cell_number(rcell(cells, n, lay->col[RC_PERCENT]), &percent);
  if (cell_number(rcell(cells, n, lay->col[RC_RANK]), &v) && v >= 1) rank = v, has = 1;
  if (!has) return 0;
  int own = own_subject(c, unit, strlen(unit));
  parx_result *r =
      record_result(c, lay->index, lay->year, own ? NULL : unit, own ? 0 : strlen(unit), loc);
  if (!r) return 1;
  if (isnan(r->score)) r->score = score;
  if (isnan(r->max) && cell_number(rcell(cells, n, lay->col[RC_MAX]), &max)) r->max = max;
  if (isnan(r->percent)) r->percent = percent;
  if (!r->rank) r->rank = (int)rank;
  const char *rating = rcell(cells, n, lay->col[RC_RATING]);
  if (!r->rating && *rating && !(r->rating = copy_clause(rating, strlen(rating)))) c->failed = 1;
  return 1;
}

static void table_block(ctx *c, size_t i) {
  const parx_block *b = &c->doc->blocks[i];
  if (b->nrows < 2) return;
  rlayout lay;
  const parx_row *h = &b->rows[0];
  if (!read_columns(c, (const char *const *)h->cells, h->ncells, &lay)) return;
  table_subject(c, i, (const char *const *)h->cells, h->ncells, &lay);
  for (size_t r = 1; lay.index && r < b->nrows; r++)
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
    double v;
    /* a row opens with its number when the table numbers its rows */
    if (k < n || (lay.col[RC_CODE] >= 0 && !cell_number(cells[lay.col[RC_CODE]], &v)) ||
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
      if (!group(&match, GROUP_UNIT, &s, &e) || own_subject(c, b->text + s, e - s)) continue;
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
    if (!c->page_index) c->page_index = first_index(c, b->text, n);
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

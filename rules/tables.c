/*
 * Tables: columns get roles from their header words; a table whose number
 * column holds dotted codes lists criteria, one with an agency column lists
 * tasks (and may do both).
 */
#include "assembly.h"
#include "buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many paragraphs above a score table its title, naming its index, is looked for. */
enum { MAX_COLUMNS = 32, TITLE_BLOCKS = 2 };

typedef struct layout {
  column_role roles[MAX_COLUMNS];
  int years[MAX_COLUMNS];
  size_t ncols;
  int col[COL_DEADLINE + 1]; /* first column of each role, -1 if none */
  char index[64];            /* the index the table scores, for its total row */
  int codes_in_names;        /* the codes open the criterion cells; the number column counts */
} layout;

/*
 * Column roles from the header row, and from a second header row under it
 * where the first spans groups ("Cơ quan thực hiện" over "Chủ trì" and
 * "Phối hợp"). Returns how many rows the header takes.
 */
static size_t read_header(ctx *c, const parx_block *t, layout *lay) {
  const parx_row *h = &t->rows[0];
  memset(lay, 0, sizeof *lay);
  lay->ncols = h->ncells < MAX_COLUMNS ? h->ncells : MAX_COLUMNS;
  for (size_t i = 0; i < lay->ncols; i++)
    lay->roles[i] = column_role_of(c, h->cells[i], &lay->years[i]);
  size_t rows = 1;
  const parx_row *sub = t->nrows > 1 ? &t->rows[1] : NULL;
  if (sub && sub->ncells == h->ncells && !*sub->cells[0]) {
    layout under = *lay;
    int named = 0;
    for (size_t i = 0; i < lay->ncols; i++)
      if (*sub->cells[i]) {
        under.roles[i] = column_role_of(c, sub->cells[i], &under.years[i]);
        named += under.roles[i] != COL_NONE;
      }
    if (named >= 2) {
      *lay = under;
      rows = 2;
    }
  }
  for (int r = 0; r <= COL_DEADLINE; r++)
    lay->col[r] = -1;
  for (size_t i = 0; i < lay->ncols; i++)
    if (lay->roles[i] && lay->col[lay->roles[i]] < 0) lay->col[lay->roles[i]] = (int)i;
  return rows;
}

static const char *cell(const parx_row *r, int col) {
  return col >= 0 && (size_t)col < r->ncells ? r->cells[col] : "";
}

/* The code opening the row's criterion cell ("2.1.1. Mức độ …"): its length, 0 if none. */
static size_t name_code(ctx *c, const parx_row *r, const layout *lay, const char **code) {
  parx_match match;
  const char *t = cell(r, lay->col[COL_CRITERION]);
  size_t s, e;
  if (!match_rule(c, RULE_CODE_NAME_LEAD, t, strlen(t), 0, &match) ||
      !group(&match, GROUP_CODE, &s, &e))
    return 0;
  *code = t + s;
  return e - s;
}

/* The number cell's code ("1.2.3", "5"): its length, 0 if none; *code is the cell. */
static size_t number_code(ctx *c, const parx_row *r, const layout *lay, const char **code) {
  parx_match match;
  const char *t = cell(r, lay->col[COL_CODE] >= 0 ? lay->col[COL_CODE] : 0);
  size_t s, e;
  *code = t;
  if (!match_rule(c, RULE_CODE_CELL, t, strlen(t), 0, &match) || !group(&match, GROUP_CODE, &s, &e))
    return 0;
  *code = t + s;
  return e - s;
}

/* The row's code, else 0 with *code at its number cell. Where the codes open
 * the criterion cells, the number cell only counts rows and is no code. */
static size_t row_code(ctx *c, const parx_row *r, const layout *lay, const char **code) {
  if (!lay->codes_in_names) return number_code(c, r, lay, code);
  size_t n = name_code(c, r, lay, code);
  if (!n) *code = cell(r, lay->col[COL_CODE]);
  return n;
}

/* The cell of a total row's label ("TỔNG ĐIỂM"), or -1 when the row is none. */
static int total_label(ctx *c, const parx_row *r) {
  parx_match match;
  for (size_t i = 0; i < r->ncells && i < 3; i++)
    if (match_rule(c, RULE_RESULT_TOTAL_ROW, r->cells[i], strlen(r->cells[i]), 0, &match))
      return (int)i;
  return -1;
}

static int is_total_row(ctx *c, const parx_row *r) {
  return total_label(c, r) >= 0;
}

/* The task's own wording: the task column, else the criterion's name. */
static const char *task_cell(const parx_row *r, const layout *lay) {
  const char *t = cell(r, lay->col[COL_TASK]);
  return *t ? t : cell(r, lay->col[COL_CRITERION]);
}

/* Length of a name without its points ("Ban hành kế hoạch: 0,5đ"). */
static size_t without_points(ctx *c, const char *t, double *max) {
  parx_match match;
  size_t n = strlen(t);
  if (match_rule(c, RULE_CODE_POINTS_TAIL, t, n, 0, &match)) {
    size_t s = match.start;
    if (max) group_number(&match, GROUP_MAX, max);
    /* the tail rule is anchored at the end: take its last match only */
    while (match_rule(c, RULE_CODE_POINTS_TAIL, t, n, s + 1, &match) && match.start > s)
      s = match.start;
    return s;
  }
  return n;
}

/* A table with dotted numbers lists criteria: its one-number rows are fields. */
static int has_dotted_codes(ctx *c, const parx_block *t, const layout *lay) {
  for (size_t i = 0; i < t->nrows; i++) {
    const char *code;
    size_t n = row_code(c, &t->rows[i], lay, &code);
    if (n && memchr(code, '.', n)) return 1;
  }
  return 0;
}

/* A criteria table may number its rows 1, 2, 3 and write each code at the
 * start of the criterion's name; its codes are then read there. */
static int codes_in_names(ctx *c, const parx_block *t, size_t first, const layout *lay) {
  if (lay->col[COL_CRITERION] < 0 || lay->col[COL_CRITERION] == lay->col[COL_CODE] ||
      has_dotted_codes(c, t, lay))
    return 0;
  for (size_t i = first; i < t->nrows; i++) {
    const char *code;
    if (name_code(c, &t->rows[i], lay, &code)) return 1;
  }
  return 0;
}

/* A section's label in the number column: a word or two, the first
 * capitalised ("I", "NHÓM 1"). */
static int is_section_label(const char *t) {
  const char *space = strchr(t, ' ');
  return *t && starts_upper(t) && (!space || !strchr(space + 1, ' '));
}

/* Appends a stray piece of text to the last non-empty cell of a row. */
static void append_to_last_cell(ctx *c, parx_row *row, const char *text) {
  size_t k = row->ncells;
  while (k > 1 && !*row->cells[k - 1])
    k--;
  if (!k) return;
  char *joined = parx_join_words(row->cells[k - 1], text);
  if (!joined) {
    c->failed = 1;
    return;
  }
  free(row->cells[k - 1]);
  row->cells[k - 1] = joined;
}

/* A row read one column too far right from a PDF (its number in the second
 * cell, the first and the last empty) is moved back. */
static int misplaced_code(ctx *c, const parx_row *row, int code_col) {
  parx_match match;
  size_t k = (size_t)code_col, n = row->ncells;
  if (k + 1 >= n || *row->cells[k] || *row->cells[n - 1]) return 0;
  const char *next = row->cells[k + 1];
  return match_rule(c, RULE_CODE_CELL, next, strlen(next), 0, &match);
}

static void shift_misplaced_code(ctx *c, parx_row *row, int code_col) {
  size_t k = (size_t)code_col, n = row->ncells;
  if (!misplaced_code(c, row, code_col)) return;
  free(row->cells[k]);
  memmove(&row->cells[k], &row->cells[k + 1], (n - k - 1) * sizeof *row->cells);
  row->cells[n - 1] = calloc(1, 1);
  if (!row->cells[n - 1]) c->failed = 1;
}

/*
 * Copies the rows, joining those that continue the row above. An unnumbered
 * row that is a task of its own takes the code of the row above, which then
 * heads it: `sub` marks such rows.
 */
static parx_block *logical_rows(ctx *c, const parx_block *t, size_t first, const layout *lay,
                                unsigned char **sub) {
  parx_block *out = calloc(1, sizeof *out);
  *sub = calloc(t->nrows, 1);
  if (!out || !*sub) {
    free(out);
    return NULL;
  }
  out->kind = PARX_BLOCK_TABLE;
  int code_col = lay->col[COL_CODE] >= 0 ? lay->col[COL_CODE] : 0;
  for (size_t i = first; i < t->nrows; i++) {
    const parx_row *r = &t->rows[i];
    const char *code;
    /* a number, or a section label ("I", "NHÓM 1"); words in lower case
     * there, or more than a label's two, are the end of a cell above that a
     * page break or a cut page pushed out of place */
    const char *count;
    int numbered = row_code(c, r, lay, &code) > 0 || is_section_label(code) ||
                   misplaced_code(c, r, code_col) ||
                   (lay->codes_in_names && number_code(c, r, lay, &count));
    const char *text = task_cell(r, lay);
    /* an unnumbered row is a new task when it starts a sentence and names an agency */
    int new_task = *text && starts_upper(text) && *cell(r, lay->col[COL_LEAD]);
    if (out->nrows && !numbered && !new_task && !is_total_row(c, r)) {
      if (*code)
        append_to_last_cell(c, &out->rows[out->nrows - 1], code);
      else
        parx_row_join(&out->rows[out->nrows - 1], r);
      continue;
    }
    if (parx_table_add_row(out, (const char *const *)r->cells, NULL, r->ncells, r->line, r->page)) {
      c->failed = 1;
      continue;
    }
    parx_row *added = &out->rows[out->nrows - 1];
    shift_misplaced_code(c, added, code_col);
    if (!numbered && new_task && out->nrows > 1 && (size_t)code_col < added->ncells) {
      const parx_row *above = &out->rows[out->nrows - 2];
      const char *above_code;
      size_t n = row_code(c, above, lay, &above_code);
      char *copy = n ? strndup(above_code, n) : NULL;
      if (copy) {
        free(added->cells[code_col]);
        added->cells[code_col] = copy;
        (*sub)[out->nrows - 1] = 1;
      }
    }
  }
  return out;
}

static int heads_next(ctx *c, const parx_block *rows, size_t i, const layout *lay, const char *code,
                      size_t n) {
  if (i + 1 >= rows->nrows || !n) return 0;
  const char *next;
  size_t m = row_code(c, &rows->rows[i + 1], lay, &next);
  return m > n && !memcmp(next, code, n) && next[n] == '.';
}

/* The reason column's text (malloc'd), or NULL. */
static char *reason_cell(const parx_row *r, const layout *lay) {
  const char *t = cell(r, lay->col[COL_REASON]);
  return *t ? copy_clause(t, strlen(t)) : NULL;
}

static void criteria_row(ctx *c, const parx_row *r, const layout *lay, const char *code, size_t n) {
  const char *name =
      cell(r, lay->col[COL_CRITERION] >= 0 ? lay->col[COL_CRITERION] : lay->col[COL_TASK]);
  if (lay->codes_in_names) /* the name after its code */
    for (name = code + n; *name == '.' || *name == ' ';)
      name++;
  double max = NAN;
  size_t len = without_points(c, name, &max);
  const char *mcell = cell(r, lay->col[COL_MAX]);
  if (isnan(max) && *mcell) number_at(mcell, 0, strlen(mcell), &max);
  parx_loc loc = {r->line, r->page};
  criterion_note(c, code, n, name, len, max, loc);
  int scored = 0;
  for (size_t k = 0; k < lay->ncols && k < r->ncells; k++) {
    double v;
    if ((lay->roles[k] != COL_SCORE && lay->roles[k] != COL_TARGET) || !*r->cells[k] ||
        !number_at(r->cells[k], 0, strlen(r->cells[k]), &v))
      continue;
    subject s = {code, len ? name : NULL, n, len};
    int target = lay->roles[k] == COL_TARGET;
    record_score(c, &s, v, max, target, lay->years[k], loc);
    if (!target && !isnan(max) && v < max - 1e-9)
      record_deficit(c, &s, max - v, v, max, reason_cell(r, lay), loc);
    scored |= !target;
  }
  /* a deduction column on a row without a score column of its own */
  const char *lcell = cell(r, lay->col[COL_LOST]);
  double lost;
  if (!scored && *lcell && number_at(lcell, 0, strlen(lcell), &lost) && lost > 0) {
    subject s = {code, len ? name : NULL, n, len};
    record_deficit(c, &s, lost, NAN, max, reason_cell(r, lay), loc);
  }
}

/* A total row ("TỔNG ĐIỂM") of a score table states the index's result. Its
 * maximum, in the maximum column or after the score ("84,12/100"), completes
 * a result that a sentence stated without one. */
static void total_row(ctx *c, const parx_row *r, const layout *lay) {
  /* a label merged over the number and name columns comes out of a converter
   * as one cell: the cells after it stand one column left of their header's */
  int label = total_label(c, r), name = lay->col[COL_CRITERION];
  size_t shift = name > label ? (size_t)(name - label) : 0;
  const char *mcell = cell(r, lay->col[COL_MAX] - (int)shift);
  double max = NAN;
  if (*mcell) number_at(mcell, 0, strlen(mcell), &max);
  for (size_t k = 0; k + shift < lay->ncols && k < r->ncells; k++) {
    const char *v_cell = r->cells[k];
    size_t len = strlen(v_cell);
    const char *slash = memchr(v_cell, '/', len);
    size_t v_len = slash ? (size_t)(slash - v_cell) : len;
    double v, m = max;
    if (lay->roles[k + shift] != COL_SCORE || !number_at(v_cell, 0, v_len, &v)) continue;
    if (slash && !number_at(v_cell, v_len + 1, len, &m)) continue;
    int year = lay->years[k + shift];
    parx_result *res = record_result(c, lay->index, year ? year : c->doc_year, NULL, 0,
                                     (parx_loc){r->line, r->page});
    if (!res) continue;
    if (isnan(res->score)) res->score = v;
    if (isnan(res->max)) res->max = m;
  }
}

/* True when a header cell names the units that a table ranks (results_table.c reads those). */
static int ranks_units(ctx *c, const parx_row *h) {
  parx_match match;
  for (size_t i = 0; i < h->ncells; i++)
    if (match_rule(c, RULE_COLUMN_UNIT, h->cells[i], strlen(h->cells[i]), 0, &match)) return 1;
  return 0;
}

/* A score table of fields numbered 1, 2, … (a row count, not codes) lists no
 * criteria, but its total row still states the index's result. */
static void total_rows(ctx *c, const parx_block *table, size_t first, const layout *lay) {
  if (lay->col[COL_SCORE] < 0 || ranks_units(c, &table->rows[0])) return;
  for (size_t i = first; i < table->nrows; i++)
    if (is_total_row(c, &table->rows[i])) total_row(c, &table->rows[i], lay);
}

static size_t parent_len(const char *code, size_t n) {
  while (n && code[n - 1] != '.')
    n--;
  return n ? n - 1 : 0;
}

/*
 * The task rows of one table that name their agency, linked newest first: a
 * row without an agency looks for its source among these only, so that a
 * table of many rows without agencies stays linear.
 */
typedef struct led_rows {
  size_t base;  /* the table's first task */
  size_t *prev; /* for task base + i: one more than the nearest task at or before it
                   that names its agency, 0 if none */
  size_t n, cap;
} led_rows;

/* Links the tasks before the newest one, whose agencies are settled. */
static int led_sync(ctx *c, led_rows *led) {
  for (size_t k = led->base + led->n; k + 1 < c->rec->ntasks; k++, led->n++) {
    if (led->n == led->cap) {
      size_t cap = led->cap ? led->cap * 2 : 64;
      size_t *p = realloc(led->prev, cap * sizeof *p);
      if (!p) return -1;
      led->prev = p;
      led->cap = cap;
    }
    led->prev[led->n] = c->rec->tasks[k].lead.n ? k + 1 : led->n ? led->prev[led->n - 1] : 0;
  }
  return 0;
}

/* The nearest earlier task row of the same group and parent that names its agency. */
static const parx_task *agency_source(ctx *c, led_rows *led, size_t first_task, const char *code,
                                      size_t n) {
  if (led_sync(c, led)) {
    c->failed = 1;
    return NULL;
  }
  size_t pn = parent_len(code, n);
  for (size_t k = led->n ? led->prev[led->n - 1] : 0; k && k - 1 >= first_task;
       k = k - 1 > led->base ? led->prev[k - 2 - led->base] : 0) {
    const parx_task *t = &c->rec->tasks[k - 1];
    const char *tc = t->criteria.n ? t->criteria.items[0] : "";
    if (parent_len(tc, strlen(tc)) == pn && !strncmp(tc, code, pn)) return t;
  }
  return NULL;
}

static void task_row(ctx *c, const parx_row *r, const layout *lay, const char *code, size_t n,
                     int criteria_table, size_t group_start, led_rows *led) {
  parx_match match;
  const char *text = task_cell(r, lay);
  size_t len = without_points(c, text, NULL);
  if (!len) return;
  parx_task *t = ADD_ITEM(c, c->rec, tasks);
  if (!t) return;
  t->text = copy_trimmed(text, len);
  t->loc = (parx_loc){r->line, r->page};
  const char *lead = cell(r, lay->col[COL_LEAD]);
  size_t lead_len = strlen(lead);
  /* one cell for both: "Chủ trì: Sở Nội vụ; phối hợp: các sở, ngành" */
  if (match_rule(c, RULE_COLUMN_SUPPORT_IN_LEAD, lead, lead_len, 0, &match)) {
    size_t from = match.end;
    lead_len = match.start;
    agencies_split(c, lead + from, strlen(lead) - from, &t->support);
  } else if (match_rule(c, RULE_COLUMN_LEAD_ROLE, lead, lead_len, 0, &match)) {
    /* "Sở Nội vụ (chủ trì); Sở Tư pháp, … (phối hợp)" */
    size_t from = match.end, to = lead_len;
    parx_match role;
    if (match_rule(c, RULE_COLUMN_SUPPORT_ROLE, lead, lead_len, from, &role)) to = role.start;
    lead_len = match.start;
    agencies_split(c, lead + from, to - from, &t->support);
  }
  if (match_rule(c, RULE_COLUMN_LEAD_LABEL, lead, lead_len, 0, &match)) {
    lead += match.end;
    lead_len -= match.end;
  }
  agencies_split(c, lead, lead_len, &t->lead);
  const char *support = cell(r, lay->col[COL_SUPPORT]);
  agencies_split(c, support, strlen(support), &t->support);
  const char *output = cell(r, lay->col[COL_OUTPUT]);
  t->output = *output ? copy_trimmed(output, strlen(output)) : NULL;
  const char *deadline = cell(r, lay->col[COL_DEADLINE]);
  t->deadline = *deadline ? deadline_from_cell(c, deadline) : deadline_from_text(c, t->text);
  if (criteria_table && n && parx_strings_add(&t->criteria, code, n)) c->failed = 1;
  if (!t->lead.n) {
    /* a merged agency cell: converters leave the lower cells empty */
    const parx_task *src = agency_source(c, led, group_start, code, criteria_table ? n : 0);
    if (src && src != t) {
      agencies_copy(&t->lead, &src->lead);
      if (!t->support.n && !*support) agencies_copy(&t->support, &src->support);
      if (!t->deadline && src->deadline) {
        t->deadline = calloc(1, sizeof *t->deadline);
        if (t->deadline) {
          *t->deadline = *src->deadline;
          t->deadline->text = strdup(src->deadline->text);
        }
      }
    } else {
      warn(c, "line %d: table row without agency", r->line);
    }
  }
}

static size_t roles_found(const layout *lay) {
  size_t n = 0;
  for (size_t i = 0; i < lay->ncols; i++)
    n += lay->roles[i] != COL_NONE;
  return n;
}

/*
 * Reads one table. A table without a header row of its own, with the columns
 * of the table before it, continues that table (a converter split it): it
 * takes `last`'s layout and all its rows are data.
 */
/* The index that the paragraphs just above table i name ("Chỉ số SIPAS năm
 * 2022 của tỉnh đạt …" above its table), else the PAR Index. */
static void table_index(ctx *c, size_t i, layout *lay) {
  char *index = NULL;
  for (size_t k = i, seen = 0; !index && k-- > 0 && seen < TITLE_BLOCKS; seen++) {
    const parx_block *b = &c->doc->blocks[k];
    if (b->kind != PARX_BLOCK_PARAGRAPH) break;
    index = index_named(c, b->text, strlen(b->text), NULL);
  }
  snprintf(lay->index, sizeof lay->index, "%s", index ? index : "PAR INDEX");
  free(index);
}

static void read_table(ctx *c, size_t i, layout *last) {
  const parx_block *table = &c->doc->blocks[i];
  if (!table->nrows) return;
  layout lay;
  size_t first = read_header(c, table, &lay);
  table_index(c, i, &lay);
  const char *code;
  int starts_with_code = row_code(c, &table->rows[0], &lay, &code) > 0;
  if ((roles_found(&lay) < 2 || starts_with_code) && last->ncols && last->ncols == lay.ncols) {
    lay = *last;
    first = 0;
  } else if (table->nrows < 2) {
    return;
  }
  if (first) lay.codes_in_names = codes_in_names(c, table, first, &lay);
  *last = lay;
  int criteria_table =
      (lay.col[COL_CODE] >= 0 || lay.codes_in_names) && has_dotted_codes(c, table, &lay);
  int task_table =
      lay.col[COL_LEAD] >= 0 && (lay.col[COL_TASK] >= 0 || lay.col[COL_CRITERION] >= 0);
  if (!criteria_table && !task_table) {
    total_rows(c, table, first, &lay);
    return;
  }
  unsigned char *sub = NULL;
  parx_block *rows = logical_rows(c, table, first, &lay, &sub);
  if (!rows) {
    free(sub);
    c->failed = 1;
    return;
  }
  size_t group_start = c->rec->ntasks;
  led_rows led = {.base = group_start};
  for (size_t i = 0; i < rows->nrows; i++) {
    const parx_row *r = &rows->rows[i];
    if (out_of_time(c, r->line)) break;
    if (is_total_row(c, r)) {
      total_row(c, r, &lay);
      continue;
    }
    const char *code;
    size_t n = row_code(c, r, &lay, &code);
    if (criteria_table && n && !sub[i]) criteria_row(c, r, &lay, code, n);
    if (!task_table) continue;
    int no_agency = !*cell(r, lay.col[COL_LEAD]);
    /* a row whose code heads the rows below it, or a section row, is a heading */
    int heads = heads_next(c, rows, i, &lay, code, n) || (i + 1 < rows->nrows && sub[i + 1]);
    if ((no_agency && heads) || (!n && *code && no_agency)) {
      if (!n) group_start = c->rec->ntasks;
      continue;
    }
    task_row(c, r, &lay, code, n, criteria_table, group_start, &led);
  }
  free(led.prev);
  parx_block_clear(rows);
  free(rows);
  free(sub);
}

void assemble_tables(ctx *c) {
  layout last = {0};
  for (size_t i = 0; i < c->doc->nblocks && !out_of_time(c, c->doc->blocks[i].line); i++)
    if (c->doc->blocks[i].kind == PARX_BLOCK_TABLE) read_table(c, i, &last);
}

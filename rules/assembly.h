/*
 * Internal to the rules stage: the state that assembly passes around.
 *
 * Ownership, for every function here: pointer arguments are borrowed for the
 * call, except record_deficit, which takes `reason` (freed if the item cannot
 * be added). A char * returned is malloc'd and the caller's; a parx_deadline
 * returned is the caller's (free its text, then it); the items that
 * record_result and criterion_note return belong to the record.
 */
#ifndef PARX_RULES_ASSEMBLY_H
#define PARX_RULES_ASSEMBLY_H

#include "rules.h"

typedef struct ctx {
  const parx_rules *rules;
  const parx_doc *doc;
  parx_rec *rec;
  parx_matcher *matcher; /* working memory for matching; matches are the callers' values */
  int doc_year;          /* document.year, 0 when unknown */
  char *own_place;       /* the province a news page is about (its headline names it), or NULL */
  int page_year;         /* the year its headline names, 0 when none */
  char *page_index;      /* the index its headline names, or NULL */
  unsigned char *taken;  /* per block: read as a cell of a results table, so no task or heading */
  int failed;            /* out of memory somewhere: the record is incomplete */
  size_t cut;            /* items left out past PARX_MAX_ITEMS */
  double deadline;       /* CLOCK_MONOTONIC seconds the assembly may last; 0: none */
  int late;              /* the deadline passed: the rest of the document is skipped */
} ctx;

/* A paragraph's outline marker. */
typedef enum marker_kind {
  MARK_NONE,
  MARK_ROMAN,  /* I. II. */
  MARK_NUMBER, /* 1. 1.2. 2.1.3. */
  MARK_LETTER, /* a) b. đ) */
  MARK_STAR,   /* * */
  MARK_DASH,   /* - */
  MARK_PLUS    /* + • */
} marker_kind;

/* --- the outline (outline.c) -------------------------------------------- */
typedef struct marker {
  marker_kind kind;
  size_t len; /* bytes of the marker and the space after it; 0 if none */
  int level;  /* outline depth: I. 1, 1. 2, 1.1. 3, a) 8, * 9, others 10 */
} marker;

/* The outline marker opening s (NUL-terminated). */
marker outline_marker(ctx *c, const char *s);
/* Longest heading: longer outline items are list items, not headings. */
enum { HEADING_MAX = 320 };
/* True when the n bytes at t, the words after a marker of that kind, are a
 * heading: an outline item (not a dash or plus bullet) that is short and holds
 * no sentence (no full stop inside it, none or ';' at its end). */
int is_heading(const char *t, size_t n, marker_kind kind);
/* True when byte i of the n at t ends a sentence: a full stop before a space
 * or the end. Inline: sentence ends are looked for byte by byte. */
static inline int full_stop_at(const char *t, size_t i, size_t n) {
  return t[i] == '.' && (i + 1 == n || t[i + 1] == ' ');
}

/* --- columns (columns.c) ------------------------------------------------ */
/* What a table's column holds, named by its header words; the same words
 * label the fields of a task written one field a line ("Cơ quan chủ trì: …"). */
typedef enum column_role {
  COL_NONE,
  COL_CODE,
  COL_TASK,
  COL_CRITERION,
  COL_MAX,
  COL_SCORE,
  COL_TARGET,
  COL_LEAD,
  COL_SUPPORT,
  COL_OUTPUT,
  COL_LOST,
  COL_REASON,
  COL_DEADLINE
} column_role;

/* The role that header words t name, COL_NONE if none; *year is set to the
 * year they name ("Điểm năm 2019"), else left alone. */
column_role column_role_of(ctx *c, const char *t, int *year);

/* --- small helpers (assembly_util.c) ----------------------------------- */
/* Whether the time budget is spent (said once, in a warning naming the line
 * where reading stopped): the passes over the document then stop. */
int out_of_time(ctx *c, int line);

/* Adds a zeroed item to a list of the record: NULL when the list already
 * holds PARX_MAX_ITEMS (the item is counted in c->cut, and the record says
 * so) or when out of memory (c->failed is set). */
void *add_item(ctx *c, void **items, size_t *n, size_t *cap, size_t size);
#define ADD_ITEM(c, arr, field)                                                                    \
  ((__typeof__((arr)->field))add_item(c, (void **)&(arr)->field, &(arr)->n##field,                 \
                                      &(arr)->field##_cap, sizeof *(arr)->field))
char *copy_trimmed(const char *s, size_t n);
/* Trims white space and the punctuation that ends a clause (, ; : .), and a
 * parenthesis left at its end that the clause does not pair. */
char *copy_clause(const char *s, size_t n);
int number_at(const char *s, size_t start, size_t end, double *out);
/* The catalogue's rule in s from `from`: 1 and *m filled, or 0 and *m untouched. */
int match_rule(ctx *c, parx_rule_id rule, const char *s, size_t len, size_t from, parx_match *m);
/* The same when that first match starts at `at` itself (tried there alone):
 * match_rule(…, at, m) && m->start == at. */
int match_rule_at(ctx *c, parx_rule_id rule, const char *s, size_t len, size_t at, parx_match *m);
/* The first place *at, at or after `from`, where match_rule(…, *at, m) matches. */
int match_rule_next(ctx *c, parx_rule_id rule, const char *s, size_t len, size_t from, size_t *at,
                    parx_match *m);
/* The same when the first match from 0 starts after s's leading spaces. */
int match_rule_opening(ctx *c, parx_rule_id rule, const char *s, size_t len, parx_match *m);
/* Whether the n bytes at t assign nothing (task.not_task, task.caption). */
int not_a_task(ctx *c, const char *t, size_t n);
int group(const parx_match *m, parx_group g, size_t *start, size_t *end);
int group_number(const parx_match *m, parx_group g, double *out);
/* The group's text, trimmed (malloc'd), or NULL. */
char *group_copy(const parx_match *m, parx_group g);
int starts_upper(const char *s);
void warn(ctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* --- parts of assembly -------------------------------------------------- */
void assemble_header(ctx *c);
void assemble_narrative(ctx *c);
void assemble_tables(ctx *c);
void assemble_prose_tasks(ctx *c);

/* agencies.c: names in a list, and the subject of a sentence */
void agencies_split(ctx *c, const char *s, size_t n, parx_strings *out);
/* End of the agency subject of sentence s (before its verb), 0 if none;
 * *start is where the subject starts (after "Giao", "Căn cứ …,"). */
size_t agencies_subject(ctx *c, const char *s, size_t n, size_t *start);
void agencies_support(ctx *c, const char *s, size_t n, parx_strings *out);
int agencies_copy(parx_strings *to, const parx_strings *from);

/* deadlines.c */
parx_deadline *deadline_from_cell(ctx *c, const char *s);
parx_deadline *deadline_from_text(ctx *c, const char *s);

/* results.c: index results of sentences and of tables that rank units */

/* The first index a text names, looked for when first needed: most texts give
 * no result that needs it. */
typedef struct lazy_index {
  const char *text;
  size_t len;
  int looked;
  char *name; /* malloc'd, or NULL */
} lazy_index;
/* Its name, looked for at the first call; owned by li. */
const char *lazy_index_name(ctx *c, lazy_index *li);

typedef struct result_scope {
  const char *index;      /* the section's index, or NULL */
  int year;               /* the year the section's results are for, or 0 */
  int para_year;          /* the year the paragraph opens with ("Năm 2021, …"), or 0 */
  int has_code;           /* the paragraph is about a criterion: its points are scores */
  lazy_index *code_index; /* with has_code, the index that criterion is ("(DDCI)") */
  parx_loc loc;
  const char *sentence; /* the sentence, set by results_in_sentence for its clauses */
  size_t sentence_len;
  lazy_index *sentence_index; /* the first index the sentence names */
} result_scope;
/* The name of the first index that the n bytes at s name (malloc'd; *at is
 * where, when at is not NULL), or NULL. */
char *index_named(ctx *c, const char *s, size_t n, size_t *at);
/* True when the unit (n bytes at u) is the document's own province: "Tỉnh Tây
 * Ninh" in Tây Ninh's news is no other unit; its city, "Thành phố …", is one. */
int unit_is_own(ctx *c, const char *u, size_t n);
/* The results of the n bytes at t, one sentence, clause by clause. */
void results_in_sentence(ctx *c, const result_scope *scope, const char *t, size_t n);
/* results_table.c: the page's headline (own province, index, year), then the
 * results tables, read before the narrative: their cells are marked in c->taken. */
void assemble_result_tables(ctx *c);

/* items.c: adding to the record, shared by narrative and tables */
typedef struct subject {
  const char *code, *title;
  size_t code_len, title_len;
} subject;
void record_score(ctx *c, const subject *s, double score, double max, int target, int year,
                  parx_loc loc);
void record_deficit(ctx *c, const subject *s, double lost, double score, double max, char *reason,
                    parx_loc loc);
/* The result of that index, year and unit (unit_len bytes at unit; NULL for the
 * document's own subject), added when new: statements about one are merged. */
parx_result *record_result(ctx *c, const char *index, int year, const char *unit, size_t unit_len,
                           parx_loc loc);
parx_criterion *criterion_note(ctx *c, const char *code, size_t code_len, const char *title,
                               size_t title_len, double max, parx_loc loc);
/* Gives a criterion without a maximum the one its first score with a maximum
 * states (the denominator of "đạt 1/2 điểm"), once every part has been read. */
void criteria_max_from_scores(ctx *c);

#endif

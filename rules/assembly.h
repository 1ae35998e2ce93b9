/* Internal to the rules stage: the state that assembly passes around. */
#ifndef PARX_RULES_ASSEMBLY_H
#define PARX_RULES_ASSEMBLY_H

#include "rules.h"

typedef struct ctx {
  const parx_rules *rules;
  const parx_doc *doc;
  parx_rec *rec;
  parx_matcher *matcher; /* working memory for matching; matches are the callers' values */
  int doc_year;          /* document.year, 0 when unknown */
  int failed;            /* out of memory somewhere: the record is incomplete */
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

/* Byte length of the marker (and the space after it) opening s; 0 if none. */
size_t text_marker(const char *s, marker_kind *kind);

/* --- small helpers (assembly_util.c) ----------------------------------- */
void *push_item(void **items, size_t *n, size_t *cap, size_t size);
#define PUSH(arr, field)                                                                           \
  ((__typeof__((arr)->field))push_item((void **)&(arr)->field, &(arr)->n##field,                   \
                                       &(arr)->field##_cap, sizeof *(arr)->field))
char *copy_trimmed(const char *s, size_t n);
/* Trims white space and the punctuation that ends a clause (, ; : .) */
char *copy_clause(const char *s, size_t n);
int number_at(const char *s, size_t start, size_t end, double *out);
/* The catalogue's rule in s from `from`: 1 and *m filled, or 0 and *m untouched. */
int match_rule(ctx *c, parx_rule_id rule, const char *s, size_t len, size_t from, parx_match *m);
int group(const parx_match *m, parx_group g, size_t *start, size_t *end);
int group_number(const parx_match *m, parx_group g, double *out);
/* The group's text, trimmed (malloc'd), or NULL. */
char *group_copy(const parx_match *m, parx_group g);
int starts_upper(const char *s);
/* True when the n bytes at s hold `word`. */
int holds(const char *s, size_t n, const char *word);
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

/* items.c: adding to the record, shared by narrative and tables */
typedef struct subject {
  const char *code, *title;
  size_t code_len, title_len;
} subject;
void record_score(ctx *c, const subject *s, double score, double max, int target, int year,
                  parx_loc loc);
void record_deficit(ctx *c, const subject *s, double lost, double score, double max, char *reason,
                    parx_loc loc);
/* The result of that index and year, added when new (statements about one are merged). */
parx_result *record_result(ctx *c, const char *index, int year, parx_loc loc);
parx_criterion *criterion_note(ctx *c, const char *code, size_t code_len, const char *title,
                               size_t title_len, double max, parx_loc loc);

#endif

/*
 * rules: PCRE2 rule files, and the assembly of their matches over a document
 * into a record. This header is the stage's whole interface.
 *
 * Rule files (the .rules files of rules/, syntax in README.md) are loaded once into a
 * parx_rules set, which is immutable afterwards and may be shared by
 * threads. Matching uses a parx_matcher per thread and fills parx_match
 * values that the caller owns.
 *
 * Ownership, for every function here: pointer arguments are borrowed for the
 * call, except that a parx_match filled by parx_rule_match points into its
 * rule and its subject, which must outlive the match's use. Objects returned
 * by _load, _new and parx_assemble are the caller's (the matching _free);
 * `const` pointers returned belong to the object they come from;
 * parx_strings_add copies its string.
 */
#ifndef PARX_RULES_H
#define PARX_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

#include "ingest/ingest.h"
#include "rules/catalog.h"

typedef struct parx_rules parx_rules;
typedef struct parx_rule parx_rule;

/* A list of strings, each malloc'd and owned by the list. */
typedef struct parx_strings {
  char **items;
  size_t n, cap;
} parx_strings;

/*
 * Loads every *.rules file of `dir` (in name order), then each extra file,
 * whose rules add to or replace those of the same name, and resolves the
 * catalogue (catalog.h). Errors, each naming the file and the line: a
 * malformed rule (with PCRE2's message), a rule of the catalogue without a
 * group the C reads from it; naming `dir`: a rule of the catalogue that no
 * file defines. A rule name outside the catalogue and the index family is
 * not an error but a warning (parx_rules_warnings). Paths are only read.
 */
parx_rules *parx_rules_load(const char *dir, const char *const *extra, size_t nextra,
                            parx_error *err);
void parx_rules_free(parx_rules *rules);

/* The rule of the catalogue with that id: never NULL in a loaded set. */
const parx_rule *parx_rules_get(const parx_rules *rules, parx_rule_id id);
/* The rule of that exact name, or NULL (for tests and diagnostics: the
 * stage itself reaches its rules by id). */
const parx_rule *parx_rules_find(const parx_rules *rules, const char *name);
/* How many rules the set holds, each name once (for tests and diagnostics). */
size_t parx_rules_count(const parx_rules *rules);
/* The i-th rule of the index family, in file order (NULL past the last); the
 * stage asks parx_rules_first_index, which scans a text once for them all. */
const parx_rule *parx_rules_index(const parx_rules *rules, size_t i);
/* What loading noted without failing; owned by the set. */
const parx_strings *parx_rules_warnings(const parx_rules *rules);
/* A rule's name, and for the index family the index it names ("PAR INDEX",
 * else NULL); both owned by the set. */
const char *parx_rule_name(const parx_rule *rule);
const char *parx_rule_index(const parx_rule *rule);

/*
 * Working memory for matching: PCRE2's match data and limits, and a count of
 * the matches that stopped at those limits. One per thread; what a match
 * found is copied out into the caller's parx_match, so the matcher holds no
 * result that a later match could overwrite under a reader.
 */
typedef struct parx_matcher parx_matcher;
parx_matcher *parx_matcher_new(void);
void parx_matcher_free(parx_matcher *mr);
/* Matches that failed for another reason than no match (a limit reached). */
size_t parx_matcher_stopped(const parx_matcher *mr);

/* Groups a match keeps: the whole match and 31 capture groups. */
enum { PARX_MATCH_SPANS = 32 };

/* One match, a value of the caller's: only the call that fills it writes it. */
typedef struct parx_match {
  const parx_rule *rule;
  const char *subject;
  size_t start, end;                 /* the whole match */
  size_t nspans;                     /* spans set by PCRE2, the whole match first */
  size_t spans[PARX_MATCH_SPANS][2]; /* byte spans, PCRE2_UNSET when a group took no part */
} parx_match;

/* Finds the rule's first match in s at or after `from`: 1 and *m filled when
 * found, 0 and *m untouched when not (or when `rule` is NULL). */
int parx_rule_match(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len, size_t from,
                    parx_match *m);
/* The rule's match starting at byte `at`, as parx_rule_match from `at` when
 * that match starts there (and 0 when it starts further on), but tried at
 * `at` alone instead of at every place after it. */
int parx_rule_match_at(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len,
                       size_t at, parx_match *m);
/* The first place *at, at or after `from`, where parx_rule_match(…, *at, m)
 * finds a match, with that match: for a rule that opens with \G (a match
 * where it is asked for), one search instead of a match tried at each place. */
int parx_rule_match_next(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len,
                         size_t from, size_t *at, parx_match *m);
/* 0 when no part of the len bytes at s, taken as a subject of its own (a
 * clause of a sentence), can hold a match of the rule: one scan of s tells
 * for all its parts; 1 when one may. */
int parx_rule_may_match_within(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len);
/* Span of a named group of a match; 0 when the rule has no such
 * group or it did not take part. */
int parx_match_group(const parx_match *m, parx_group group, size_t *start, size_t *end);
/* The same for any group of the pattern, by name (for tests and diagnostics:
 * the stage reads the catalogue's groups by id). */
int parx_match_group_named(const parx_match *m, const char *name, size_t *start, size_t *end);

/* The index rule whose match in s starts first (ties go to the earlier in
 * file order), with its match; NULL when none matches. One scan of s for
 * the whole family. */
const parx_rule *parx_rules_first_index(const parx_rules *rules, parx_matcher *mr, const char *s,
                                        size_t len, parx_match *m);
/* The same when that first match starts at s itself, else NULL: tried there alone. */
const parx_rule *parx_rules_index_at_start(const parx_rules *rules, parx_matcher *mr, const char *s,
                                           size_t len, parx_match *m);

/* --- the record --------------------------------------------------------- */

typedef struct parx_loc {
  int line, page;
} parx_loc;

/* Numbers are NAN when the document does not state them; years 0. */
typedef struct parx_result {
  char *index;
  int year;
  double score, max, percent;
  int rank, rank_of;
  parx_loc loc;
  char *unit;   /* the body assessed as the document names it; NULL for its own subject */
  char *rating; /* the rating word stated ("Tốt"), or NULL */
} parx_result;

typedef struct parx_criterion {
  char *code, *title;
  double max;
  parx_loc loc;
} parx_criterion;

typedef struct parx_score {
  char *code, *title;
  double score, max;
  int target; /* kind: 0 actual, 1 target */
  int year;
  parx_loc loc;
} parx_score;

typedef struct parx_deficit {
  char *code, *title;
  double lost, score, max;
  char *reason;
  parx_loc loc;
} parx_deficit;

typedef struct parx_deadline {
  char *text;
  char date[11];    /* "YYYY-MM-DD" or "" */
  const char *kind; /* "by", "during", "recurring", "none" */
} parx_deadline;

typedef struct parx_task {
  char *text;
  parx_strings lead, support, criteria;
  parx_deadline *deadline; /* NULL when none */
  char *output;
  parx_loc loc;
} parx_task;

typedef struct parx_document_info {
  char *title, *number, *issued, *place;
  int year;
} parx_document_info;

typedef struct parx_rec {
  parx_document_info document;
  parx_result *results;
  size_t nresults, results_cap;
  parx_criterion *criteria;
  size_t ncriteria, criteria_cap;
  parx_score *scores;
  size_t nscores, scores_cap;
  parx_deficit *deficits;
  size_t ndeficits, deficits_cap;
  parx_task *tasks;
  size_t ntasks, tasks_cap;
  parx_strings warnings;
} parx_rec;

/* Builds the record of a normalised document, within `max_seconds` (see
 * parx_options). NULL and err on failure. */
parx_rec *parx_assemble(const parx_rules *rules, const parx_doc *doc, double max_seconds,
                        parx_error *err);
void parx_rec_free(parx_rec *rec);

/* Adds a copy of s (n bytes) to a string list. 0 on success. */
int parx_strings_add(parx_strings *list, const char *s, size_t n);
void parx_strings_clear(parx_strings *list);

#endif

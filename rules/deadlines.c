/* Deadlines: a deadline cell, or the deadline stated in a task's wording. */
#include "assembly.h"
#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far after a cue ("trước ngày") its date may start, how far before a
 * time in parentheses a periodic word may stand, and how many candidate
 * times a task's wording is tried (a text full of dates stays linear). */
enum { CUE_REACH = 24, RECURRING_REACH = 48, MAX_CANDIDATES = 12 };

/* Where two kinds of wording start at one place, the lower rank is taken (the
 * words in the order deadline.time lists them, then a date, then the bare year). */
typedef enum rank { RANK_RECURRING, RANK_RELATIVE, RANK_BY, RANK_DATE, RANK_THIS_YEAR } rank;

typedef struct found {
  size_t at;        /* where the deadline's wording starts */
  const char *kind; /* "by", "during", "recurring" */
  parx_date date;
  int has_date;
  rank rank;
} found;

/* The year of dates that name none: the document's, or the next ("năm sau"). */
static int default_year(ctx *c, const char *s, size_t n) {
  parx_match match;
  return c->doc_year + (match_rule(c, RULE_DEADLINE_NEXT_YEAR, s, n, 0, &match) ? 1 : 0);
}

static int first_date(const char *s, size_t n, size_t from, int year, parx_date *d) {
  return parx_find_date(s, n, from, year, 1, d);
}

/* The first wording of deadline.time at or after `from` that names a time: a
 * periodic duty, a span from an event, a cue followed closely by a date, or
 * (with the document's year known) the year without its number. */
static int next_time_words(ctx *c, const char *s, size_t n, size_t from, int year, found *f) {
  parx_match match;
  size_t gs, ge;
  for (; match_rule(c, RULE_DEADLINE_TIME, s, n, from, &match); from = match.end) {
    size_t at = match.start;
    parx_date d;
    if (group(&match, GROUP_RECURRING, &gs, &ge)) {
      *f = (found){at, "recurring", {0}, 0, RANK_RECURRING};
      return 1;
    }
    if (group(&match, GROUP_RELATIVE, &gs, &ge)) {
      *f = (found){at, "by", {0}, 0, RANK_RELATIVE};
      return 1;
    }
    if (group(&match, GROUP_BY, &gs, &ge)) {
      /* from the cue's start: "trước ngày 15 tháng 11" is read as one date
       * with its "ngày", not as the month after the cue */
      if (first_date(s, n, at, year, &d) && d.start <= match.end + CUE_REACH) {
        *f = (found){at, "by", d, 1, RANK_BY};
        return 1;
      }
    } else if (c->doc_year && group(&match, GROUP_THIS_YEAR, &gs, &ge)) {
      parx_date whole = {PARX_DATE_YEAR, year, 12, 31, at, match.end};
      *f = (found){at, "during", whole, 1, RANK_THIS_YEAR};
      return 1;
    }
  }
  return 0;
}

/* Whether a periodic duty's words start at or after `from` and before `upto`
 * (*at is where). */
static int recurring_at(ctx *c, const char *s, size_t n, size_t from, size_t upto, size_t *at) {
  parx_match match;
  size_t gs, ge;
  for (; from < upto && match_rule(c, RULE_DEADLINE_TIME, s, n, from, &match); from = match.end)
    if (match.start < upto && group(&match, GROUP_RECURRING, &gs, &ge)) {
      *at = match.start;
      return 1;
    }
  return 0;
}

/* The two sources of candidates: the words of deadline.time, and dates. */
enum { SRC_WORDS, SRC_DATE, SOURCES };

/* Each source's next candidate, kept while it lies ahead: a text is scanned
 * once per source however many candidates are tried. */
typedef struct candidates {
  found next[SOURCES];
  int searched[SOURCES];
  int year;
} candidates;

static void find_next(ctx *c, const char *s, size_t n, size_t from, int k, candidates *cs) {
  found *f = &cs->next[k];
  *f = (found){0};
  parx_date d;
  if (k == SRC_WORDS)
    next_time_words(c, s, n, from, cs->year, f);
  else if (first_date(s, n, from, cs->year, &d))
    *f = (found){d.start, d.kind == PARX_DATE_DAY ? "by" : "during", d, 1, RANK_DATE};
}

/* The earliest thing at or after `from` that names a time. */
static int earliest(ctx *c, const char *s, size_t n, size_t from, candidates *cs, found *out) {
  const found *best = NULL;
  for (int k = 0; k < SOURCES; k++) {
    if (!cs->searched[k] || (cs->next[k].kind && cs->next[k].at < from)) {
      find_next(c, s, n, from, k, cs);
      cs->searched[k] = 1;
    }
    const found *f = &cs->next[k];
    if (f->kind && (!best || f->at < best->at || (f->at == best->at && f->rank < best->rank)))
      best = f;
  }
  if (!best) return 0;
  *out = *best;
  return 1;
}

static void candidates_init(ctx *c, const char *s, size_t n, candidates *cs) {
  memset(cs, 0, sizeof *cs);
  cs->year = default_year(c, s, n);
}

static parx_deadline *make(ctx *c, const char *text, size_t n, const found *f) {
  parx_deadline *d = calloc(1, sizeof *d);
  if (d) d->text = copy_clause(text, n);
  if (!d || !d->text) {
    free(d);
    if (n) c->failed = 1;
    return NULL;
  }
  d->kind = f ? f->kind : "none";
  if (f && f->has_date && strcmp(f->kind, "recurring"))
    snprintf(d->date, sizeof d->date, "%04d-%02d-%02d", f->date.year, f->date.month, f->date.day);
  return d;
}

/* True when the date's own words name its year ("15/12/2021", "năm 2021"). */
static int names_year(const char *s, const parx_date *d) {
  int digits = 0;
  for (size_t i = d->start; i < d->end; i++) {
    digits = s[i] >= '0' && s[i] <= '9' ? digits + 1 : 0;
    if (digits == 4) return 1;
  }
  return 0;
}

/* "Năm 2024 (hoàn thành trước ngày 15/11/2023)": a period followed by a
 * parenthesis that names a day is due that day, not during the period. */
static void dated_parenthesis(ctx *c, const char *s, size_t n, found *f) {
  if (!f->has_date || f->date.kind == PARX_DATE_DAY) return;
  size_t p = f->date.end;
  while (p < n && s[p] == ' ')
    p++;
  if (p >= n || s[p] != '(') return;
  const char *close = memchr(s + p, ')', n - p);
  size_t end = close ? (size_t)(close - s) : n;
  candidates cs;
  candidates_init(c, s, n, &cs);
  found g;
  if (earliest(c, s, end, p + 1, &cs, &g) && g.has_date && g.date.kind == PARX_DATE_DAY) *f = g;
}

parx_deadline *deadline_from_cell(ctx *c, const char *s) {
  size_t n = strlen(s), at_recurring;
  if (!n) return NULL;
  found f;
  candidates cs;
  candidates_init(c, s, n, &cs);
  int has = earliest(c, s, n, 0, &cs, &f);
  if (has) dated_parenthesis(c, s, n, &f);
  /* "Trước ngày 15/12 hằng năm": a day of each period, so a periodic duty */
  if (has && f.has_date && !names_year(s, &f.date) && recurring_at(c, s, n, 0, n, &at_recurring))
    f = (found){f.at, "recurring", {0}, 0, RANK_RECURRING};
  return make(c, s, n, has ? &f : NULL);
}

/* Where the sentence or clause holding byte `at` starts. */
static size_t clause_start(const char *s, size_t at) {
  while (at > 0 && !(s[at - 1] == ' ' && at >= 2 && strchr(".:;(", s[at - 2])) && s[at - 1] != '(')
    at--;
  return at;
}

/* Extent of the deadline's own wording: to the closing parenthesis or the
 * clause's end (a full stop, or the "./." that ends a document). */
static size_t wording_end(const char *s, size_t n, size_t from, int in_parens) {
  for (size_t i = from; i < n; i++)
    if ((in_parens && s[i] == ')') ||
        (!in_parens && (s[i] == ',' || s[i] == ';' ||
                        (s[i] == '.' && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '/')))))
      return i;
  return n;
}

parx_deadline *deadline_from_text(ctx *c, const char *s) {
  parx_match match;
  size_t n = strlen(s);
  found f;
  candidates cs;
  candidates_init(c, s, n, &cs);
  size_t from = 0;
  for (int tries = 0; from < n && tries < MAX_CANDIDATES; tries++) {
    /* candidates: a time in parentheses, a clause that opens with one, or a cue */
    if (!earliest(c, s, n, from, &cs, &f)) return NULL;
    size_t at = f.at;
    size_t start = clause_start(s, at);
    int in_parens = start > 0 && s[start - 1] == '(';
    int opens_clause =
        start == at || in_parens ||
        (match_rule_at(c, RULE_DEADLINE_OPENER, s, at, start, &match) && match.end == at);
    int strong_cue = 0; /* "chậm nhất", "hoàn thành trong" shortly before the time */
    for (size_t k = start;
         !strong_cue && match_rule(c, RULE_DEADLINE_STRONG_CUE, s, n, k, &match) &&
         match.start <= at;
         k = match.end)
      strong_cue = at <= match.end + CUE_REACH;
    if ((opens_clause || strong_cue) &&
        !(match_rule(c, RULE_DEADLINE_PAST, s, n, start, &match) && match.start < at)) {
      /* "định kỳ 6 tháng (trước ngày 01/6)": a periodic duty naming its days */
      size_t look = start > RECURRING_REACH ? start - RECURRING_REACH : 0;
      size_t at_recurring;
      if (in_parens && recurring_at(c, s, n, look, start, &at_recurring)) {
        found r = {at_recurring, "recurring", {0}, 0, RANK_RECURRING};
        return make(c, s + r.at, wording_end(s, n, at, 0) - r.at, &r);
      }
      dated_parenthesis(c, s, n, &f);
      return make(c, s + at, wording_end(s, n, at, in_parens) - at, &f);
    }
    /* on to the next candidate, at a character boundary */
    from = at + 1;
    while (from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
      from++;
  }
  return NULL;
}

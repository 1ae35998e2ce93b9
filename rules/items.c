/* Adding items to the record: criteria, scores, deficits, results. */
#include "assembly.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

parx_criterion *criterion_note(ctx *c, const char *code, size_t code_len, const char *title,
                               size_t title_len, double max, parx_loc loc) {
  while (code_len && code[code_len - 1] == '.')
    code_len--;
  if (!code_len) return NULL;
  parx_rec *rec = c->rec;
  for (size_t i = 0; i < rec->ncriteria; i++) {
    parx_criterion *k = &rec->criteria[i];
    if (strncmp(k->code, code, code_len) || k->code[code_len]) continue; /* most differ at once */
    /* the first maximum stated anywhere, and a title where the first place had none */
    if (isnan(k->max) && !isnan(max)) k->max = max;
    if (!k->title && title && title_len) k->title = copy_clause(title, title_len);
    return k;
  }
  parx_criterion *k = ADD_ITEM(c, rec, criteria);
  if (!k) return NULL;
  k->code = strndup(code, code_len);
  k->title = title && title_len ? copy_clause(title, title_len) : NULL;
  k->max = max;
  k->loc = loc;
  if (!k->code) c->failed = 1;
  return k;
}

/* Two statements about one unit name it with the same words, the first
 * capitalised where it opens a clause ("Huyện Đông Sơn", "huyện Đông Sơn");
 * two units are never merged. */
static int same_unit(const char *a, const char *b) {
  if (!a || !b) return !a && !b;
  return tolower((unsigned char)*a) == tolower((unsigned char)*b) && *a && !strcmp(a + 1, b + 1);
}

parx_result *record_result(ctx *c, const char *index, int year, const char *unit, size_t unit_len,
                           parx_loc loc) {
  char *name = unit && unit_len ? copy_clause(unit, unit_len) : NULL;
  if (unit && unit_len && !name) {
    c->failed = 1;
    return NULL;
  }
  for (size_t i = 0; i < c->rec->nresults; i++) {
    parx_result *r = &c->rec->results[i];
    if (!strcmp(r->index, index) && r->year == year && same_unit(r->unit, name)) {
      free(name);
      return r;
    }
  }
  parx_result *r = ADD_ITEM(c, c->rec, results);
  if (!r) {
    free(name);
    return NULL;
  }
  if (!(r->index = strdup(index))) {
    c->rec->nresults--; /* no result without its index */
    free(name);
    c->failed = 1;
    return NULL;
  }
  r->year = year;
  r->unit = name;
  r->score = r->max = r->percent = NAN;
  r->loc = loc;
  return r;
}

void record_score(ctx *c, const subject *s, double score, double max, int target, int year,
                  parx_loc loc) {
  parx_score *sc = ADD_ITEM(c, c->rec, scores);
  if (!sc) return;
  sc->code = s->code ? strndup(s->code, s->code_len) : NULL;
  sc->title = s->title_len ? copy_clause(s->title, s->title_len) : NULL;
  sc->score = score;
  sc->max = max;
  sc->target = target;
  sc->year = year;
  sc->loc = loc;
  if (score > max + 1e-9) warn(c, "line %d: score %g exceeds its max %g", loc.line, score, max);
}

void record_deficit(ctx *c, const subject *s, double lost, double score, double max, char *reason,
                    parx_loc loc) {
  parx_deficit *d = ADD_ITEM(c, c->rec, deficits);
  if (!d) {
    free(reason);
    return;
  }
  d->code = s->code ? strndup(s->code, s->code_len) : NULL;
  d->title = s->title_len ? copy_clause(s->title, s->title_len) : NULL;
  d->lost = lost;
  d->score = score;
  d->max = max;
  d->reason = reason;
  d->loc = loc;
}

/* Scores by code, then by where they are stated (the first first). */
static int by_code_then_place(const void *a, const void *b) {
  const parx_score *x = *(const parx_score *const *)a, *y = *(const parx_score *const *)b;
  int d = strcmp(x->code, y->code);
  if (d) return d;
  if (x->loc.line != y->loc.line) return x->loc.line < y->loc.line ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* The first score of `code` that states a maximum, in scores sorted as above; NULL if none. */
static const parx_score *first_with_max(const parx_score *const *sorted, size_t n,
                                        const char *code) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(sorted[mid]->code, code) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < n && !strcmp(sorted[lo]->code, code); lo++)
    if (!isnan(sorted[lo]->max)) return sorted[lo];
  return NULL;
}

void criteria_max_from_scores(ctx *c) {
  parx_rec *rec = c->rec;
  const parx_score **sorted = malloc((rec->nscores ? rec->nscores : 1) * sizeof *sorted);
  if (!sorted) {
    c->failed = 1;
    return;
  }
  size_t n = 0;
  for (size_t i = 0; i < rec->nscores; i++)
    if (rec->scores[i].code) sorted[n++] = &rec->scores[i];
  qsort(sorted, n, sizeof *sorted, by_code_then_place);
  for (size_t i = 0; i < rec->ncriteria; i++) {
    parx_criterion *k = &rec->criteria[i];
    const parx_score *sc = isnan(k->max) ? first_with_max(sorted, n, k->code) : NULL;
    if (sc) k->max = sc->max;
  }
  free(sorted);
}

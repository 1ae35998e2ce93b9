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

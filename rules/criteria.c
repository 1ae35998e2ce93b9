/* Criteria: one item per distinct code, at the first place it appears. */
#include "assembly.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

parx_criterion *criterion_note(ctx *c, const char *code, size_t code_len, const char *title,
                               size_t title_len, double max, parx_loc loc) {
  while (code_len && code[code_len - 1] == '.')
    code_len--;
  if (!code_len)
    return NULL;
  parx_rec *rec = c->rec;
  for (size_t i = 0; i < rec->ncriteria; i++) {
    parx_criterion *k = &rec->criteria[i];
    if (strlen(k->code) != code_len || memcmp(k->code, code, code_len))
      continue;
    /* the first maximum stated anywhere, and a title where the first place had none */
    if (isnan(k->max) && !isnan(max))
      k->max = max;
    if (!k->title && title && title_len)
      k->title = copy_clause(title, title_len);
    return k;
  }
  parx_criterion *k = PUSH(rec, criteria);
  if (!k) {
    c->failed = 1;
    return NULL;
  }
  k->code = strndup(code, code_len);
  k->title = title && title_len ? copy_clause(title, title_len) : NULL;
  k->max = max;
  k->loc = loc;
  if (!k->code)
    c->failed = 1;
  return k;
}

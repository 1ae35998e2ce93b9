/* Sums that must add up: a parent's stated score and its children's (per
 * kind and year), the headline total and the fields, a deduction and
 * max - score. */
#include "findings_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The field a score without a code is about, when the coded scores that
 * follow it (up to the next one without a code) all belong to one field:
 * "a) Công tác chỉ đạo, điều hành CCHC đạt 6,69/8 điểm" over "Tiêu chí 1.1
 * …", "Tiêu chí 1.2 …". Returns 0 when there is no such field. */
static long inferred_field(json_t *scores, size_t i) {
  long field = 0;
  for (size_t j = i + 1; j < json_array_size(scores); j++) {
    const char *code = item_string(json_array_get(scores, j), "code");
    if (!code) break;
    long k = strtol(code, NULL, 10);
    if (field && k != field) return 0;
    field = k;
  }
  return field;
}

/* The group of a score: "actual:2021", "target:null". */
static void group_of(json_t *item, char *out, size_t size) {
  json_t *year = json_object_get(item, "year");
  const char *kind = item_string(item, "kind");
  if (json_is_integer(year))
    snprintf(out, size, "%s:%lld", kind ? kind : "actual", (long long)json_integer_value(year));
  else
    snprintf(out, size, "%s:null", kind ? kind : "actual");
}

/* groups: {GROUP: {CODE: score item}}, the first statement of each code;
 * a score without a code takes its inferred field, else "?I" (I its index)
 * so that it still counts once as a field of the total. */
static json_t *group_scores(json_t *record) {
  json_t *groups = json_object(), *scores = json_object_get(record, "scores"), *item;
  size_t i;
  json_array_foreach(scores, i, item) {
    char group[64], code[32];
    group_of(item, group, sizeof group);
    const char *c = item_string(item, "code");
    if (!c) {
      long field = inferred_field(scores, i);
      if (field)
        snprintf(code, sizeof code, "%ld", field);
      else
        snprintf(code, sizeof code, "?%zu", i);
      c = code;
    }
    json_t *g = json_object_get(groups, group);
    if (!g) json_object_set_new(groups, group, g = json_object());
    if (!json_object_get(g, c)) json_object_set(g, c, item);
  }
  return groups;
}

static void check_children_sum(findings *f, const char *group, json_t *scored) {
  for (size_t i = 0; i < f->cat->n; i++) {
    const check_criterion *p = &f->cat->items[i];
    json_t *parent = json_object_get(scored, p->code);
    if (!parent) continue;
    double sum = 0;
    size_t children = 0, stated = 0;
    json_t *codes = json_pack("[s]", p->code);
    for (size_t k = 0; k < f->cat->n; k++) {
      const check_criterion *c = &f->cat->items[k];
      if (!c->parent || strcmp(c->parent, p->code)) continue;
      children++;
      json_t *child = json_object_get(scored, c->code);
      if (!child) continue;
      stated++;
      sum += item_number(child, "score");
      json_array_append_new(codes, json_string(c->code));
    }
    double score = item_number(parent, "score");
    /* a parent whose children are not all scored cannot be summed */
    if (children && stated == children && fabs(score - sum) > CHECK_SUM_TOLERANCE)
      findings_add(f, CHECK_SUM_MISMATCH, "children", codes, score, sum, parent,
                   "%s (%s): %g stated, its children's scores sum to %g", p->code, group, score,
                   sum);
    else
      json_decref(codes);
  }
}

/* The document's own headline total against the sum of its fields' scores
 * (top-level codes and the fields named by words) of that year. */
static void check_total(findings *f, json_t *record, json_t *groups) {
  size_t i;
  json_t *result;
  json_array_foreach(json_object_get(record, "results"), i, result) {
    const char *index = item_string(result, "index");
    json_t *year = json_object_get(result, "year");
    double total = item_number(result, "score");
    json_t *unit = json_object_get(result, "unit"); /* another unit's total: not ours */
    if (!index || strcmp(index, "PAR INDEX") || (unit && !json_is_null(unit)) || isnan(total) ||
        !json_is_integer(year))
      continue;
    char group[64];
    snprintf(group, sizeof group, "actual:%lld", (long long)json_integer_value(year));
    const char *code;
    json_t *item;
    double sum = 0;
    size_t fields = 0;
    json_t *fields_of = json_object_get(groups, group);
    if (!fields_of) /* scores that state no year are the headline's year's */
      fields_of = json_object_get(groups, "actual:null");
    json_object_foreach(fields_of, code, item) {
      if (strchr(code, '.')) continue;
      sum += item_number(item, "score");
      fields++;
    }
    if (fields >= 2 && fabs(total - sum) > CHECK_SUM_TOLERANCE)
      findings_add(f, CHECK_SUM_MISMATCH, "total", NULL, total, sum, result,
                   "the %lld total %g is not the sum of its %zu fields' scores, %g",
                   (long long)json_integer_value(year), total, fields, sum);
  }
}

static void check_deductions(findings *f, json_t *record) {
  size_t i;
  json_t *item;
  json_array_foreach(json_object_get(record, "deficits"), i, item) {
    double lost = item_number(item, "lost"), score = item_number(item, "score");
    double max = item_number(item, "max");
    if (isnan(lost) || isnan(score) || isnan(max)) continue;
    const char *code = item_string(item, "code");
    if (fabs(lost - (max - score)) > CHECK_SUM_TOLERANCE)
      findings_add(f, CHECK_SUM_MISMATCH, "deduction", code ? json_pack("[s]", code) : NULL, lost,
                   max - score, item, "%s: %g points lost stated, but %g - %g is %g",
                   code ? code : "a deficit", lost, max, score, max - score);
  }
}

void check_sums(findings *f, json_t *record) {
  json_t *groups = group_scores(record);
  if (!groups) {
    f->failed = 1;
    return;
  }
  const char *group;
  json_t *scored;
  json_object_foreach(groups, group, scored) {
    check_children_sum(f, group, scored);
  }
  check_total(f, record, groups);
  check_deductions(f, record);
  json_decref(groups);
}

/* A record held against a catalog: criteria missing or unknown, scores over
 * their maximum, maxima that differ, percents that do not follow. */
#include "findings_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[CHECK_KINDS] = {
    "missing", "unknown", "over", "max mismatch", "sum mismatch", "percent mismatch"};

const char *check_kind_name(check_kind kind) {
  return kind < CHECK_KINDS ? kind_names[kind] : "?";
}

double item_number(json_t *item, const char *key) {
  json_t *v = json_object_get(item, key);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

const char *item_string(json_t *item, const char *key) {
  return json_string_value(json_object_get(item, key));
}

static json_t *number_or_null(double v) {
  return isnan(v) ? json_null() : check_number(v, 0);
}

void findings_add(findings *f, check_kind kind, const char *about, json_t *codes, double value,
                  double expected, json_t *item, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  json_t *loc = json_object_get(item, "loc");
  json_t *finding =
      json_pack("{s:s, s:s?, s:o, s:o, s:o, s:s, s:O}", "kind", kind_names[kind], "about", about,
                "codes", codes ? codes : json_array(), "value", number_or_null(value), "expected",
                number_or_null(expected), "message", msg, "loc", loc ? loc : json_null());
  if (!finding || json_array_append_new(f->by_kind[kind], finding)) f->failed = 1;
}

static json_t *codes_of(const char *code) {
  return json_pack("[s]", code);
}

/* Every code the record names: criteria, scores, deficits, tasks. */
static json_t *mentioned_codes(json_t *record) {
  json_t *set = json_object();
  static const char *const parts[] = {"criteria", "scores", "deficits"};
  size_t i, k;
  json_t *item, *code;
  for (size_t p = 0; p < 3; p++)
    json_array_foreach(json_object_get(record, parts[p]), i, item) {
      const char *c = item_string(item, "code");
      if (c) json_object_set_new(set, c, json_true());
    }
  json_array_foreach(json_object_get(record, "tasks"), i, item) {
    json_array_foreach(json_object_get(item, "criteria"), k, code) {
      if (json_is_string(code)) json_object_set_new(set, json_string_value(code), json_true());
    }
  }
  return set;
}

/* A criterion is present when it or any of its descendants is named. */
static int present(const char *code, json_t *mentioned) {
  if (json_object_get(mentioned, code)) return 1;
  size_t n = strlen(code);
  const char *key;
  json_t *v;
  json_object_foreach(mentioned, key, v) {
    if (!strncmp(key, code, n) && key[n] == '.') return 1;
  }
  return 0;
}

/* Missing: only the highest criterion absent, so that a field left out is
 * one finding rather than one per descendant. */
static void check_missing(findings *f, json_t *mentioned) {
  for (size_t i = 0; i < f->cat->n; i++) {
    const check_criterion *c = &f->cat->items[i];
    if (present(c->code, mentioned) || (c->parent && !present(c->parent, mentioned))) continue;
    findings_add(f, CHECK_MISSING, NULL, codes_of(c->code), NAN, c->max < 0 ? NAN : c->max, NULL,
                 "%s %s is neither scored nor mentioned", c->code, c->title ? c->title : "");
  }
}

static void check_unknown(findings *f, json_t *record) {
  size_t i;
  json_t *item;
  json_array_foreach(json_object_get(record, "criteria"), i, item) {
    const char *code = item_string(item, "code");
    if (code && check_catalog_find(f->cat, code) < 0)
      findings_add(f, CHECK_UNKNOWN, NULL, codes_of(code), NAN, NAN, item,
                   "%s is not a criterion of %s", code,
                   f->cat->name ? f->cat->name : "the catalog");
  }
}

/* The catalog's maximum of `code`, or NAN. */
static double catalog_max(const check_catalog *cat, const char *code) {
  long i = code ? check_catalog_find(cat, code) : -1;
  return i >= 0 && cat->items[i].max >= 0 ? cat->items[i].max : NAN;
}

static void check_over(findings *f, json_t *record) {
  size_t i;
  json_t *item;
  json_array_foreach(json_object_get(record, "scores"), i, item) {
    const char *code = item_string(item, "code");
    double score = item_number(item, "score"), max = catalog_max(f->cat, code);
    if (isnan(max)) max = item_number(item, "max");
    if (score < 0)
      findings_add(f, CHECK_OVER, "negative", code ? codes_of(code) : NULL, score, 0, item,
                   "%s: score %g is negative", code ? code : "a score", score);
    else if (score > max + 1e-9)
      findings_add(f, CHECK_OVER, "max", code ? codes_of(code) : NULL, score, max, item,
                   "%s: score %g is above its maximum %g", code ? code : "a score", score, max);
  }
}

/* Each distinct maximum the document states for a code, once. */
static void check_maxima(findings *f, json_t *record) {
  static const char *const parts[] = {"criteria", "scores", "deficits"};
  json_t *seen = json_object();
  size_t i;
  json_t *item;
  for (size_t p = 0; p < 3; p++)
    json_array_foreach(json_object_get(record, parts[p]), i, item) {
      const char *code = item_string(item, "code");
      double stated = item_number(item, "max"), max = catalog_max(f->cat, code);
      if (isnan(stated) || isnan(max) || fabs(stated - max) < 1e-9) continue;
      char key[96];
      snprintf(key, sizeof key, "%s=%g", code, stated);
      if (json_object_get(seen, key)) continue;
      json_object_set_new(seen, key, json_true());
      findings_add(f, CHECK_MAX_MISMATCH, NULL, codes_of(code), stated, max, item,
                   "%s: the document's maximum %g, the catalog's %g", code, stated, max);
    }
  json_decref(seen);
}

static void check_percents(findings *f, json_t *record) {
  size_t i;
  json_t *item;
  json_array_foreach(json_object_get(record, "results"), i, item) {
    double score = item_number(item, "score"), max = item_number(item, "max");
    double percent = item_number(item, "percent");
    if (isnan(score) || isnan(percent) || !(max > 0)) continue;
    double expected = 100 * score / max;
    if (fabs(percent - expected) > CHECK_PERCENT_TOLERANCE)
      findings_add(f, CHECK_PERCENT_MISMATCH, NULL, NULL, percent, expected, item,
                   "%s: %g%% stated, but %g/%g is %.2f%%", item_string(item, "index"), percent,
                   score, max, expected);
  }
}

json_t *check_record(const check_catalog *cat, json_t *record) {
  findings f = {.cat = cat};
  for (int k = 0; k < CHECK_KINDS; k++)
    if (!(f.by_kind[k] = json_array())) f.failed = 1;
  json_t *mentioned = mentioned_codes(record);
  if (!mentioned) f.failed = 1;
  if (!f.failed) {
    check_missing(&f, mentioned);
    check_unknown(&f, record);
    check_over(&f, record);
    check_maxima(&f, record);
    check_sums(&f, record);
    check_percents(&f, record);
  }
  json_decref(mentioned);
  json_t *counts = json_object(), *all = json_array();
  for (int k = 0; k < CHECK_KINDS; k++) {
    json_object_set_new(counts, kind_names[k],
                        json_integer((json_int_t)json_array_size(f.by_kind[k])));
    json_array_extend(all, f.by_kind[k]);
    json_decref(f.by_kind[k]);
  }
  json_t *path = json_object_get(json_object_get(record, "source"), "path");
  /* the record's own warnings say what could not be read ("no text layer"),
   * which is often why criteria are missing */
  json_t *warnings = json_object_get(record, "warnings");
  json_t *report = json_pack(
      "{s:o, s:o, s:o, s:o, s:o}", "path", path ? json_copy(path) : json_null(), "catalog",
      cat->name ? json_string(cat->name) : json_null(), "counts", counts, "findings", all,
      "warnings", json_is_array(warnings) ? json_copy(warnings) : json_array());
  if (f.failed) {
    json_decref(report);
    return NULL;
  }
  return report;
}

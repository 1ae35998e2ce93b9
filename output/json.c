/* The record contract parx.record/1 as JSON, built with jansson. */
#include "output.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_t *str_or_null(const char *s) {
  return s && *s ? json_string(s) : json_null();
}

static json_t *num_or_null(double v) {
  if (isnan(v)) return json_null();
  /* integers stay integers: 1 not 1.0 */
  if (v == floor(v) && fabs(v) < 1e15) return json_integer((json_int_t)v);
  return json_real(v);
}

static json_t *int_or_null(int v) {
  return v ? json_integer(v) : json_null();
}

static json_t *loc(parx_loc l) {
  return json_pack("{s:i,s:o}", "line", l.line, "page", int_or_null(l.page));
}

static json_t *strings(const parx_strings *list) {
  json_t *a = json_array();
  for (size_t i = 0; i < list->n; i++)
    json_array_append_new(a, json_string(list->items[i]));
  return a;
}

static json_t *source_json(const parx_source *s) {
  return json_pack("{s:s,s:s,s:I,s:s,s:o}", "path", s->path, "format", s->format, "bytes",
                   (json_int_t)s->bytes, "sha256", s->sha256, "pages", int_or_null(s->pages));
}

static json_t *document_json(const parx_document_info *d) {
  return json_pack("{s:o,s:o,s:o,s:o,s:o}", "title", str_or_null(d->title), "number",
                   str_or_null(d->number), "issued", str_or_null(d->issued), "place",
                   str_or_null(d->place), "year", int_or_null(d->year));
}

static json_t *results_json(const parx_rec *r) {
  json_t *a = json_array();
  for (size_t i = 0; i < r->nresults; i++) {
    const parx_result *x = &r->results[i];
    json_array_append_new(a, json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "index", x->index,
                                       "year", int_or_null(x->year), "score", num_or_null(x->score),
                                       "max", num_or_null(x->max), "percent",
                                       num_or_null(x->percent), "rank", int_or_null(x->rank),
                                       "rank_of", int_or_null(x->rank_of), "loc", loc(x->loc)));
  }
  return a;
}

static json_t *criteria_json(const parx_rec *r) {
  json_t *a = json_array();
  for (size_t i = 0; i < r->ncriteria; i++) {
    const parx_criterion *x = &r->criteria[i];
    json_array_append_new(a, json_pack("{s:s,s:o,s:o,s:o}", "code", x->code, "title",
                                       str_or_null(x->title), "max", num_or_null(x->max), "loc",
                                       loc(x->loc)));
  }
  return a;
}

static json_t *scores_json(const parx_rec *r) {
  json_t *a = json_array();
  for (size_t i = 0; i < r->nscores; i++) {
    const parx_score *x = &r->scores[i];
    json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o,s:s,s:o,s:o}", "code",
                                       str_or_null(x->code), "title", str_or_null(x->title),
                                       "score", num_or_null(x->score), "max", num_or_null(x->max),
                                       "kind", x->target ? "target" : "actual", "year",
                                       int_or_null(x->year), "loc", loc(x->loc)));
  }
  return a;
}

static json_t *deficits_json(const parx_rec *r) {
  json_t *a = json_array();
  for (size_t i = 0; i < r->ndeficits; i++) {
    const parx_deficit *x = &r->deficits[i];
    json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "code",
                                       str_or_null(x->code), "title", str_or_null(x->title), "lost",
                                       num_or_null(round(x->lost * 1e6) / 1e6), "score",
                                       num_or_null(x->score), "max", num_or_null(x->max), "reason",
                                       str_or_null(x->reason), "loc", loc(x->loc)));
  }
  return a;
}

static json_t *deadline_json(const parx_deadline *d) {
  if (!d) return json_null();
  return json_pack("{s:s,s:o,s:s}", "text", d->text, "date", str_or_null(d->date), "kind", d->kind);
}

static json_t *tasks_json(const parx_rec *r) {
  json_t *a = json_array();
  for (size_t i = 0; i < r->ntasks; i++) {
    const parx_task *x = &r->tasks[i];
    json_array_append_new(a,
                          json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "text", x->text, "lead",
                                    strings(&x->lead), "support", strings(&x->support), "deadline",
                                    deadline_json(x->deadline), "output", str_or_null(x->output),
                                    "criteria", strings(&x->criteria), "loc", loc(x->loc)));
  }
  return a;
}

char *parx_output_json(const parx_rec *rec, const parx_source *source, int pretty) {
  json_t *root = json_object();
  json_object_set_new(root, "schema", json_string("parx.record/1"));
  json_object_set_new(root, "source", source_json(source));
  json_object_set_new(root, "document", document_json(&rec->document));
  json_object_set_new(root, "results", results_json(rec));
  json_object_set_new(root, "criteria", criteria_json(rec));
  json_object_set_new(root, "scores", scores_json(rec));
  json_object_set_new(root, "deficits", deficits_json(rec));
  json_object_set_new(root, "tasks", tasks_json(rec));
  json_object_set_new(root, "warnings", strings(&rec->warnings));
  size_t flags =
      JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10) | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
  char *out = json_dumps(root, flags);
  json_decref(root);
  return out;
}

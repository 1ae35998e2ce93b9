/* Several documents side by side: the fields of each (the years of one
 * province, or several provinces of one year), and the criteria that lose
 * points most often across them. */
#include "sections.h"

#include <stdlib.h>
#include <string.h>

enum { LABEL_LEN = 200, MOST_LOST_SHOWN = 15 };

typedef struct label_set {
  char (*items)[LABEL_LEN];
  size_t n, cap;
} label_set;

/* Labels kept at most: fields and criteria of an index are a few hundred;
 * the bound keeps the linear search linear in the records' size. */
enum { MAX_LABELS = 500 };

/* The index of `label` in the set, added when absent; -1 when out of memory
 * or full. */
static long label_index(label_set *s, const char *label) {
  for (size_t i = 0; i < s->n; i++)
    if (!strcmp(s->items[i], label)) return (long)i;
  if (s->n == MAX_LABELS) return -1;
  if (s->n == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 32;
    void *p = realloc(s->items, cap * sizeof *s->items);
    if (!p) return -1;
    s->items = p;
    s->cap = cap;
  }
  snprintf(s->items[s->n], LABEL_LEN, "%s", label);
  return (long)s->n++;
}

/* The first actual score of field `label` in `record`, or NULL. */
static const json_t *field_score(const json_t *record, const char *label) {
  size_t i;
  json_t *s;
  json_array_foreach(json_object_get(record, "scores"), i, s) {
    const char *kind = member_text(s, "kind");
    char l[LABEL_LEN];
    item_label(l, sizeof l, s);
    if (is_field_score(s) && kind && !strcmp(kind, "actual") && !strcmp(l, label)) return s;
  }
  return NULL;
}

static void fields_side_by_side(parx_buf *b, json_t *const *records, size_t n) {
  label_set fields = {0};
  for (size_t r = 0; r < n; r++) {
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(records[r], "scores"), i, s) {
      char l[LABEL_LEN];
      item_label(l, sizeof l, s);
      if (is_field_score(s) && label_index(&fields, l) < 0) break;
    }
  }
  html_raw(b, "<h3>Điểm theo lĩnh vực</h3>");
  if (!fields.n) {
    html_raw(b, "<p class=\"empty\">Không văn bản nào nêu điểm theo lĩnh vực.</p>");
    free(fields.items);
    return;
  }
  html_raw(b, "<div class=\"scroll\"><table class=\"compare\"><thead><tr><th>Lĩnh vực</th>");
  for (size_t r = 0; r < n; r++) {
    char name[LABEL_LEN];
    record_name(name, sizeof name, records[r]);
    html_printf(b, "<th><a href=\"#doc-%zu\">", r + 1);
    html_text(b, name);
    html_raw(b, "</a></th>");
  }
  html_raw(b, "</tr></thead><tbody>");
  for (size_t f = 0; f < fields.n; f++) {
    html_raw(b, "<tr><th>");
    html_text(b, fields.items[f]);
    html_raw(b, "</th>");
    for (size_t r = 0; r < n; r++) {
      const json_t *s = field_score(records[r], fields.items[f]);
      html_raw(b, "<td class=\"num\">");
      if (s) {
        html_fraction(b, s, "score", "max");
        html_raw(b, " ");
        html_loc(b, s);
      } else {
        html_raw(b, "—");
      }
      html_raw(b, "</td>");
    }
    html_raw(b, "</tr>");
  }
  html_raw(b, "</tbody></table></div>");
  free(fields.items);
}

typedef struct loss {
  size_t label; /* in the label set */
  size_t documents;
  size_t last; /* 1 + the last record counted in `documents` */
  double lost;
} loss;

static int by_documents(const void *a, const void *b) {
  const loss *x = a, *y = b;
  if (x->documents != y->documents) return x->documents < y->documents ? 1 : -1;
  return (x->lost < y->lost) - (x->lost > y->lost);
}

static void most_lost(parx_buf *b, json_t *const *records, size_t n) {
  label_set codes = {0};
  loss *losses = NULL;
  size_t cap = 0;
  for (size_t r = 0; r < n; r++) {
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(records[r], "deficits"), i, d) {
      const char *code = member_text(d, "code");
      if (!code) continue;
      size_t before = codes.n;
      long k = label_index(&codes, code);
      if (k < 0) break;
      if (codes.n > cap) {
        cap = codes.cap;
        loss *p = realloc(losses, cap * sizeof *losses);
        if (!p) break;
        losses = p;
      }
      if (codes.n > before) losses[k] = (loss){(size_t)k, 0, 0, 0};
      /* a document counts once per criterion, however often it states the loss */
      if (losses[k].last != r + 1) losses[k].documents++, losses[k].last = r + 1;
      losses[k].lost += member_number(d, "lost", 0);
    }
  }
  html_raw(b, "<h3>Tiêu chí mất điểm nhiều lần nhất</h3>");
  if (!codes.n || !losses) {
    html_raw(b, "<p class=\"empty\">Không văn bản nào nêu điểm bị mất theo tiêu chí.</p>");
  } else {
    qsort(losses, codes.n, sizeof *losses, by_documents);
    html_raw(b, "<div class=\"scroll\"><table><thead><tr><th>Tiêu chí</th><th>Số văn bản</th>"
                "<th>Tổng điểm bị mất</th></tr></thead><tbody>");
    for (size_t i = 0; i < codes.n && i < MOST_LOST_SHOWN; i++) {
      json_t *lost = json_real(losses[i].lost);
      html_raw(b, "<tr><td>");
      html_text(b, codes.items[losses[i].label]);
      html_printf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">", losses[i].documents);
      html_number(b, lost);
      html_raw(b, "</td></tr>");
      json_decref(lost);
    }
    html_raw(b, "</tbody></table></div>");
  }
  free(losses);
  free(codes.items);
}

void section_compare(parx_buf *b, json_t *const *records, size_t n) {
  html_raw(b, "<section class=\"compare\"><h2>So sánh các văn bản</h2>");
  fields_side_by_side(b, records, n);
  most_lost(b, records, n);
  html_raw(b, "</section>");
}

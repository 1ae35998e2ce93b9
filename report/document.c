/* One document's article: its results, its fields against their maxima, the
 * points it lost and why, and its tasks by lead agency. */
#include "sections.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fields charted at most (an index has about ten). */
enum { MAX_FIELDS = 60 };

int is_field_score(const json_t *score) {
  const char *code = member_text(score, "code");
  return !code || !strchr(code, '.');
}

void item_label(char *out, size_t len, const json_t *item) {
  const char *code = member_text(item, "code"), *title = member_text(item, "title");
  if (code && title)
    snprintf(out, len, "%s. %s", code, title);
  else
    snprintf(out, len, "%s", code ? code : title ? title : "(không tên)");
}

void record_name(char *out, size_t len, const json_t *record) {
  const json_t *doc = json_object_get(record, "document");
  const char *place = member_text(doc, "place");
  json_int_t year = json_integer_value(json_object_get(doc, "year"));
  const char *path = member_text(json_object_get(record, "source"), "path");
  if (place && year)
    snprintf(out, len, "%s %lld", place, (long long)year);
  else if (year)
    snprintf(out, len, "%s (%lld)", path ? path : "?", (long long)year);
  else
    snprintf(out, len, "%s", path ? path : "?");
}

static void header(parx_buf *b, const json_t *record, size_t number) {
  const json_t *doc = json_object_get(record, "document");
  const json_t *src = json_object_get(record, "source");
  const char *title = member_text(doc, "title");
  html_printf(b, "<article class=\"doc\" id=\"doc-%zu\"><h2>", number);
  html_text(b, title ? title : member_text(src, "path"));
  html_raw(b, "</h2><p class=\"meta\">");
  const char *parts[][2] = {{"Số", member_text(doc, "number")},
                            {"Nơi ban hành", member_text(doc, "place")},
                            {"Ngày", member_text(doc, "issued")}};
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
    if (parts[i][1]) {
      html_printf(b, "<span>%s: ", parts[i][0]);
      html_text(b, parts[i][1]);
      html_raw(b, "</span> ");
    }
  json_int_t year = json_integer_value(json_object_get(doc, "year"));
  if (year) html_printf(b, "<span>Năm: %lld</span> ", (long long)year);
  html_raw(b, "<span class=\"source\">Tệp: ");
  html_text(b, member_text(src, "path"));
  html_raw(b, "</span></p>");
}

static void results(parx_buf *b, const json_t *record) {
  const json_t *list = json_object_get(record, "results");
  html_raw(b, "<section class=\"results\"><h3>Kết quả chỉ số</h3>");
  if (!json_array_size(list)) {
    html_raw(b, "<p class=\"empty\">Văn bản không nêu kết quả chỉ số.</p></section>");
    return;
  }
  html_raw(b, "<div class=\"scroll\"><table><thead><tr><th>Chỉ số</th><th>Năm</th><th>Đơn vị</th>"
              "<th>Điểm</th><th>%</th><th>Xếp hạng</th><th>Xếp loại</th><th>Nguồn</th></tr>"
              "</thead><tbody>");
  size_t i, units = 0;
  json_t *r;
  json_array_foreach(list, i, r) {
    const char *unit = member_text(r, "unit");
    units += unit != NULL;
    html_raw(b, "<tr><td>");
    html_text(b, member_text(r, "index"));
    html_raw(b, "</td><td class=\"num\">");
    html_number(b, json_object_get(r, "year"));
    html_raw(b, "</td><td>");
    html_text(b, unit ? unit : "(văn bản)");
    html_raw(b, "</td><td class=\"num\">");
    html_fraction(b, r, "score", "max");
    html_raw(b, "</td><td class=\"num\">");
    html_number(b, json_object_get(r, "percent"));
    html_raw(b, "</td><td class=\"num\">");
    html_fraction(b, r, "rank", "rank_of");
    html_raw(b, "</td><td>");
    html_text(b, member_text(r, "rating"));
    html_raw(b, "</td><td>");
    html_loc(b, r);
    html_raw(b, "</td></tr>");
  }
  html_raw(b, "</tbody></table></div>");
  if (units > 1) {
    /* the ranking of the units: by score, else by percent */
    bar *bars = calloc(units, sizeof *bars);
    size_t k = 0;
    double top = 0;
    json_array_foreach(list, i, r) {
      if (!bars || !member_text(r, "unit")) continue;
      double score = member_number(r, "score", NAN), max = member_number(r, "max", NAN);
      if (isnan(score)) score = member_number(r, "percent", 0), max = 100;
      bars[k++] = (bar){member_text(r, "unit"), r, score, max, NAN};
      double reach = isnan(max) ? score : max;
      if (reach > top) top = reach;
    }
    if (bars) {
      html_raw(b, "<h4>Xếp hạng các đơn vị</h4>");
      chart_bars(b, "ranking", bars, k, top);
    }
    free(bars);
  }
  html_raw(b, "</section>");
}

static void fields(parx_buf *b, const json_t *record) {
  const json_t *scores = json_object_get(record, "scores");
  size_t n = json_array_size(scores), k = 0, i;
  bar *bars = calloc(n ? n : 1, sizeof *bars);
  char(*labels)[160] = calloc(n ? n : 1, sizeof *labels);
  double top = 0;
  json_t *s;
  json_array_foreach(scores, i, s) {
    if (!bars || !labels || !is_field_score(s)) continue;
    int target = !strcmp(member_text(s, "kind") ? member_text(s, "kind") : "", "target");
    char label[160];
    item_label(label, sizeof label, s);
    size_t f = 0;
    while (f < k && strcmp(labels[f], label))
      f++;
    if (f == k && k == MAX_FIELDS) continue; /* no index has more: bounds the search */
    if (f == k) {
      memcpy(labels[k], label, sizeof label);
      bars[k++] = (bar){labels[f], NULL, NAN, NAN, NAN};
    }
    double score = member_number(s, "score", NAN), max = member_number(s, "max", NAN);
    if (target && isnan(bars[f].second)) bars[f].second = score;
    if (!target && isnan(bars[f].value)) bars[f].value = score, bars[f].source = s;
    if (isnan(bars[f].max) && !isnan(max)) bars[f].max = max;
  }
  html_raw(b, "<section class=\"fields\"><h3>Điểm theo lĩnh vực</h3>");
  for (size_t f = 0; f < k; f++) {
    if (isnan(bars[f].value)) bars[f].value = 0;
    if (isnan(bars[f].max)) bars[f].max = bars[f].value;
    if (bars[f].max > top) top = bars[f].max;
  }
  if (k) {
    html_raw(b, "<p class=\"legend\"><span class=\"key actual\"></span> đạt "
                "<span class=\"key target\"></span> mục tiêu "
                "<span class=\"key max\"></span> tối đa</p>");
    chart_bars(b, "fields", bars, k, top);
  } else {
    html_raw(b, "<p class=\"empty\">Văn bản không nêu điểm theo lĩnh vực.</p>");
  }
  html_raw(b, "</section>");
  free(bars);
  free(labels);
}

static int by_lost(const void *a, const void *b) {
  double x = member_number(*(json_t *const *)a, "lost", 0);
  double y = member_number(*(json_t *const *)b, "lost", 0);
  return (x < y) - (x > y);
}

static void deficits(parx_buf *b, const json_t *record) {
  const json_t *list = json_object_get(record, "deficits");
  size_t n = json_array_size(list);
  html_raw(b, "<section class=\"deficits\"><h3>Điểm bị mất</h3>");
  json_t **sorted = malloc((n ? n : 1) * sizeof *sorted);
  if (!n || !sorted) {
    html_raw(b, "<p class=\"empty\">Văn bản không nêu điểm bị mất.</p></section>");
    free(sorted);
    return;
  }
  for (size_t i = 0; i < n; i++)
    sorted[i] = json_array_get(list, i);
  qsort(sorted, n, sizeof *sorted, by_lost);
  html_raw(b, "<ol class=\"deficit-list\">");
  for (size_t i = 0; i < n; i++) {
    const json_t *d = sorted[i];
    char label[400];
    item_label(label, sizeof label, d);
    html_raw(b, "<li class=\"deficit\"><span class=\"lost\">−");
    html_number(b, json_object_get(d, "lost"));
    html_raw(b, "</span> <span class=\"what\">");
    html_text(b, label);
    html_raw(b, "</span>");
    if (json_is_number(json_object_get(d, "score"))) {
      html_raw(b, " <span class=\"num\">(");
      html_fraction(b, d, "score", "max");
      html_raw(b, ")</span>");
    }
    const char *reason = member_text(d, "reason");
    if (reason)
      html_raw(b, "<br><span class=\"reason\">"), html_text(b, reason), html_raw(b, "</span>");
    html_raw(b, " ");
    html_loc(b, d);
    html_raw(b, "</li>");
  }
  html_raw(b, "</ol></section>");
  free(sorted);
}

void section_document(parx_buf *b, const json_t *record, const json_t *check, size_t number,
                      const report_options *o) {
  header(b, record, number);
  section_findings(b, check);
  results(b, record);
  fields(b, record);
  deficits(b, record);
  section_tasks(b, record, o);
  html_raw(b, "</article>");
}

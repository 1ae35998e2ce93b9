/* Escaping, numbers and provenance in HTML, and the page's bar charts in SVG. */
#include "html.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_text(parx_buf *b, const char *s) {
  if (!s) return;
  for (const char *run = s;; s++) {
    const char *esc = *s == '&'    ? "&amp;"
                      : *s == '<'  ? "&lt;"
                      : *s == '>'  ? "&gt;"
                      : *s == '"'  ? "&quot;"
                      : *s == '\'' ? "&#39;"
                                   : NULL;
    if (!esc && *s) continue;
    parx_buf_add(b, run, (size_t)(s - run));
    if (!*s) return;
    parx_buf_adds(b, esc);
    run = s + 1;
  }
}

void html_raw(parx_buf *b, const char *s) {
  parx_buf_adds(b, s);
}

void html_printf(parx_buf *b, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    parx_buf_add(b, small, (size_t)n);
    return;
  }
  char *big = malloc((size_t)n + 1);
  if (!big) {
    b->failed = 1;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  parx_buf_add(b, big, (size_t)n);
  free(big);
}

/* 7.5 → "7,5", 97.685 → "97,685", 10 → "10": the three decimals that
 * results announcements print are kept. */
static void format_number(char out[32], double v) {
  snprintf(out, 32, "%.3f", v);
  char *dot = strchr(out, '.');
  if (!dot) return;
  char *end = out + strlen(out);
  while (end > dot + 1 && end[-1] == '0')
    *--end = '\0';
  if (end == dot + 1)
    *dot = '\0';
  else
    *dot = ',';
}

void html_number(parx_buf *b, const json_t *v) {
  if (!json_is_number(v)) {
    html_raw(b, "—");
    return;
  }
  char s[32];
  format_number(s, json_number_value(v));
  html_raw(b, s);
}

void html_fraction(parx_buf *b, const json_t *item, const char *key, const char *of) {
  html_number(b, json_object_get(item, key));
  const json_t *total = json_object_get(item, of);
  if (!json_is_number(total)) return;
  html_raw(b, "/");
  html_number(b, total);
}

void html_loc(parx_buf *b, const json_t *item) {
  const json_t *loc = json_object_get(item, "loc");
  json_int_t line = json_integer_value(json_object_get(loc, "line"));
  json_int_t page = json_integer_value(json_object_get(loc, "page"));
  if (!line) return;
  html_printf(b, "<span class=\"loc\">dòng %lld", (long long)line);
  if (page) html_printf(b, " · tr. %lld", (long long)page);
  html_raw(b, "</span>");
}

const char *member_text(const json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

double member_number(const json_t *o, const char *key, double fallback) {
  const json_t *v = json_object_get(o, key);
  return json_is_number(v) ? json_number_value(v) : fallback;
}

void chart_bars(parx_buf *b, const char *css_class, const bar *bars, size_t n, double scale_max) {
  /* rows of HTML, so that labels wrap on a phone's width; each bar an SVG
   * whose units are percent of the largest maximum */
  html_printf(b, "<div class=\"chart %s\" role=\"list\">", css_class);
  for (size_t i = 0; i < n; i++) {
    const bar *r = &bars[i];
    double full = scale_max > 0 && r->max > 0 ? 100 * r->max / scale_max : 0; /* 0 for NAN */
    double got = scale_max > 0 && r->value > 0 ? 100 * r->value / scale_max : 0;
    char value[32], max[32];
    format_number(value, r->value);
    format_number(max, r->max);
    html_raw(b, "<div class=\"row\" role=\"listitem\"><span class=\"label\">");
    html_text(b, r->label);
    html_raw(b, "</span><svg class=\"bars\" viewBox=\"0 0 100 12\" preserveAspectRatio=\"none\" "
                "aria-hidden=\"true\"><title>");
    html_text(b, r->label);
    html_printf(b, ": %s%s%s", value, isnan(r->max) ? "" : "/", isnan(r->max) ? "" : max);
    html_printf(b,
                "</title><rect class=\"max\" x=\"0\" y=\"0\" width=\"%.2f\" height=\"8\"/>"
                "<rect class=\"bar actual\" x=\"0\" y=\"0\" width=\"%.2f\" height=\"8\"/>",
                full, got);
    if (!isnan(r->second)) {
      double target = scale_max > 0 && r->second > 0 ? 100 * r->second / scale_max : 0;
      html_printf(b, "<rect class=\"bar target\" x=\"0\" y=\"9\" width=\"%.2f\" height=\"3\"/>",
                  target);
    }
    html_printf(b, "</svg><span class=\"value\">%s%s%s", value, isnan(r->max) ? "" : "/",
                isnan(r->max) ? "" : max);
    if (!isnan(r->second)) {
      char second[32];
      format_number(second, r->second);
      html_printf(b, " <span class=\"target\">(mục tiêu %s)</span>", second);
    }
    html_loc(b, r->source);
    html_raw(b, "</span></div>");
  }
  html_raw(b, "</div>");
}

/* The findings of `parx check` beside the scores: what is missing from a
 * report or does not add up, each with where it stands. */
#include "sections.h"

#include <string.h>

/* The kinds of check.h, as a reviewer reads them. */
static const char *const kind_names[][2] = {
    {"missing", "Thiếu tiêu chí"},       {"unknown", "Không có trong bộ tiêu chí"},
    {"over", "Vượt điểm tối đa"},        {"max mismatch", "Điểm tối đa khác bộ tiêu chí"},
    {"sum mismatch", "Tổng không khớp"}, {"percent mismatch", "Tỷ lệ không khớp"},
};

static const char *kind_label(const char *kind) {
  for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
    if (kind && !strcmp(kind, kind_names[i][0])) return kind_names[i][1];
  return kind ? kind : "?";
}

void section_findings(parx_buf *b, const json_t *check) {
  if (!check) return;
  const json_t *findings = json_object_get(check, "findings");
  html_raw(b, "<section class=\"findings\"><h3>Đối chiếu với bộ tiêu chí ");
  html_text(b, member_text(check, "catalog"));
  html_raw(b, "</h3>");
  if (!json_array_size(findings)) {
    html_raw(b, "<p class=\"empty\">Không có điểm nào cần xem lại.</p></section>");
    return;
  }
  html_raw(b, "<p class=\"counts\">");
  const char *key;
  json_t *n;
  json_object_foreach((json_t *)json_object_get(check, "counts"), key, n) {
    if (!json_integer_value(n)) continue;
    html_printf(b, "<span class=\"count\">%lld ", (long long)json_integer_value(n));
    html_text(b, kind_label(key));
    html_raw(b, "</span> ");
  }
  html_raw(b, "</p><div class=\"scroll\"><table><thead><tr><th>Loại</th><th>Tiêu chí</th>"
              "<th>Nội dung</th><th>Nguồn</th></tr></thead><tbody>");
  size_t i, k;
  json_t *f, *code;
  json_array_foreach(findings, i, f) {
    html_raw(b, "<tr class=\"finding\"><td>");
    html_text(b, kind_label(member_text(f, "kind")));
    html_raw(b, "</td><td>");
    json_array_foreach(json_object_get(f, "codes"), k, code) {
      if (k) html_raw(b, ", ");
      html_text(b, json_string_value(code));
    }
    html_raw(b, "</td><td>");
    html_text(b, member_text(f, "message"));
    html_raw(b, "</td><td>");
    html_loc(b, f);
    html_raw(b, "</td></tr>");
  }
  html_raw(b, "</tbody></table></div></section>");
}

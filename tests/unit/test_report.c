/* The report's HTML and SVG writers on records made for the tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const report_options AS_OF = {"2022-06-30"};

static json_t *record(const char *parts) {
  size_t len = strlen(parts) + 1024;
  char *text = malloc(len);
  assert_non_null(text);
  snprintf(text, len,
           "{\"schema\": \"parx.record/1\", \"source\": {\"path\": \"p.txt\", \"format\": \"txt\","
           " \"bytes\": 1, \"sha256\": \"x\", \"pages\": null}, \"document\": {\"title\": \"KẾ "
           "HOẠCH <b>&\\\"x'\", \"number\": null, \"issued\": null, \"place\": \"Hà Tĩnh\", "
           "\"year\": 2022}, \"warnings\": [], %s}",
           parts);
  json_error_t e;
  json_t *j = json_loads(text, 0, &e);
  free(text);
  if (!j) fail_msg("test record is not JSON: %s", e.text);
  for (const char *k = "results\0criteria\0scores\0deficits\0tasks\0"; *k; k += strlen(k) + 1)
    if (!json_object_get(j, k)) json_object_set_new(j, k, json_array());
  return j;
}

static char *page(json_t *r) {
  char *html = report_html(&r, NULL, 1, &AS_OF);
  assert_non_null(html);
  json_decref(r);
  return html;
}

static size_t count(const char *s, const char *what) {
  size_t n = 0;
  for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
    n++;
  return n;
}

static void test_escapes_document_text(void **state) {
  (void)state;
  char *html = page(record("\"tasks\": [{\"text\": \"Rà soát <script>alert(1)</script> & "
                           "\\\"báo cáo\\\" 'ngay'\", \"lead\": [\"Sở <Nội> vụ\"], "
                           "\"support\": [], \"deadline\": null, \"output\": null, "
                           "\"criteria\": [], \"loc\": {\"line\": 3, \"page\": null}}]"));
  assert_null(strstr(html, "<script>"));
  assert_null(strstr(html, "<b>"));
  assert_non_null(strstr(html, "Rà soát &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                               "&quot;báo cáo&quot; &#39;ngay&#39;"));
  assert_non_null(strstr(html, "Sở &lt;Nội&gt; vụ"));
  assert_non_null(strstr(html, "KẾ HOẠCH &lt;b&gt;&amp;&quot;x&#39;"));
  assert_non_null(strstr(html, "<html lang=\"vi\">"));
  assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
  free(html);
}

static void test_empty_sections_are_said(void **state) {
  (void)state;
  char *html = page(record("\"results\": []"));
  assert_non_null(strstr(html, "không nêu kết quả"));
  assert_non_null(strstr(html, "không nêu điểm theo lĩnh vực"));
  assert_non_null(strstr(html, "không nêu điểm bị mất"));
  assert_non_null(strstr(html, "không giao nhiệm vụ"));
  assert_int_equal(count(html, "class=\"bar actual\""), 0);
  free(html);
}

static void test_one_bar_per_field_with_target(void **state) {
  (void)state;
  char *html = page(record(
      "\"scores\": ["
      "{\"code\": \"1\", \"title\": \"Chỉ đạo\", \"score\": 6.5, \"max\": 7, \"kind\": "
      "\"actual\", \"year\": 2021, \"loc\": {\"line\": 4, \"page\": 2}},"
      "{\"code\": \"1\", \"title\": \"Chỉ đạo\", \"score\": 7, \"max\": 7, \"kind\": "
      "\"target\", \"year\": 2022, \"loc\": {\"line\": 5, \"page\": 2}},"
      "{\"code\": \"1.1\", \"title\": \"Kế hoạch\", \"score\": 1, \"max\": 1, \"kind\": "
      "\"actual\", \"year\": 2021, \"loc\": {\"line\": 6, \"page\": 2}},"
      "{\"code\": null, \"title\": \"Tài chính công\", \"score\": 2.25, \"max\": 4, \"kind\": "
      "\"actual\", \"year\": 2021, \"loc\": {\"line\": 7, \"page\": 3}}]"));
  /* fields: "1" (actual and target) and the one named by words; 1.1 is no field */
  assert_int_equal(count(html, "class=\"bar actual\""), 2);
  assert_int_equal(count(html, "class=\"bar target\""), 1);
  assert_non_null(strstr(html, "6,5/7"));
  assert_non_null(strstr(html, "2,25/4"));
  assert_non_null(strstr(html, "dòng 4 · tr. 2"));
  assert_null(strstr(html, "Kế hoạch</span><svg"));
  free(html);
}

static void test_long_agency_and_overdue(void **state) {
  (void)state;
  char name[3000] = "Ban Quản lý ";
  for (int i = 0; i < 200; i++)
    strcat(name, "dự án ");
  char parts[8192];
  snprintf(parts, sizeof parts,
           "\"tasks\": [{\"text\": \"Việc một\", \"lead\": [\"%s\"], \"support\": [], "
           "\"deadline\": {\"text\": \"Trước ngày 15/3/2022\", \"date\": \"2022-03-15\", "
           "\"kind\": \"by\"}, \"output\": null, \"criteria\": [], \"loc\": {\"line\": 9, "
           "\"page\": null}}, {\"text\": \"Việc hai\", \"lead\": [], \"support\": [], "
           "\"deadline\": {\"text\": \"Thường xuyên\", \"date\": null, \"kind\": \"recurring\"}, "
           "\"output\": null, \"criteria\": [], \"loc\": {\"line\": 10, \"page\": null}}]",
           name);
  char *html = page(record(parts));
  assert_non_null(strstr(html, name));
  assert_non_null(strstr(html, "overflow-wrap:anywhere"));
  assert_int_equal(count(html, "<tr class=\"task overdue\">"), 1);
  assert_int_equal(count(html, "<tr class=\"task recurring\">"), 1);
  assert_int_equal(count(html, "<circle class=\"overdue\""), 1);
  assert_non_null(strstr(html, "1 quá hạn"));
  free(html);
}

static void test_sixty_units_in_a_ranking(void **state) {
  (void)state;
  char parts[16384] = "\"results\": [";
  for (int i = 1; i <= 60; i++) {
    char item[256];
    snprintf(item, sizeof item,
             "%s{\"index\": \"PAR INDEX\", \"year\": 2021, \"unit\": \"Sở số %d\", \"score\": "
             "%d.5, \"max\": 100, \"percent\": null, \"rank\": %d, \"rank_of\": 60, \"rating\": "
             "null, \"loc\": {\"line\": %d, \"page\": 1}}",
             i > 1 ? "," : "", i, 100 - i, i, i + 10);
    strcat(parts, item);
  }
  strcat(parts, "]");
  char *html = page(record(parts));
  assert_int_equal(count(html, "class=\"bar actual\""), 60);
  assert_non_null(strstr(html, "Sở số 60"));
  assert_non_null(strstr(html, "99,5/100"));
  free(html);
}

static void test_several_documents_side_by_side(void **state) {
  (void)state;
  const char *deficit = "\"deficits\": [{\"code\": \"2.1\", \"title\": \"Pháp luật\", \"lost\": "
                        "0.5, \"score\": 0.5, \"max\": 1, \"reason\": null, \"loc\": {\"line\": "
                        "8, \"page\": null}}], \"scores\": [{\"code\": \"2\", \"title\": \"Văn "
                        "bản\", \"score\": 3, \"max\": 4, \"kind\": \"actual\", \"year\": 2021, "
                        "\"loc\": {\"line\": 8, \"page\": null}}]";
  json_t *two[2] = {record(deficit), record(deficit)};
  char *html = report_html(two, NULL, 2, &AS_OF);
  assert_non_null(html);
  assert_non_null(strstr(html, "So sánh các văn bản"));
  assert_non_null(strstr(html, "<a href=\"#doc-2\">"));
  /* 2.1 lost points in both documents */
  assert_non_null(strstr(html, "<td>2.1</td><td class=\"num\">2</td><td class=\"num\">1</td>"));
  json_decref(two[0]);
  json_decref(two[1]);
  free(html);
}

static void test_check_findings_beside_the_scores(void **state) {
  (void)state;
  json_t *r = record("\"results\": []");
  json_t *check = json_loads(
      "{\"catalog\": \"huyen-2022\", \"counts\": {\"missing\": 1, \"over\": 0}, "
      "\"findings\": [{\"kind\": \"missing\", \"codes\": [\"6.2\"], \"message\": \"6.2 "
      "<b> is neither scored nor mentioned\", \"loc\": {\"line\": null, \"page\": null}}]}",
      0, NULL);
  assert_non_null(check);
  char *html = report_html(&r, &check, 1, &AS_OF);
  assert_non_null(html);
  assert_non_null(strstr(html, "Đối chiếu với bộ tiêu chí huyen-2022"));
  assert_non_null(strstr(html, "1 Thiếu tiêu chí"));
  assert_int_equal(count(html, "<tr class=\"finding\">"), 1);
  assert_non_null(strstr(html, "6.2 &lt;b&gt; is neither"));
  json_decref(check);
  json_decref(r);
  free(html);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escapes_document_text),
      cmocka_unit_test(test_empty_sections_are_said),
      cmocka_unit_test(test_one_bar_per_field_with_target),
      cmocka_unit_test(test_long_agency_and_overdue),
      cmocka_unit_test(test_sixty_units_in_a_ranking),
      cmocka_unit_test(test_several_documents_side_by_side),
      cmocka_unit_test(test_check_findings_beside_the_scores),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

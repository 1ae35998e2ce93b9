/* The limits that bound a record: items per list and the time budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parx.h"

static json_t *extract(const char *text, size_t len, const parx_options *o) {
  parx_error err = {0};
  parx_engine *engine = parx_engine_new(NULL, NULL, 0, &err);
  assert_non_null(engine);
  parx_record *r = parx_extract(engine, (const unsigned char *)text, len, "limits.txt", o, &err);
  assert_non_null(r);
  char *json = parx_record_to_json(r, 0);
  json_t *record = json_loads(json, 0, NULL);
  assert_non_null(record);
  free(json);
  parx_record_free(r);
  parx_engine_free(engine);
  return record;
}

static int has_warning(const json_t *record, const char *part) {
  size_t i;
  json_t *w;
  json_array_foreach(json_object_get(record, "warnings"), i,
                     w) if (strstr(json_string_value(w), part)) return 1;
  return 0;
}

static void test_items_past_the_limit_are_cut_and_said(void **state) {
  (void)state;
  const char line[] = "Tiêu chí 1.1 đạt 0,5/1 điểm.\n";
  size_t n = PARX_MAX_ITEMS + 5, len = n * (sizeof line - 1);
  char *text = malloc(len + 1);
  assert_non_null(text);
  for (size_t i = 0; i < n; i++)
    memcpy(text + i * (sizeof line - 1), line, sizeof line - 1);
  text[len] = '\0';
  parx_options unbounded = {.max_seconds = -1}; /* slow under valgrind: no time budget */
  json_t *record = extract(text, len, &unbounded);
  assert_int_equal(json_array_size(json_object_get(record, "scores")), PARX_MAX_ITEMS);
  assert_int_equal(json_array_size(json_object_get(record, "deficits")), PARX_MAX_ITEMS);
  assert_true(has_warning(record, "10 items left out"));
  json_decref(record);
  free(text);
}

static void test_a_spent_time_budget_stops_reading_and_says_where(void **state) {
  (void)state;
  const char text[] = "KẾ HOẠCH\nTiêu chí 1.1 đạt 0,5/1 điểm.\nTiêu chí 1.2 đạt 1/1 điểm.\n";
  parx_options none = {.max_seconds = -1}, spent = {.max_seconds = 1e-12};
  json_t *whole = extract(text, sizeof text - 1, &none);
  json_t *cut = extract(text, sizeof text - 1, &spent);
  assert_int_equal(json_array_size(json_object_get(whole, "scores")), 2);
  assert_false(has_warning(whole, "time budget"));
  assert_true(json_array_size(json_object_get(cut, "scores")) < 2);
  assert_true(has_warning(cut, "time budget was spent"));
  json_decref(whole);
  json_decref(cut);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_items_past_the_limit_are_cut_and_said),
      cmocka_unit_test(test_a_spent_time_budget_stops_reading_and_says_where),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

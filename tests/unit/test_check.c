/* The catalog's tree checks and the sum checks of parx check, on small
 * hand-written catalogs and records. Each case is data: rows, then the
 * warnings expected (substrings, in order) or the findings expected. */
#include "check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

typedef struct row {
  const char *code;
  double max;
} row;

typedef struct tree_case {
  const char *what;
  row rows[8];
  const char *warnings[4]; /* each a substring of one warning, in order */
} tree_case;

static const tree_case tree_cases[] = {
    {"a parent without children is fine", {{"1", 2}, {"2", 3}}, {NULL}},
    {"children without their parent row",
     {{"1", 2}, {"1.1.1", 1}, {"1.1.2", 1}},
     {"1.1.1: no row for its parent 1.1"}},
    {"a sum off by 0.005 agrees", {{"1", 1}, {"1.1", 0.5}, {"1.2", 0.505}}, {NULL}},
    {"a sum off by 0.25 is named with both sums",
     {{"1", 1}, {"1.1", 0.5}, {"1.2", 0.75}},
     {"1: maximum 1, but its children's maxima sum to 1.25"}},
    {"a code that skips a number",
     {{"1", 1.5}, {"1.1", 0.5}, {"1.3", 1}},
     {"1: number 2 skipped between 1.1 and 1.3"}},
    {"top-level fields that skip a number", {{"1", 1}, {"3", 1}}, {"top level: number 2 skipped"}},
};

static check_catalog *catalog_of(const row *rows) {
  check_catalog *cat = check_catalog_new();
  assert_non_null(cat);
  for (const row *r = rows; r->code; r++)
    assert_int_equal(check_catalog_add(cat, r->code, "t", r->max, 0), 0);
  assert_int_equal(check_catalog_finish(cat), 0);
  return cat;
}

static void test_tree_checks(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof tree_cases / sizeof *tree_cases; i++) {
    const tree_case *c = &tree_cases[i];
    check_catalog *cat = catalog_of(c->rows);
    size_t want = 0;
    while (want < 4 && c->warnings[want])
      want++;
    if (check_catalog_warning_count(cat) != want) {
      for (size_t k = 0; k < check_catalog_warning_count(cat); k++)
        print_error("%s: warning %s\n", c->what, check_catalog_warning(cat, k));
      fail_msg("%s: %zu warnings, expected %zu", c->what, check_catalog_warning_count(cat), want);
    }
    for (size_t k = 0; k < want; k++)
      if (!strstr(check_catalog_warning(cat, k), c->warnings[k]))
        fail_msg("%s: warning '%s', expected '%s'", c->what, check_catalog_warning(cat, k),
                 c->warnings[k]);
    check_catalog_free(cat);
  }
}

static void test_parent_is_nearest_listed(void **state) {
  (void)state;
  check_catalog *cat = catalog_of((row[]){{"1", 2}, {"1.1.1", 1}, {"1.1.2", 1}, {NULL, 0}});
  json_t *json = check_catalog_to_json(cat);
  json_t *child = json_array_get(json_object_get(json, "criteria"), 1);
  assert_string_equal(json_string_value(json_object_get(child, "parent")), "1");
  assert_int_equal(json_integer_value(json_object_get(json, "total")), 2);
  json_decref(json);
  check_catalog_free(cat);
}

typedef struct sum_case {
  const char *what;
  const char *scores; /* the record's scores, JSON */
  const char *kinds;  /* the kinds found, space-separated, in report order */
} sum_case;

static const sum_case sum_cases[] = {
    {"children summing to their parent within 0.005",
     "[{\"code\":\"1\",\"score\":0.995,\"max\":1,\"kind\":\"actual\",\"year\":2021},"
     "{\"code\":\"1.1\",\"score\":0.5,\"max\":0.5,\"kind\":\"actual\",\"year\":2021},"
     "{\"code\":\"1.2\",\"score\":0.5,\"max\":0.5,\"kind\":\"actual\",\"year\":2021}]",
     ""},
    {"children off by 0.25",
     "[{\"code\":\"1\",\"score\":0.75,\"max\":1,\"kind\":\"actual\",\"year\":2021},"
     "{\"code\":\"1.1\",\"score\":0.5,\"max\":0.5,\"kind\":\"actual\",\"year\":2021},"
     "{\"code\":\"1.2\",\"score\":0.5,\"max\":0.5,\"kind\":\"actual\",\"year\":2021}]",
     "sum mismatch"},
    {"targets are summed apart from actual scores",
     "[{\"code\":\"1\",\"score\":1,\"max\":1,\"kind\":\"target\",\"year\":2022},"
     "{\"code\":\"1.1\",\"score\":0.5,\"max\":0.5,\"kind\":\"actual\",\"year\":2021},"
     "{\"code\":\"1.2\",\"score\":0.5,\"max\":0.5,\"kind\":\"target\",\"year\":2022}]",
     ""},
    {"a score over its maximum, one negative",
     "[{\"code\":\"1.1\",\"score\":0.75,\"max\":0.5,\"kind\":\"actual\",\"year\":null},"
     "{\"code\":\"1.2\",\"score\":-1,\"max\":0.5,\"kind\":\"actual\",\"year\":null}]",
     "over over"},
    {"a maximum the catalog does not have, a code it lacks",
     "[{\"code\":\"1.1\",\"score\":0.5,\"max\":1,\"kind\":\"actual\",\"year\":null},"
     "{\"code\":\"1.2\",\"score\":0.5,\"max\":0.5,\"kind\":\"actual\",\"year\":null},"
     "{\"code\":\"1.9\",\"score\":0.5,\"max\":0.5,\"kind\":\"actual\",\"year\":null}]",
     "unknown max mismatch"},
};

/* A record naming the codes of its scores as its criteria. */
static json_t *record_of(const char *scores) {
  json_t *s = json_loads(scores, 0, NULL);
  assert_non_null(s);
  json_t *criteria = json_array();
  size_t i;
  json_t *item;
  json_array_foreach(s, i, item) {
    json_array_append_new(criteria, json_pack("{s:O}", "code", json_object_get(item, "code")));
  }
  return json_pack("{s:s, s:[], s:o, s:o, s:[], s:[]}", "schema", "parx.record/1", "results",
                   "criteria", criteria, "scores", s, "deficits", "tasks");
}

static void test_record_checks(void **state) {
  (void)state;
  check_catalog *cat = catalog_of((row[]){{"1", 1}, {"1.1", 0.5}, {"1.2", 0.5}, {NULL, 0}});
  for (size_t i = 0; i < sizeof sum_cases / sizeof *sum_cases; i++) {
    json_t *record = record_of(sum_cases[i].scores);
    json_t *report = check_record(cat, record);
    assert_non_null(report);
    char kinds[256] = "";
    size_t k;
    json_t *f;
    json_array_foreach(json_object_get(report, "findings"), k, f) {
      if (!strcmp(json_string_value(json_object_get(f, "kind")), "missing")) continue;
      snprintf(kinds + strlen(kinds), sizeof kinds - strlen(kinds), "%s%s", *kinds ? " " : "",
               json_string_value(json_object_get(f, "kind")));
    }
    if (strcmp(kinds, sum_cases[i].kinds))
      fail_msg("%s: found '%s', expected '%s'", sum_cases[i].what, kinds, sum_cases[i].kinds);
    json_decref(report);
    json_decref(record);
  }
  check_catalog_free(cat);
}

typedef struct headline_case {
  const char *what;
  const char *record; /* results, scores and deficits of a record, JSON */
  const char *abouts; /* the sum and percent findings: kind/about, space-separated */
} headline_case;

static const headline_case headline_cases[] = {
    {"a total, a percent and a deduction that agree",
     "{\"results\":[{\"index\":\"PAR INDEX\",\"year\":2021,\"score\":2,\"max\":2,"
     "\"percent\":100}],\"scores\":[{\"code\":\"1\",\"score\":1,\"kind\":\"actual\","
     "\"year\":null},{\"code\":\"2\",\"score\":1,\"kind\":\"actual\",\"year\":null}],"
     "\"deficits\":[{\"code\":\"1\",\"lost\":0,\"score\":1,\"max\":1}]}",
     ""},
    {"a total off by 0.5, a percent off by 0.1, a deduction off by 0.25",
     "{\"results\":[{\"index\":\"PAR INDEX\",\"year\":2021,\"score\":2.5,\"max\":2.5,"
     "\"percent\":99.9}],\"scores\":[{\"code\":\"1\",\"score\":1,\"kind\":\"actual\","
     "\"year\":2021},{\"code\":\"2\",\"score\":1,\"kind\":\"actual\",\"year\":2021}],"
     "\"deficits\":[{\"code\":\"1\",\"lost\":0.25,\"score\":1,\"max\":1}]}",
     "sum mismatch/total sum mismatch/deduction percent mismatch/-"},
    {"another unit's total is not ours",
     "{\"results\":[{\"index\":\"PAR INDEX\",\"year\":2021,\"unit\":\"huyện A\","
     "\"score\":9}],\"scores\":[{\"code\":\"1\",\"score\":1,\"kind\":\"actual\","
     "\"year\":2021},{\"code\":\"2\",\"score\":1,\"kind\":\"actual\",\"year\":2021}],"
     "\"deficits\":[]}",
     ""},
};

static void test_headline_checks(void **state) {
  (void)state;
  check_catalog *cat = catalog_of((row[]){{"1", 1}, {"2", 1}, {NULL, 0}});
  for (size_t i = 0; i < sizeof headline_cases / sizeof *headline_cases; i++) {
    json_t *record = json_loads(headline_cases[i].record, 0, NULL);
    assert_non_null(record);
    json_t *report = check_record(cat, record);
    assert_non_null(report);
    char abouts[256] = "";
    size_t k;
    json_t *f;
    json_array_foreach(json_object_get(report, "findings"), k, f) {
      const char *about = json_string_value(json_object_get(f, "about"));
      snprintf(abouts + strlen(abouts), sizeof abouts - strlen(abouts), "%s%s/%s",
               *abouts ? " " : "", json_string_value(json_object_get(f, "kind")),
               about ? about : "-");
    }
    if (strcmp(abouts, headline_cases[i].abouts))
      fail_msg("%s: found '%s', expected '%s'", headline_cases[i].what, abouts,
               headline_cases[i].abouts);
    json_decref(report);
    json_decref(record);
  }
  check_catalog_free(cat);
}

static void test_missing_is_the_highest(void **state) {
  (void)state;
  check_catalog *cat =
      catalog_of((row[]){{"1", 1}, {"1.1", 0.5}, {"1.2", 0.5}, {"2", 1}, {"2.1", 1}, {NULL, 0}});
  json_t *record = record_of("[{\"code\":\"1.1\",\"score\":0.5,\"max\":0.5,\"kind\":\"actual\"}]");
  json_t *report = check_record(cat, record);
  json_t *findings = json_object_get(report, "findings");
  /* 1.2 under a present field, and field 2 once, not 2 and 2.1 */
  assert_int_equal(json_array_size(findings), 2);
  const char *want[] = {"1.2", "2"};
  for (size_t i = 0; i < 2; i++) {
    json_t *codes = json_object_get(json_array_get(findings, i), "codes");
    assert_string_equal(json_string_value(json_array_get(codes, 0)), want[i]);
  }
  json_decref(report);
  json_decref(record);
  check_catalog_free(cat);
}

static void test_catalog_json_round_trip(void **state) {
  (void)state;
  check_catalog *cat = catalog_of((row[]){{"1", 1}, {"1.1", 0.5}, {"1.2", 0.5}, {NULL, 0}});
  parx_error err = {0};
  assert_int_equal(check_catalog_set(cat, "t", "1150/QĐ-BNV", "2021-2022", "district", &err), 0);
  assert_int_not_equal(check_catalog_set(cat, NULL, NULL, NULL, "county", &err), 0);
  json_t *json = check_catalog_to_json(cat);
  check_catalog *back = check_catalog_from_json(json, "t.json", &err);
  assert_non_null(back);
  json_t *again = check_catalog_to_json(back);
  assert_true(json_equal(json, again));
  assert_int_equal(json_array_size(json_object_get(again, "years")), 2);
  json_t *third = json_array_get(json_object_get(json, "criteria"), 2);
  json_object_set_new(third, "parent", json_string("1.1"));
  assert_null(check_catalog_from_json(json, "t.json", &err));
  assert_non_null(strstr(err.message, "parent of 1.2 is 1.1, but its code makes it 1"));
  json_object_set_new(third, "parent", json_string("1"));
  json_object_set_new(third, "code", json_string("1.1"));
  assert_null(check_catalog_from_json(json, "t.json", &err));
  assert_non_null(strstr(err.message, "listed twice"));
  json_decref(again);
  json_decref(json);
  check_catalog_free(back);
  check_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tree_checks),
      cmocka_unit_test(test_parent_is_nearest_listed),
      cmocka_unit_test(test_record_checks),
      cmocka_unit_test(test_headline_checks),
      cmocka_unit_test(test_missing_is_the_highest),
      cmocka_unit_test(test_catalog_json_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of the JSON writer (output/output.h): escapes, numbers, layout,
 * and the streamed text being the same as the whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "output/output.h"

static void assert_contains(const char *hay, const char *needle) {
  if (!strstr(hay, needle)) fail_msg("\"%s\" does not contain \"%s\"", hay, needle);
}

/* A record with one item of each kind, holding the awkward values. */
typedef struct sample {
  parx_rec rec;
  parx_criterion criterion;
  parx_deficit deficit;
  parx_result result;
  parx_task task;
  parx_source source;
} sample;

static void sample_init(sample *s) {
  memset(s, 0, sizeof *s);
  s->criterion = (parx_criterion){"1.1", "quote \" back \\ tab\t nl\n ctl\x01 đạt", 0.5, {3, 0}};
  s->deficit = (parx_deficit){NULL, NULL, 0.5, 1e-7, 1e20 + 0.5, NULL, {4, 2}};
  s->result =
      (parx_result){"PAR INDEX", 2020, 79.21, 97.5, NAN, 10, 63, {5, 0}, "Sở Tư pháp", "Tốt"};
  s->task.text = "Sở Nội vụ chủ trì";
  parx_strings_add(&s->task.lead, "Sở Nội vụ", strlen("Sở Nội vụ"));
  s->task.loc = (parx_loc){6, 0};
  s->rec.criteria = &s->criterion;
  s->rec.ncriteria = 1;
  s->rec.deficits = &s->deficit;
  s->rec.ndeficits = 1;
  s->rec.results = &s->result;
  s->rec.nresults = 1;
  s->rec.tasks = &s->task;
  s->rec.ntasks = 1;
  s->source = (parx_source){"bad\xff name.txt", "txt", 12, "ab", 0, NULL, 0};
}

static void sample_fini(sample *s) {
  parx_strings_clear(&s->task.lead);
}

static void test_escapes_and_numbers(void **state) {
  (void)state;
  sample s;
  sample_init(&s);
  char *json = parx_output_json(&s.rec, &s.source, 0);
  assert_non_null(json);
  assert_contains(json, "\"title\":\"quote \\\" back \\\\ tab\\t nl\\n ctl\\u0001 đạt\"");
  assert_contains(json, "\"path\":\"bad\xEF\xBF\xBD name.txt\""); /* invalid UTF-8: U+FFFD */
  /* ten digits, the exponent without its '+' and zeros */
  assert_contains(json, "\"lost\":0.5,\"score\":1e-7,\"max\":1e20,");
  assert_contains(json, "\"score\":79.21,\"max\":97.5,\"percent\":null,\"rank\":10,");
  assert_contains(json, "\"max\":0.5,\"loc\":{\"line\":3,\"page\":null}");
  assert_contains(json, "\"lead\":[\"Sở Nội vụ\"],\"support\":[],\"deadline\":null");
  assert_contains(json, "\"scores\":[],");
  assert_int_equal(json[strlen(json) - 1], '}');
  free(json);
  sample_fini(&s);
}

static void test_pretty_layout(void **state) {
  (void)state;
  sample s;
  sample_init(&s);
  char *json = parx_output_json(&s.rec, &s.source, 1);
  assert_non_null(json);
  assert_int_equal(strncmp(json, "{\n  \"schema\": \"parx.record/1\",\n  \"source\": {\n    ", 48),
                   0);
  assert_contains(json, "\"scores\": [],\n");
  assert_contains(json,
                  "\"loc\": {\n        \"line\": 3,\n        \"page\": null\n      }\n    }\n  ],");
  const char *end = "\n  \"warnings\": []\n}";
  assert_string_equal(json + strlen(json) - strlen(end), end);
  free(json);
  sample_fini(&s);
}

static int collect(const char *bytes, size_t len, void *data) {
  parx_buf *b = data;
  parx_buf_add(b, bytes, len);
  return 0;
}

static int refuse(const char *bytes, size_t len, void *data) {
  (void)bytes, (void)len;
  ++*(int *)data;
  return 7;
}

static void test_streamed_is_whole(void **state) {
  (void)state;
  sample s;
  sample_init(&s);
  for (int pretty = 0; pretty < 2; pretty++) {
    char *whole = parx_output_json(&s.rec, &s.source, pretty);
    parx_buf streamed = {0};
    assert_int_equal(parx_output_json_write(&s.rec, &s.source, pretty, collect, &streamed), 0);
    assert_string_equal(streamed.s, whole);
    parx_buf_free(&streamed);
    free(whole);
  }
  /* a sink that stops: its answer comes back, and it is not called again */
  int calls = 0;
  assert_int_equal(parx_output_json_write(&s.rec, &s.source, 0, refuse, &calls), 7);
  assert_int_equal(calls, 1);
  sample_fini(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escapes_and_numbers),
      cmocka_unit_test(test_pretty_layout),
      cmocka_unit_test(test_streamed_is_whole),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

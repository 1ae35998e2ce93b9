/* Unit tests of parx_parse_number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"

typedef struct number_case {
  const char *input;
  int thousands_dot;
  int ok;          /* expected return value */
  double expected; /* compared exactly: the parser rounds like strtod */
} number_case;

static const number_case cases[] = {
    {"7,50", 1, 1, 7.5},
    {"0.5", 1, 1, 0.5},
    {"0.5", 0, 1, 0.5},
    {"17,686", 1, 1, 17.686},
    {"0,25", 1, 1, 0.25},
    {"6,246", 0, 1, 6.246},
    {"1.962", 1, 1, 1962},
    {"1.962", 0, 1, 1.962},
    {"1.234.567", 1, 1, 1234567},
    {"1.234.567", 0, 1, 1234567},
    {"1.234,5", 1, 1, 1234.5},
    {"1.234,5", 0, 1, 1234.5},
    {"96,0", 1, 1, 96},
    {"97,5", 1, 1, 97.5},
    {"10", 1, 1, 10},
    {"0", 1, 1, 0},
    {" 10 ", 1, 1, 10},
    {"\t 7,5\r\n", 0, 1, 7.5},
    {"-0,5", 1, 1, -0.5},
    {"0.500", 1, 1, 0.5},         /* a group of thousands never starts with 0 */
    {"1234.567", 1, 1, 1234.567}, /* four digits before the dot: not grouped */
    {"1.25", 1, 1, 1.25},
    {"12.3456", 1, 1, 12.3456},
    {"100.000", 1, 1, 100000},
    {"007", 1, 1, 7},
    {"999999999999999", 1, 1, 999999999999999.0},
    {"", 1, 0, 0},
    {"   ", 1, 0, 0},
    {"abc", 1, 0, 0},
    {"1,2,3", 1, 0, 0},
    {"5/6", 1, 0, 0},
    {"1,234.5", 1, 0, 0},
    {"1.2.3", 1, 0, 0},
    {"1.2345.678", 1, 0, 0},
    {"0.234.567", 1, 0, 0},
    {",5", 1, 0, 0},
    {"5,", 1, 0, 0},
    {".5", 1, 0, 0},
    {"5.", 1, 0, 0},
    {"-", 1, 0, 0},
    {"--5", 1, 0, 0},
    {"7,5 điểm", 1, 0, 0},
    {"1 000", 1, 0, 0},
    {"12a", 1, 0, 0},
    {"1.23,4", 1, 0, 0},
    {"1234567890123456", 1, 0, 0}, /* more digits than a double holds */
};

static void test_parse_number(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const number_case *c = &cases[i];
    double got = -12345;
    int ok = parx_parse_number(c->input, strlen(c->input), c->thousands_dot, &got);
    if (ok != c->ok)
      fail_msg("parx_parse_number(\"%s\", %d) returned %d", c->input, c->thousands_dot, ok);
    if (ok && got != c->expected)
      fail_msg("parx_parse_number(\"%s\", %d) = %.17g, want %.17g", c->input, c->thousands_dot, got,
               c->expected);
    if (!ok && got != -12345) fail_msg("parx_parse_number(\"%s\") set *out on failure", c->input);
  }
}

static void test_parse_number_length_and_null(void **state) {
  (void)state;
  double got = 0;
  /* Only len bytes count: "7,5" of "7,50abc". */
  assert_int_equal(parx_parse_number("7,50abc", 3, 1, &got), 1);
  assert_true(got == 7.5);
  assert_int_equal(parx_parse_number(NULL, 0, 1, &got), 0);
  assert_int_equal(parx_parse_number("1", 1, 1, NULL), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_number),
      cmocka_unit_test(test_parse_number_length_and_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Robustness of the extract stage on arbitrary bytes: no crash (the sanitizer
 * build checks memory), valid UTF-8 out, and the text functions idempotent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/ustring.h>

#include "extract/extract.h"

/* Pieces random texts are made of: Vietnamese, odd spaces, marks, bad bytes. */
static const char *const pieces[] = {
    "a",
    "o",
    "u",
    "q",
    "Q",
    "y",
    "hoà",
    "uỷ",
    "quý",
    "Đ",
    " ",
    "\t",
    "\n",
    "\xC2\xA0",
    "\xE2\x80\x8B",
    "\xC2\xAD",
    "\xCC\x80",
    "\xCC\xA3",
    "\xE2\x80\x9C",
    "\xE2\x80\x93",
    "\xFF",
    "\xE1\xBB",
    "\xED\xA0\x80",
    "\xF0\x9F\x98\x80",
    "20",
    "/",
    "12",
    "2017",
    "-",
    ".",
    ",",
    "ngày ",
    "tháng ",
    "năm ",
    "Quý ",
    "IV",
    "5",
    "0",
    "trước ",
    "İ",
    "\xC0",
    "1.234",
};

/* A small deterministic generator: the state lives in the caller. */
static uint32_t next_random(uint32_t *state) {
  *state = *state * 1664525u + 1013904223u;
  return *state >> 8;
}

static size_t random_text(uint32_t *state, char *buf, size_t cap) {
  size_t n = 0, count = next_random(state) % 24;
  for (size_t i = 0; i < count; i++) {
    const char *p = pieces[next_random(state) % (sizeof pieces / sizeof *pieces)];
    size_t l = strlen(p);
    if (n + l >= cap) break;
    memcpy(buf + n, p, l);
    n += l;
  }
  buf[n] = '\0';
  return n;
}

static void assert_valid_utf8(const char *s) {
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8(NULL, 0, NULL, s, -1, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) fail_msg("invalid UTF-8 out: %s", s);
}

typedef char *(*text_fn)(const char *, size_t);

static void check_text_fn(const char *name, text_fn fn, const char *in, size_t len) {
  char *once = fn(in, len);
  assert_non_null(once);
  assert_valid_utf8(once);
  char *twice = fn(once, strlen(once));
  assert_non_null(twice);
  if (strcmp(once, twice) != 0) fail_msg("%s not idempotent on \"%s\": \"%s\"", name, in, once);
  free(once);
  free(twice);
}

static void check_dates(const char *in, size_t len) {
  parx_date d;
  size_t from = 0;
  while (parx_find_date(in, len, from, 2019, 1, &d)) {
    assert_true(d.start >= from && d.end > d.start && d.end <= len);
    assert_true(d.day >= 1 && d.day <= parx_days_in_month(d.year, d.month));
    from = d.end;
  }
}

static void test_random_texts(void **state) {
  (void)state;
  uint32_t seed = 12345;
  char buf[512];
  for (int i = 0; i < 5000; i++) {
    size_t len = random_text(&seed, buf, sizeof buf);
    check_text_fn("parx_normalize", parx_normalize, buf, len);
    check_text_fn("parx_key", parx_key, buf, len);
    check_text_fn("parx_tone_canon", parx_tone_canon, buf, len);
    check_dates(buf, len);
    double v;
    parx_parse_number(buf, len, i & 1, &v);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random_texts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of the extract stage's text services: normalisation, tone marks, keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unicode/utf8.h>

#include "extract/extract.h"
#include "extract/ustr.h"

typedef struct text_case {
  const char *input;
  const char *expected;
} text_case;

#define COUNT(a) (sizeof(a) / sizeof *(a))

typedef char *(*text_fn)(const char *, size_t);

static void check_table(const char *name, text_fn fn, const text_case *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char *got = fn(cases[i].input, strlen(cases[i].input));
    assert_non_null(got);
    if (strcmp(got, cases[i].expected) != 0)
      fail_msg("%s(\"%s\"): got \"%s\", want \"%s\"", name, cases[i].input, got, cases[i].expected);
    free(got);
  }
}

static const text_case normalize_cases[] = {
    {"", ""},
    {"   ", ""},
    {"  Kế hoạch   cải cách \t", "Kế hoạch cải cách"},
    {"plain ascii\ttext\r\nline", "plain ascii text line"},
    {"Sở\xC2\xA0Nội\xE2\x80\x89vụ", "Sở Nội vụ"},             /* NBSP, thin space */
    {"\xE3\x80\x80 Sở \xE2\x80\xAF vụ\xE2\x81\x9F", "Sở vụ"}, /* U+3000 U+202F U+205F */
    {"a\xE2\x80\x8B"
     "b\xEF\xBB\xBF"
     "c\xC2\xAD"
     "dế",
     "abcdế"},                                /* ZWSP, BOM, soft hyphen */
    {"x\xE2\x80\x8C\xE2\x80\x8Dy ở", "xy ở"}, /* ZWNJ, ZWJ after Latin: ligature controls */
    {"\xE2\x80\x9CQuyết định\xE2\x80\x9D", "\"Quyết định\""}, /* “ ” */
    {"\xE2\x80\x9E"
     "a\xE2\x80\x9F b\xE2\x80\xB3",
     "\"a\" b\""}, /* „ ‟ ″ */
    {"\xE2\x80\x98"
     "đ\xE2\x80\x99 \xE2\x80\x9A"
     "a\xE2\x80\x9B \xE2\x80\xB2",
     "'đ' 'a' '"},
    {"2016\xE2\x80\x93"
     "2020 Đ",
     "2016-2020 Đ"}, /* – */
    {"a\xE2\x80\x94"
     "b\xE2\x80\x92"
     "c\xE2\x88\x92"
     "d\xE2\x80\x95"
     "ế",
     "a-b-c-d-ế"},
    {"No\xCC\x82\xCC\xA3i vu\xCC\xA3", "Nội vụ"}, /* NFD input */
    {"ho\xCC\x80"
     "a",
     "hòa"},
    {"a\xC2\xAD\xCC\x80", "à"},             /* soft hyphen between letter and mark */
    {"Tỉnh \xFF Đ", "Tỉnh \xEF\xBF\xBD Đ"}, /* invalid byte -> U+FFFD */
    {"Đ x\xE1\xBB", "Đ x\xEF\xBF\xBD"},     /* truncated sequence */
    {"\xED\xA0\x80 ở", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ở"}, /* UTF-8 surrogate */
    {"\xC2\xA0\xC2\xA0", ""},
};

static void test_normalize(void **state) {
  (void)state;
  check_table("parx_normalize", parx_normalize, normalize_cases, COUNT(normalize_cases));
  /* a text taken as normal as it is (and not copied) is one that normalising leaves alone */
  for (size_t i = 0; i < COUNT(normalize_cases); i++) {
    const char *in = normalize_cases[i].input;
    if (px_is_normal(in, strlen(in)) && strcmp(in, normalize_cases[i].expected))
      fail_msg("px_is_normal(\"%s\") is true, but normalising changes it", in);
  }
  static const char *const normal[] = {"Kế hoạch cải cách hành chính năm 2024", "a b", ""};
  for (size_t i = 0; i < COUNT(normal); i++)
    if (!px_is_normal(normal[i], strlen(normal[i]))) fail_msg("\"%s\" is normal", normal[i]);
}

static void test_normalize_nul_and_null(void **state) {
  (void)state;
  const char with_nul[] = {'a', '\0', 'b', ' ', '\xC3', '\xA0'};
  char *got = parx_normalize(with_nul, sizeof with_nul);
  assert_string_equal(got, "ab à");
  free(got);
  got = parx_normalize(with_nul, 3);
  assert_string_equal(got, "ab");
  free(got);
  got = parx_normalize(NULL, 0);
  assert_string_equal(got, "");
  free(got);
  assert_null(parx_normalize(NULL, 4));
}

static void test_normalize_long(void **state) {
  (void)state;
  /* Large enough to exercise the word-at-a-time ASCII check and buffers. */
  size_t n = 100000;
  char *text = malloc(n + 3);
  assert_non_null(text);
  for (size_t i = 0; i < n; i++)
    text[i] = i % 10 == 9 ? ' ' : 'a';
  memcpy(text + n, "\xC3\xA0", 3);
  char *got = parx_normalize(text, n + 2);
  assert_non_null(got);
  assert_int_equal(strlen(got), n + 2); /* nothing to change; "à" is two bytes */
  assert_string_equal(got + n, "à");
  free(got);
  free(text);
}

static char *dup(const char *s) {
  char *d = strdup(s);
  assert_non_null(d);
  return d;
}

static void test_normalize_doc(void **state) {
  (void)state;
  char *cells0[] = {dup(" STT "), dup("Nội\xC2\xA0"
                                      "dung")};
  char *cells1[] = {dup("1"), dup("\xE2\x80\x9CHoàn thành\xE2\x80\x9D  ")};
  parx_row rows[] = {{cells0, 2, 3, 0}, {cells1, 2, 4, 0}};
  parx_block blocks[] = {
      {PARX_BLOCK_PARAGRAPH, dup("  Kế\thoạch  "), NULL, 0, 0, 1, 0, 0},
      {PARX_BLOCK_TABLE, NULL, rows, 2, 2, 3, 0, 0},
  };
  parx_doc doc = {0};
  doc.blocks = blocks;
  doc.nblocks = doc.blocks_cap = 2;

  assert_int_equal(parx_normalize_doc(&doc), 0);
  assert_string_equal(blocks[0].text, "Kế hoạch");
  assert_string_equal(cells0[0], "STT");
  assert_string_equal(cells0[1], "Nội dung");
  assert_string_equal(cells1[0], "1");
  assert_string_equal(cells1[1], "\"Hoàn thành\"");
  assert_int_equal(parx_normalize_doc(NULL), -1);

  free(blocks[0].text);
  for (size_t i = 0; i < 2; i++) {
    free(cells0[i]);
    free(cells1[i]);
  }
}

static const text_case tone_cases[] = {
    {"hoà", "hòa"},
    {"Hoà bình", "Hòa bình"},
    {"HOÀ", "HÒA"},
    {"Oà", "Òa"},
    {"toạ đàm", "tọa đàm"},
    {"xoã", "xõa"},
    {"thoả", "thỏa"},
    {"hoá", "hóa"},
    {"khoẻ", "khỏe"},
    {"loè", "lòe"},
    {"xoé", "xóe"},
    {"KHOẺ", "KHỎE"},
    {"khoẽ", "khõe"},
    {"khoẹ", "khọe"},
    {"thuỷ", "thủy"},
    {"uỷ ban", "ủy ban"},
    {"Uỷ ban", "Ủy ban"},
    {"UỶ BAN", "ỦY BAN"},
    {"tuỳ", "tùy"},
    {"thuý", "thúy"},
    {"luỹ kế", "lũy kế"},
    {"tuỵ", "tụy"},
    {"hoà,", "hòa,"},
    {"(hoà)", "(hòa)"},
    {"quý", "quý"},
    {"Quý I", "Quý I"},
    {"QUÝ", "QUÝ"},
    {"quỳ", "quỳ"},
    {"quỷ", "quỷ"},
    {"hoàng", "hoàng"},
    {"ngoài", "ngoài"},
    {"toàn", "toàn"},
    {"khuỷu", "khuỷu"},
    {"hoạch", "hoạch"},
    {"ngoặc", "ngoặc"},
    {"hòa", "hòa"},
    {"ho\xCC\x80"
     "a",
     "hòa"},
    {"hoa\xCC\x80", "hòa"},
    {"ascii only", "ascii only"},
    {"", ""},
    {"Hoà \xFF", "Hòa \xEF\xBF\xBD"},
};

static void test_tone_canon(void **state) {
  (void)state;
  check_table("parx_tone_canon", parx_tone_canon, tone_cases, COUNT(tone_cases));
  /* when is_canon says so, the text comes back as it is */
  for (size_t i = 0; i < COUNT(tone_cases); i++) {
    const char *in = tone_cases[i].input;
    int same = !strcmp(in, tone_cases[i].expected);
    if (parx_tone_is_canon(in, strlen(in)) && !same)
      fail_msg("parx_tone_is_canon(\"%s\") is true, but the text changes", in);
  }
  /* a pair whose tone stays ("hoàn", "toàn", "quý") is no reason to copy the text */
  static const char *const canon[] = {"", "ascii only, longer than eight bytes",
                                      "Sở Nội vụ chủ trì, hòa giải, thủy lợi",
                                      "hoàn thành toàn bộ trong quý I, Quý II"};
  for (size_t i = 0; i < COUNT(canon); i++)
    if (!parx_tone_is_canon(canon[i], strlen(canon[i]))) fail_msg("\"%s\" is canonical", canon[i]);
  static const char *const not_canon[] = {"eight ascii bytes, then hoà", "thuỷ", "Hoà",
                                          "bad byte \xFF after ascii", "hoa\xCC\x80"};
  for (size_t i = 0; i < COUNT(not_canon); i++)
    if (parx_tone_is_canon(not_canon[i], strlen(not_canon[i])))
      fail_msg("\"%s\" is not canonical", not_canon[i]);
}

/* The one-pass check of a prepared text says what the two checks say together. */
static void test_prepared(void **state) {
  (void)state;
  const text_case *tables[] = {normalize_cases, tone_cases};
  size_t counts[] = {COUNT(normalize_cases), COUNT(tone_cases)};
  static const char *const more[] = {
      "hoàn thành toàn bộ, quý I", "hoà", " hòa", "hòa ", "Thuỷ lợi", "khoẻ.", "a  b", "thủy\tlợi"};
  for (size_t t = 0; t < 3; t++)
    for (size_t i = 0; i < (t < 2 ? counts[t] : COUNT(more)); i++) {
      for (int side = 0; side < (t < 2 ? 2 : 1); side++) {
        const char *in = t < 2 ? (side ? tables[t][i].expected : tables[t][i].input) : more[i];
        size_t n = strlen(in);
        int both = px_is_normal(in, n) && parx_tone_is_canon(in, n);
        if (px_is_prepared(in, n) != both)
          fail_msg("px_is_prepared(\"%s\") is %d, not %d", in, !both, both);
      }
    }
}

static const text_case key_cases[] = {
    {"Sở Nội vụ", "so noi vu"},
    {"ỦY BAN NHÂN DÂN", "uy ban nhan dan"},
    {"Đảng đoàn", "dang doan"},
    {"  Phòng\xC2\xA0 Tư   pháp ", "phong tu phap"},
    {"Sở Tài chính (STC)", "so tai chinh (stc)"},
    {"UBND  Tỉnh", "ubnd tinh"},
    {"ABC \t DEF", "abc def"},
    {"No\xCC\x82\xCC\xA3i", "noi"},
    {"ĐẮK LẮK", "dak lak"},
    {"Nguyễn Thị Hồng", "nguyen thi hong"},
    {"\xE2\x80\x9C"
     "Chỉ số\xE2\x80\x9D \xE2\x80\x93 PAR",
     "\"chi so\" - par"},
    {"\xCC\x81 ế", "e"}, /* a stray mark at the start leaves no space behind */
    {"\xFF", "\xEF\xBF\xBD"},
    {"", ""},
};

/* parx_key's way without ICU gives what ICU gives: every Latin letter up to
 * U+024F and every Vietnamese one, alone and in words, and the cases. */
static void test_key(void **state) {
  (void)state;
  check_table("parx_key", parx_key, key_cases, COUNT(key_cases));
  for (size_t i = 0; i < COUNT(key_cases); i++) {
    const char *in = key_cases[i].input;
    char *fast = parx_key(in, strlen(in)), *icu = px_key_icu(in, strlen(in));
    assert_string_equal(fast, icu);
    free(fast);
    free(icu);
  }
  for (UChar32 cp = 0x80; cp <= 0x1EFF; cp++) {
    if (cp == 0x250) cp = 0x1E00;
    char in[32];
    size_t n = 0;
    in[n++] = ' ';
    in[n++] = 'X';
    U8_APPEND_UNSAFE(in, n, cp);
    memcpy(in + n, "\t S\xE1\xBB\x9F ", 7); /* "\t Sở " */
    n += 7;
    in[n] = '\0';
    char *fast = parx_key(in, n), *icu = px_key_icu(in, n);
    if (strcmp(fast, icu)) fail_msg("U+%04X: key \"%s\", ICU's \"%s\"", (unsigned)cp, fast, icu);
    free(fast);
    free(icu);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_normalize),
      cmocka_unit_test(test_normalize_nul_and_null),
      cmocka_unit_test(test_normalize_long),
      cmocka_unit_test(test_normalize_doc),
      cmocka_unit_test(test_tone_canon),
      cmocka_unit_test(test_prepared),
      cmocka_unit_test(test_key),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The lexer of parx_find_date (see date_lex.h). */
#include "extract/date_lex.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "extract/ustr.h"

UChar32 px_cp_at(const char *s, size_t len, size_t i, size_t *next) {
  UChar32 c;
  U8_NEXT_OR_FFFD(s, i, len, c);
  *next = i;
  return c;
}

UChar32 px_cp_before(const char *s, size_t i, size_t *start) {
  if (i == 0) {
    *start = 0;
    return -1;
  }
  /* ICU's U8_PREV takes int32_t offsets; texts may be longer, so step back
     over at most three continuation bytes and decode forwards. */
  size_t b = i - 1;
  while (b > 0 && i - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80)
    b--;
  size_t end;
  UChar32 c = px_cp_at(s, i, b, &end);
  if (end != i) {
    *start = i - 1;
    return 0xFFFD;
  }
  *start = b;
  return c;
}

int px_is_word_cp(UChar32 c) {
  if (c < 0) return 0;
  if (c < 0x80) /* most characters around a date: no call into ICU */
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

static int same_letter(UChar32 a, UChar32 b) {
  if (a == b) return 1;
  if (a < 0x80 && b < 0x80) /* ASCII folds to lower case alone */
    return (a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' && (a | 0x20) <= 'z';
  return u_foldCase(a, U_FOLD_CASE_DEFAULT) == u_foldCase(b, U_FOLD_CASE_DEFAULT);
}

/* Whether a character beyond ASCII folds to the ASCII letter c: only the
 * long s (U+017F) and the Kelvin sign (U+212A) do. */
static int folds_onto_ascii(unsigned char c) {
  return (c | 0x20) == 's' || (c | 0x20) == 'k';
}

int px_lex_word(px_cursor *c, const char *word) {
  size_t p = c->pos, w = 0, wlen = strlen(word);
  while (w < wlen) {
    if (p >= c->len) return 0;
    unsigned char x = (unsigned char)c->s[p], y = (unsigned char)word[w];
    if (x < 0x80 && y < 0x80) { /* two ASCII characters: compared without decoding */
      if (!same_letter(x, y)) return 0;
      p++, w++;
      continue;
    }
    if (y < 0x80 && !folds_onto_ascii(y)) return 0; /* the text's is beyond ASCII */
    UChar32 a = px_cp_at(c->s, c->len, p, &p);
    UChar32 b = px_cp_at(word, wlen, w, &w);
    if (!same_letter(a, b)) return 0;
  }
  size_t after;
  if (p < c->len && px_is_word_cp(px_cp_at(c->s, c->len, p, &after))) return 0;
  c->pos = p;
  return 1;
}

int px_lex_spaces(px_cursor *c) {
  size_t p = c->pos;
  for (;;) {
    if (p < c->len && px_is_ascii_space((unsigned char)c->s[p])) {
      p++;
    } else if (p + 1 < c->len && (unsigned char)c->s[p] == 0xC2 &&
               (unsigned char)c->s[p + 1] == 0xA0) {
      p += 2; /* U+00A0, should the text not have been normalised */
    } else {
      break;
    }
  }
  if (p == c->pos) return 0;
  c->pos = p;
  return 1;
}

int px_lex_char(px_cursor *c, char ch) {
  if (c->pos >= c->len || c->s[c->pos] != ch) return 0;
  c->pos++;
  return 1;
}

int px_lex_int(px_cursor *c, int min_digits, int max_digits, int *value) {
  size_t p = c->pos;
  int v = 0, n = 0;
  for (; p < c->len && c->s[p] >= '0' && c->s[p] <= '9'; p++, n++)
    if (n < max_digits) v = v * 10 + (c->s[p] - '0');
  if (n < min_digits || n > max_digits) return 0;
  *value = v;
  c->pos = p;
  return 1;
}

/* The letters of a quarter's numeral; a 1 or an l stands for an I, as
 * recognition and hurried typing write it ("Quý 11/2025" is the second
 * quarter: no quarter is numbered 11). */
static char roman_letter(char ch) {
  return ch == 'i' || ch == 'I' || ch == '1' || ch == 'l' ? 'i' : ch == 'v' || ch == 'V' ? 'v' : 0;
}

int px_lex_roman_quarter(px_cursor *c, int *value) {
  static const char *const numerals[] = {"i", "ii", "iii", "iv"};
  char run[5] = {0};
  size_t n = 0;
  while (n < 4 && c->pos + n < c->len && roman_letter(c->s[c->pos + n])) {
    run[n] = roman_letter(c->s[c->pos + n]);
    n++;
  }
  size_t after;
  size_t end = c->pos + n;
  if (n == 0 || (end < c->len && px_is_word_cp(px_cp_at(c->s, c->len, end, &after)))) return 0;
  for (int q = 0; q < 4; q++) {
    if (strcmp(run, numerals[q]) == 0) {
      *value = q + 1;
      c->pos = end;
      return 1;
    }
  }
  return 0;
}

int px_word_ends_at(const char *s, size_t i, const char *word) {
  size_t p = i, w = strlen(word);
  while (w > 0) {
    if (p == 0) return 0;
    UChar32 a = px_cp_before(s, p, &p);
    UChar32 b = px_cp_before(word, w, &w);
    if (!same_letter(a, b)) return 0;
  }
  size_t before;
  return !px_is_word_cp(px_cp_before(s, p, &before));
}

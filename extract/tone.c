/*
 * parx_tone_canon: Vietnamese writes the tone of a final "oa", "oe", "uy"
 * either on the second vowel (hoà, khoẻ, thuỷ) or on the first (hòa, khỏe,
 * thủy). Documents and rules mix both, so matching puts the mark on the first
 * vowel, the spelling most administrative documents use.
 *
 * Rules may run this on whole paragraphs, so it works on the NFC UTF-8
 * directly with a table of the toned vowels instead of an NFD round trip.
 * Decomposed input (combining diacritics) is composed first.
 */
#include "extract/extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "extract/ustr.h"

/* The vowels involved, then each one's toned forms (NFC code points). */
static const char vowels[] = "aAeEyYoOuU";
enum { FIRST_OF_PAIR = 6 }; /* vowels from here on (o O u U) can open a pair */
enum { GRAVE, ACUTE, HOOK, TILDE, DOT, TONES };
static const UChar32 toned[sizeof vowels - 1][TONES] = {
    {0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1}, /* à á ả ã ạ */
    {0x00C0, 0x00C1, 0x1EA2, 0x00C3, 0x1EA0}, /* À Á Ả Ã Ạ */
    {0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9}, /* è é ẻ ẽ ẹ */
    {0x00C8, 0x00C9, 0x1EBA, 0x1EBC, 0x1EB8}, /* È É Ẻ Ẽ Ẹ */
    {0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5}, /* ỳ ý ỷ ỹ ỵ */
    {0x1EF2, 0x00DD, 0x1EF6, 0x1EF8, 0x1EF4}, /* Ỳ Ý Ỷ Ỹ Ỵ */
    {0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD}, /* ò ó ỏ õ ọ */
    {0x00D2, 0x00D3, 0x1ECE, 0x00D5, 0x1ECC}, /* Ò Ó Ỏ Õ Ọ */
    {0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5}, /* ù ú ủ ũ ụ */
    {0x00D9, 0x00DA, 0x1EE6, 0x0168, 0x1EE4}, /* Ù Ú Ủ Ũ Ụ */
};

/* One more than each ASCII vowel's index in `vowels`, 0 for other bytes: this
 * runs on every byte of the text, so it is a look-up, not a search. */
static const signed char vowel_slot[128] = {['a'] = 1, ['A'] = 2, ['e'] = 3, ['E'] = 4, ['y'] = 5,
                                            ['Y'] = 6, ['o'] = 7, ['O'] = 8, ['u'] = 9, ['U'] = 10};

/* The index in `vowels` of an ASCII vowel, or -1. */
static int vowel_index(UChar32 c) {
  return c > 0 && c < 0x80 ? vowel_slot[c] - 1 : -1;
}

/* Splits a toned vowel into its vowel's index and its tone; 0 if it is none. */
static int split_toned(UChar32 c, int *vowel, int *tone) {
  for (int v = 0; v < (int)sizeof vowels - 1; v++)
    for (int t = 0; t < TONES; t++)
      if (toned[v][t] == c) {
        *vowel = v;
        *tone = t;
        return 1;
      }
  return 0;
}

/* 1 for the pairs whose tone placement varies: oa, oe, uy (any case). */
static int is_variable_pair(int first, int second) {
  char a = (char)(vowels[first] | 0x20), b = (char)(vowels[second] | 0x20);
  return (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
}

/*
 * 1 when nothing of the syllable follows byte i. Only a final pair varies:
 * in "hoàng", "ngoài" or "khuỷu" the mark is on the second vowel either way.
 */
static int ends_syllable(const char *s, size_t len, size_t i) {
  if (i >= len) return 1;
  UChar32 c;
  U8_NEXT_OR_FFFD(s, i, len, c);
  return !u_isalpha(c) && !(U_GET_GC_MASK(c) & U_GC_M_MASK);
}

/*
 * Reads the vowel pair at byte i whose first vowel is `first` (an index in
 * `vowels`); writes it with the tone moved and returns its end, or 0.
 */
static size_t move_tone(const char *s, size_t len, size_t i, int first, char *out, size_t *o) {
  UChar32 c;
  int second, tone;
  size_t next = i + 1; /* the first vowel is ASCII */
  if (next >= len) return 0;
  U8_NEXT_OR_FFFD(s, next, len, c);
  if (!split_toned(c, &second, &tone) || !is_variable_pair(first, second) ||
      !ends_syllable(s, len, next))
    return 0;
  U8_APPEND_UNSAFE(out, *o, toned[first][tone]);
  out[(*o)++] = vowels[second];
  return next;
}

/* The tone moves over NFC UTF-8; invalid sequences become U+FFFD. */
static char *canon_nfc(const char *s, size_t len) {
  /* Moving a tone never lengthens the text; U+FFFD may triple a bad byte. */
  char *out = malloc(len * 3 + 1);
  if (!out) return NULL;
  size_t o = 0;
  UChar32 prev = 0;
  for (size_t i = 0; i < len;) {
    int first = vowel_index((unsigned char)s[i]);
    if (first < FIRST_OF_PAIR && !((unsigned char)s[i] & 0x80)) {
      prev = (unsigned char)s[i]; /* ASCII that opens no pair: as it is */
      out[o++] = s[i++];
      continue;
    }
    size_t end = 0;
    /* After q the u belongs to the consonant "qu": in "quý" y is the vowel. */
    if (first >= FIRST_OF_PAIR && !((s[i] | 0x20) == 'u' && (prev | 0x20) == 'q'))
      end = move_tone(s, len, i, first, out, &o);
    if (end) {
      prev = 'a'; /* any vowel: what matters is that it is not q */
      i = end;
      continue;
    }
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, len, c);
    U8_APPEND_UNSAFE(out, o, c);
    prev = c;
  }
  out[o] = '\0';
  char *fit = realloc(out, o + 1);
  return fit ? fit : out;
}

/* 1 when s holds a combining diacritic, U+0300-U+036F (lead byte CC or CD). */
static int has_combining_marks(const char *s, size_t len) {
  return memchr(s, 0xCC, len) || memchr(s, 0xCD, len);
}

/* 1 when the toned letter c, from byte `at` to byte `end` of s, makes with
 * the ASCII vowel before it a pair whose tone canon_nfc moves: a final oà,
 * oé, uỷ … (not after the q of "qu"). */
static int misplaced_pair(const char *s, size_t len, size_t at, size_t end, UChar32 c) {
  int first = vowel_index((unsigned char)s[at - 1]), vowel, tone;
  /* the toned a, e (after o) and y (after u) all lie in these two ranges */
  return first >= FIRST_OF_PAIR && ((c >= 0xC0 && c <= 0xFD) || (c >= 0x1EA0 && c <= 0x1EF9)) &&
         split_toned(c, &vowel, &tone) && is_variable_pair(first, vowel) &&
         !((s[at - 1] | 0x20) == 'u' && at >= 2 && (s[at - 2] | 0x20) == 'q') &&
         ends_syllable(s, len, end);
}

int px_tone_moves(const char *s, size_t len, size_t at, size_t end) {
  if (vowel_index((unsigned char)s[at - 1]) < FIRST_OF_PAIR) return 0;
  size_t i = at;
  UChar32 c;
  U8_NEXT(s, i, len, c);
  return c >= 0 && misplaced_pair(s, len, at, end, c);
}

/* One pass, eight ASCII bytes at a time: valid UTF-8 without combining marks
 * and without a pair whose tone moves, as most text is ("hoàn", "quý" and
 * "toàn" keep theirs). */
int parx_tone_is_canon(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    uint64_t w;
    if (i + 8 <= len && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080u))) {
      i += 8;
      continue;
    }
    if (!((unsigned char)s[i] & 0x80)) {
      i++;
      continue;
    }
    size_t at = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0 || (c >= 0x0300 && c <= 0x037F) || (at && misplaced_pair(s, len, at, i, c))) return 0;
  }
  return 1;
}

char *parx_tone_canon(const char *s, size_t len) {
  if (!s) return len ? NULL : canon_nfc("", 0);
  if (parx_tone_is_canon(s, len)) return strndup(s, len);
  if (!has_combining_marks(s, len)) return canon_nfc(s, len);
  size_t nfc_len;
  char *nfc = px_nfc_utf8(s, len, &nfc_len);
  if (!nfc) return NULL;
  char *out = canon_nfc(nfc, nfc_len);
  free(nfc);
  return out;
}

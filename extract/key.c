/*
 * parx_key: the spelling-blind key of a heading or an agency name, so that
 * "SỞ NỘI VỤ", "Sở Nội vụ" and "So Noi vu" all compare equal.
 */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "extract/ustr.h"

/* Drops the combining diacritics NFD split off and the joiners, and turns đ
 * into d. */
static int32_t strip_marks(UChar *u, int32_t n) {
  int32_t o = 0;
  for (int32_t i = 0; i < n; i++) {
    UChar c = u[i];
    /* the joiners (U+200C/D) shape letters but do not tell words apart */
    if ((c >= 0x0300 && c <= 0x036F) || c == 0x200C || c == 0x200D) continue;
    /* đ is a letter of its own, not d plus a mark: NFD leaves it whole. */
    if (c == 0x0111 || c == 0x0110) c = 'd';
    u[o++] = c;
  }
  return o;
}

/* The key of each precomposed Latin letter of these runs of code points:
 * its lower case without marks ('đ' is 'd'), or '?' for a letter that takes
 * the full path (æ, ø, ß …). test_extract_text holds every one of them
 * against px_key_icu. */
static const struct {
  UChar32 first;
  const char *keys;
} latin_keys[] = {
    {0x00C0, "aaaaaa?ceeeeiiii?nooooo??uuuuy??aaaaaa?ceeeeiiii?nooooo??uuuuy?y"},
    {0x0100, "aaaaaaccccccccddddeeeeeeeeeegggggggghh??iiiiiiiii???jjkk?llllll????nnnnnn???oooooo??"
             "rrrrrrsssssssstttt??uuuuuuuuuuuuwwyyyzzzzzz?????????????????????????????????oo??????"
             "???????uu"},
    {0x1EA0,
     "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyy"
     "yyyy"},
};

static char latin_key(UChar32 c) {
  for (size_t r = 0; r < sizeof latin_keys / sizeof *latin_keys; r++) {
    size_t k = (size_t)(c - latin_keys[r].first);
    if (c >= latin_keys[r].first && k < strlen(latin_keys[r].keys)) return latin_keys[r].keys[k];
  }
  return '?';
}

/* The key of text of ASCII and the letters above, as px_key_icu makes it
 * (white space collapsed and trimmed, NUL bytes dropped) but without ICU;
 * NULL, with *other set, when another character is met. */
static char *latin_text_key(const char *s, size_t len, int *other) {
  char *out = malloc(len + 1); /* a key is never longer than its text */
  if (!out) return NULL;
  size_t o = 0;
  int pending = 0; /* a space is owed before the next key */
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    char k = (char)c;
    if (c < 0x80) {
      i++;
      if (!c) continue;
      if (px_is_ascii_space(c)) {
        pending = o > 0;
        continue;
      }
      if (c >= 'A' && c <= 'Z') k = (char)(c + ('a' - 'A'));
    } else {
      UChar32 cp;
      U8_NEXT(s, i, len, cp);
      k = cp < 0 ? '?' : latin_key(cp);
      if (k == '?') {
        free(out);
        *other = 1;
        return NULL;
      }
    }
    if (pending) out[o++] = ' ';
    pending = 0;
    out[o++] = k;
  }
  out[o] = '\0';
  return out;
}

char *parx_key(const char *s, size_t len) {
  if (!s) return len ? NULL : px_ascii_collapse("", 0, 1);
  if (px_is_ascii(s, len)) return px_ascii_collapse(s, len, 1);
  int other = 0;
  char *key = latin_text_key(s, len, &other);
  return other ? px_key_icu(s, len) : key;
}

char *px_key_icu(const char *s, size_t len) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
  if (U_FAILURE(err)) return NULL;
  int32_t n;
  UChar *u = px_utf8_to_utf16(s, len, &n);
  if (!u) return NULL;
  n = px_map_chars(u, n);
  /* Lower case before NFD: some capitals lower to a letter plus a mark (İ). */
  u = px_lower_u16(u, &n);
  if (u) u = px_normalize_u16(nfd, u, &n);
  if (!u) return NULL;
  n = strip_marks(u, n);
  char *out = px_utf16_to_utf8_collapsed(u, n);
  free(u);
  return out;
}

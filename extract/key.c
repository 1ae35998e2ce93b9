/*
 * parx_key: the spelling-blind key of a heading or an agency name, so that
 * "SỞ NỘI VỤ", "Sở Nội vụ" and "So Noi vu" all compare equal.
 */
#include "extract/extract.h"

#include <stdlib.h>

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

char *parx_key(const char *s, size_t len) {
  if (!s) return len ? NULL : px_ascii_collapse("", 0, 1);
  if (px_is_ascii(s, len)) return px_ascii_collapse(s, len, 1);

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

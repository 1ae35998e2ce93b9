/*
 * List markers of recognised pages repaired: recognition misreads a lone
 * letter before ")" ("g)" as "ø)"), repaired from the markers before it, and
 * reads a bullet as signs ("®_", "s®"); a marker lost costs the heading it
 * opens (an agency's, with its tasks) or the item it opens.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* The letters of list markers, in order: the Vietnamese alphabet, which has
 * no f, j, w or z. */
static const char *const letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                      "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
enum { NLETTERS = sizeof letters / sizeof letters[0] };

/* The place in `letters` of marker word "x)" (either case), -1 for another
 * letter, not ASCII, before ")" (a misread marker), -2 for no marker. */
static int marker_letter(const char *word) {
  const char *close = *word ? g_utf8_next_char(word) : word;
  if (!*word || strcmp(close, ")")) return -2;
  char lower[8];
  gunichar c = g_unichar_tolower(g_utf8_get_char(word));
  lower[g_unichar_to_utf8(c, lower)] = '\0';
  for (int i = 0; i < NLETTERS; i++)
    if (!strcmp(lower, letters[i])) return i;
  return c > 0x7F && g_unichar_isalpha(c) ? -1 : -2;
}

int pdf_ocr_repair_mark(char **word, int *last) {
  int at = marker_letter(*word);
  if (at >= 0) {
    *last = at;
    return 0;
  }
  if (at == -2 || *last < 0 || *last + 1 >= NLETTERS) return 0;
  char *fixed = g_strconcat(letters[*last + 1], ")", NULL);
  if (!fixed) return -1;
  free(*word);
  *word = strdup(fixed);
  g_free(fixed);
  if (!*word) return -1;
  *last += 1;
  return 0;
}

/* A sign no text is written with: a symbol (®, ©, °, ■) or a mark of
 * punctuation outside ASCII (§, ¶, ·). */
static int is_sign(gunichar c) {
  GUnicodeType t = g_unichar_type(c);
  return c > 0x7F && (t == G_UNICODE_OTHER_SYMBOL || t == G_UNICODE_MATH_SYMBOL ||
                      t == G_UNICODE_MODIFIER_SYMBOL || t == G_UNICODE_CURRENCY_SYMBOL ||
                      t == G_UNICODE_OTHER_PUNCTUATION);
}

int pdf_ocr_repair_bullet(char **word) {
  size_t letters = 0, signs = 0;
  for (const char *p = *word; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isdigit(c)) return 0;
    letters += g_unichar_isalpha(c) != 0;
    signs += is_sign(c);
  }
  if (!signs || letters > 1) return 0;
  char *bullet = strdup("\xE2\x80\xA2"); /* • */
  if (!bullet) return -1;
  free(*word);
  *word = bullet;
  return 0;
}

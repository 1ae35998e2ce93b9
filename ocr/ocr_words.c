/*
 * Words repaired where recognition leaves a sign that cannot be right: a
 * closing bracket that no opening bracket precedes is a vertical stroke
 * misread (Tesseract reads the I of "(DDCI)" and the l of "l)" as "]"); a
 * number of points ("1đ", "0,5đ") cannot hold letters, so the l, I or | in
 * it is a 1 and the O a 0 ("lđ" is "1đ").
 */
#include <string.h>

#include "ocr.h"

/* "đ", the abbreviation of điểm (points), in UTF-8. */
#define DONG "\xC4\x91"

/* Repairs a number of points whose digits were read as letters. */
static void repair_points(char *word) {
  size_t n = strlen(word);
  while (n && strchr(".,;:)", word[n - 1]))
    n--; /* the punctuation after it */
  if (n < 3 || strncmp(word + n - 2, DONG, 2)) return;
  size_t digits = 0, lookalikes = 0;
  for (size_t i = 0; i + 2 < n; i++) {
    char c = word[i];
    if (c >= '0' && c <= '9')
      digits++;
    else if (c == 'l' || c == 'I' || c == '|' || c == 'O')
      lookalikes++;
    else if (!(i && (c == ',' || c == '.')))
      return;
  }
  if (!lookalikes || (!digits && n - 2 > 1)) return; /* "lđ" alone, or digits beside */
  for (size_t i = 0; i + 2 < n; i++)
    if (strchr("lI|", word[i]))
      word[i] = '1';
    else if (word[i] == 'O')
      word[i] = '0';
}

void parx_ocr_repair_word(char *word) {
  repair_points(word);
  int open = 0;
  for (char *p = word; *p; p++) {
    if (*p == '[') open++;
    if (*p != ']') continue;
    if (open) {
      open--;
      continue;
    }
    /* a capital before it: the I of an acronym; the word's start before a
     * closing parenthesis: the l of a list marker; otherwise left alone */
    if (p > word && p[-1] >= 'A' && p[-1] <= 'Z')
      *p = 'I';
    else if (p == word && p[1] == ')')
      *p = 'l';
  }
}

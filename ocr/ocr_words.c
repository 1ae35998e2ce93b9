/*
 * Words repaired where recognition leaves a sign that cannot be right: a
 * closing bracket that no opening bracket precedes is a vertical stroke
 * misread (Tesseract reads the I of "(DDCI)" and the l of "l)" as "]").
 */
#include <string.h>

#include "ocr.h"

void parx_ocr_repair_word(char *word) {
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

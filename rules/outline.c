/*
 * The outline of a document, defined once for every part of assembly: the
 * marker that opens an item (I., 1.2., a), *, -, +), its depth, what makes an
 * item a heading, and where a sentence ends.
 */
#include "assembly.h"

#include <ctype.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* Bytes of a text in which an article marker ("Điều 12. ") is looked for. */
enum { ARTICLE_REACH = 64 };

static int is_roman(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strchr("IVXLC", s[i])) return 0;
  return n > 0;
}

/* True when text s, of at most HEADING_MAX bytes, has no lower-case letter. */
static int in_capitals(const char *s) {
  int32_t i = 0, n = (int32_t)strnlen(s, HEADING_MAX + 1);
  if (n > HEADING_MAX) return 0;
  while (i < n) {
    UChar32 cp;
    U8_NEXT((const uint8_t *)s, i, n, cp);
    if (cp < 0 || u_islower(cp)) return 0;
  }
  return 1;
}

/* The marker's kind and length, MARK_NONE and 0 if none. */
static marker_kind marker_at(ctx *c, const char *s, size_t *len) {
  size_t i = 0;
  *len = 0;
  if ((s[0] == '-' || s[0] == '+' || s[0] == '*') && s[1] == ' ') {
    *len = 2;
    return s[0] == '-' ? MARK_DASH : s[0] == '+' ? MARK_PLUS : MARK_STAR;
  }
  /* "*Sở Nội vụ": a DOCX keeps the star its converter left of a "***" bullet */
  if (s[0] == '*' && (isupper((unsigned char)s[1]) || (unsigned char)s[1] >= 0xC3)) {
    *len = 1;
    return MARK_STAR;
  }
  if (!strncmp(s, "\xE2\x80\xA2", 3) || parx_symbol_bullet(s, strnlen(s, 3))) { /* • */
    *len = s[3] == ' ' ? 4 : 3;
    return MARK_PLUS;
  }
  parx_match match;
  /* the article marker opens the text: a short look, not the whole text */
  if (match_rule(c, RULE_SECTION_ARTICLE, s, strnlen(s, ARTICLE_REACH), 0, &match)) {
    *len = match.end; /* "Điều 2." opens an article of a decision */
    return MARK_NUMBER;
  }
  while (s[i] && strchr("IVXLC", s[i]))
    i++;
  if (i && is_roman(s, i) && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') {
    *len = i + 2;
    return MARK_ROMAN;
  }
  /* "II NỘI DUNG": a numeral whose dot was lost (to recognition, or a
   * hurried hand) still opens a section when its line is in capitals */
  if (i && i <= 4 && is_roman(s, i) && s[i] == ' ' && s[i + 1] != ' ' && in_capitals(s + i + 1)) {
    *len = i + 1;
    return MARK_ROMAN;
  }
  i = 0;
  if (isdigit((unsigned char)s[0])) {
    while (isdigit((unsigned char)s[i]) || (s[i] == '.' && isdigit((unsigned char)s[i + 1])))
      i++;
    if ((s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') {
      *len = i + 2;
      return MARK_NUMBER;
    }
    return MARK_NONE;
  }
  size_t w = (unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x91 ? 2 : 1; /* đ */
  if ((w == 2 || (s[0] >= 'a' && s[0] <= 'z')) && (s[w] == ')' || s[w] == '.') && s[w + 1] == ' ') {
    *len = w + 2;
    return MARK_LETTER;
  }
  return MARK_NONE;
}

/* Outline depth: I. is 1, 1. is 2, 1.1. is 3, a) below them, * lowest. */
static int depth(const char *s, marker_kind kind) {
  switch (kind) {
  case MARK_ROMAN:
    return 1;
  case MARK_NUMBER: {
    int level = 2;
    for (const char *p = s; *p && *p != ' '; p++)
      level += *p == '.' && p[1] >= '0' && p[1] <= '9';
    return level;
  }
  case MARK_LETTER:
    return 8;
  case MARK_STAR:
    return 9;
  default:
    return 10;
  }
}

marker outline_marker(ctx *c, const char *s) {
  marker m;
  m.kind = marker_at(c, s, &m.len);
  m.level = depth(s, m.kind);
  return m;
}

int is_heading(const char *t, size_t n, marker_kind kind) {
  if (kind != MARK_ROMAN && kind != MARK_NUMBER && kind != MARK_LETTER && kind != MARK_STAR)
    return 0;
  if (!n || n >= HEADING_MAX || t[n - 1] == '.' || t[n - 1] == ';') return 0;
  for (size_t i = 0; i + 1 < n; i++)
    if (full_stop_at(t, i, n)) return 0;
  return 1;
}

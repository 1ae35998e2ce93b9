/*
 * Internal to the extract stage: the small lexer parx_find_date reads dates
 * with. A cursor walks NFC UTF-8 text; every lex_* function either consumes
 * what it names and returns 1, or leaves the cursor where it was and
 * returns 0, so the date forms read as sequences of lex_* calls.
 */
#ifndef PARX_EXTRACT_DATE_LEX_H
#define PARX_EXTRACT_DATE_LEX_H

#include <stddef.h>

#include <unicode/umachine.h>

typedef struct px_cursor {
  const char *s;
  size_t len;
  size_t pos; /* byte offset of the next code point */
} px_cursor;

/* The code point at byte i (U+FFFD for a bad sequence); *next gets its end. */
UChar32 px_cp_at(const char *s, size_t len, size_t i, size_t *next);

/* The code point ending at byte i, or -1 at the start; *start gets its start. */
UChar32 px_cp_before(const char *s, size_t i, size_t *start);

/* 1 for what continues a word: letters, digits, combining marks. */
int px_is_word_cp(UChar32 c);

/* Consumes `word` (lower-case UTF-8) in any case, when no word character follows. */
int px_lex_word(px_cursor *c, const char *word);

/* Consumes one or more white space characters. */
int px_lex_spaces(px_cursor *c);

/* Consumes the ASCII character ch. */
int px_lex_char(px_cursor *c, char ch);

/* Consumes a run of min..max digits not followed by another digit. */
int px_lex_int(px_cursor *c, int min_digits, int max_digits, int *value);

/* Consumes a Roman numeral I to IV (any case; a 1 or an l for an I) not
 * followed by a word character. */
int px_lex_roman_quarter(px_cursor *c, int *value);

/* 1 when `word` (lower-case UTF-8, any case in s) ends at byte i of s and starts a word. */
int px_word_ends_at(const char *s, size_t i, const char *word);

#endif

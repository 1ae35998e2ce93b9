/*
 * Internal to the extract stage: UTF-8 <-> UTF-16 plumbing shared by
 * normalize.c, key.c and tone.c. Not part of the stage's interface.
 *
 * ICU's C normalisation and case APIs work on UTF-16, so the Unicode paths
 * convert once, transform the UTF-16 buffer, and convert back once.
 */
#ifndef PARX_EXTRACT_USTR_H
#define PARX_EXTRACT_USTR_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/unorm2.h>
#include <unicode/utypes.h>

/* Longest input the Unicode paths accept; keeps every buffer size in int32_t. */
#define PX_MAX_INPUT ((size_t)INT32_MAX / 4)

/* 1 when the len bytes at s are all ASCII (so ICU can be skipped). */
int px_is_ascii(const char *s, size_t len);

/* 1 for the ASCII white space characters (space, \t, \n, \v, \f, \r). Inline:
   it runs on every character. */
static inline int px_is_ascii_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/* True when parx_normalize would return s as it is: plain ASCII or
 * precomposed Latin (px_is_plain_nfc), words separated by single spaces. */
int px_is_normal(const char *s, size_t len);
/* parx_key through ICU: NFD of the lower case, marks dropped (key.c; parx_key
 * takes a shorter way through Vietnamese text). */
char *px_key_icu(const char *s, size_t len);

/* px_is_normal and parx_tone_is_canon in one pass, as most text is both. */
int px_is_prepared(const char *s, size_t len);
/* True when parx_tone_canon moves the tone of the letter from byte `at` to
 * byte `end` of NFC text onto the vowel before it (tone.c). */
int px_tone_moves(const char *s, size_t len, size_t at, size_t end);

/*
 * The ASCII fast path of parx_normalize and parx_key: white space collapsed
 * to one space and trimmed, NUL bytes dropped, letters lowered when `lower`.
 */
/* True when s holds only ASCII and precomposed Latin letters that NFC and
 * the character mapping leave as they are (most Vietnamese text): then
 * collapsing white space is the whole normalisation. */
int px_is_plain_nfc(const char *s, size_t len);

char *px_ascii_collapse(const char *s, size_t len, int lower);

/* UTF-8 to a malloc'd UTF-16 buffer; invalid sequences become U+FFFD. */
UChar *px_utf8_to_utf16(const char *s, size_t len, int32_t *n16);

/* UTF-8 in NFC, malloc'd, its length in *out_len; bad sequences become U+FFFD. */
char *px_nfc_utf8(const char *s, size_t len, size_t *out_len);

/*
 * UTF-16 to malloc'd UTF-8, runs of ' ' collapsed to one and trimmed. The
 * caller has already turned every other white space character into ' '.
 */
char *px_utf16_to_utf8_collapsed(const UChar *u, int32_t n);

/* Applies the normaliser to u (taking ownership); returns the result or NULL. */
UChar *px_normalize_u16(const UNormalizer2 *norm, UChar *u, int32_t *n);

/* Lower-cases u with the root locale (taking ownership); returns the result or NULL. */
UChar *px_lower_u16(UChar *u, int32_t *n);

/*
 * The character mapping of parx_normalize applied in place: odd spaces to
 * ' ', zero-width characters and soft hyphens removed, typographic quotes
 * and dashes to ASCII. Returns the new length.
 */
int32_t px_map_chars(UChar *u, int32_t n);

#endif

/*
 * extract: Unicode and Vietnamese-language services built on ICU. This header
 * is the stage's whole interface.
 *
 * Normalisation (NFC, spaces, quotes, dashes), one tone-mark placement for
 * matching, diacritic-free keys, Vietnamese numbers and dates. All functions
 * are pure: no state is kept between calls, so they are safe on threads.
 * Strings returned are malloc'd and NUL-terminated, and the caller's; NULL
 * means out of memory (or invalid input where stated). Pointer arguments are
 * borrowed for the call (parx_normalize_doc replaces the document's strings
 * in place, freeing the old ones).
 */
#ifndef PARX_EXTRACT_H
#define PARX_EXTRACT_H

#include <stddef.h>

#include "ingest/ingest.h"

/*
 * NFC; non-breaking, zero-width and other odd spaces become a plain space or
 * nothing; typographic quotes become " and '; en/em dashes and minus signs
 * become '-'; runs of white space collapse to one space; trimmed. Invalid
 * UTF-8 becomes U+FFFD and NUL bytes are dropped; pure ASCII skips ICU.
 */
char *parx_normalize(const char *s, size_t len);

/* Normalises every paragraph and cell of a document in place. 0 on success. */
int parx_normalize_doc(parx_doc *doc);

/*
 * One tone-mark placement, for matching: the mark of "oa", "oe", "uy" sits on
 * the second vowel (hoà -> hòa, uỷ -> ủy, thuý -> thúy). Input and output NFC.
 * That is, the mark moves onto the o or u of a syllable-final oa/oe/uy;
 * "hoàn", "khuỷu" and "quý" (qu is the consonant there) are left alone.
 */
char *parx_tone_canon(const char *s, size_t len);
/* True when parx_tone_canon would return s as it is: most text, which a
 * caller then need not copy. */
int parx_tone_is_canon(const char *s, size_t len);

/* Readies a document for the rules in place, string by string, in one pass:
 * parx_normalize_doc, then parx_tone_canon of every paragraph and cell (and
 * of a table's own text). 0 on success. */
int parx_prepare_doc(parx_doc *doc);

/* Key for headings and agency names: lower case, no diacritics, đ -> d,
 * punctuation kept, white space collapsed ("Sở Nội vụ" -> "so noi vu"). */
char *parx_key(const char *s, size_t len);

/*
 * Vietnamese number: decimal comma or dot ("7,50" 7.5, "0.5", "17,686"
 * 17.686), thousands dots ("1.962" 1962, "1.234.567"; a dot followed by
 * exactly three digits and nothing else numeric counts as thousands when
 * `thousands_dot` is set, else as a decimal point). Surrounding white space
 * is allowed, other characters are not. Returns 1 and sets *out on success.
 * Also: a leading '-' is allowed, "0.500" is a decimal (no group starts with
 * 0), "1,234.5" is rejected, at most 15 significant digits; *out is left
 * alone on failure.
 */
int parx_parse_number(const char *s, size_t len, int thousands_dot, double *out);

typedef enum parx_date_kind {
  PARX_DATE_DAY,     /* 20/12/2017, ngày 09 tháng 10 năm 2017, 15/11 */
  PARX_DATE_MONTH,   /* tháng 12/2017, tháng 12 năm 2017 */
  PARX_DATE_QUARTER, /* Quý I/2018, quý IV năm 2018, Quý II */
  PARX_DATE_YEAR     /* năm 2018 */
} parx_date_kind;

typedef struct parx_date {
  parx_date_kind kind;
  int year, month, day; /* the last day the expression allows */
  size_t start, end;    /* byte span of the expression in the input */
} parx_date;

/*
 * Finds the first date expression in s at or after byte `from`. A missing
 * year is `default_year`. Document numbers ("24/2021/QĐ-UBND") and ranges of
 * years ("2016-2020") are not dates. Returns 1 and fills *out when found.
 * The year-only form is found only when `allow_year` is set. A day/month
 * without year counts only after "ngày", "trước", "đến", "hạn", "từ",
 * "chậm nhất", or when both numbers have two digits ("05/01"); see
 * extract/dates.c for the full rules.
 */
int parx_find_date(const char *s, size_t len, size_t from, int default_year, int allow_year,
                   parx_date *out);

/* Number of days in a month (handles leap years); 0 when month is not 1-12. */
int parx_days_in_month(int year, int month);

#endif

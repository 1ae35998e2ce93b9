/*
 * parx_find_date: deadlines and periods as Vietnamese plans write them.
 *
 * Forms, tried at each word start from `from` on (case-insensitive):
 *   20/12/2017  20-12-2017  20.12.2017  ngày 09 tháng 10 năm 2017    DAY
 *   15/11 (year: default_year)                                         DAY
 *   tháng 12/2017  tháng 12 năm 2017  tháng 12                         MONTH
 *   Quý I/2018  quý IV năm 2018  Quý II  quý 3  (quí too)              QUARTER
 *   6 tháng đầu năm 2018  6 tháng cuối năm (its June or December)      MONTH
 *   năm 2018 (only when allow_year)                                    YEAR
 * A month, quarter or year stands for its last day.
 *
 * What is not a date:
 * - a number glued to letters or another number: "24/2021/QĐ-UBND",
 *   "30c/NQ-CP", "0,5/1". A date starts after a non-word character other
 *   than '/', '.', ',' (and not after a letter and '-'), and ends before one
 *   that is not a letter or digit and is not '/' or '.' before a letter or
 *   digit, nor '-' before a letter;
 * - a day/month without year, unless it follows "ngày", "trước", "đến",
 *   "hạn", "từ" or "chậm nhất" (a colon may sit between), or both numbers
 *   have two digits ("05/01"): scores such as "5/9" look the same;
 * - "năm" before a range of years ("năm 2016-2020", "năm 2021 - 2026");
 * - out of range values: years outside 1900-2100, "31/4", "29/02/2019".
 * Words around a numeric date ("ngày 20/12/2017") are not part of its span.
 */
#include "extract/extract.h"

#include <unicode/uchar.h>

#include "extract/date_lex.h"

typedef struct scan {
  const char *s;
  size_t len;
  int default_year;
} scan;

static int is_letter(UChar32 c) {
  return c >= 0 && u_isalpha(c);
}

static px_cursor cursor_at(const scan *sc, size_t pos) {
  px_cursor c = {sc->s, sc->len, pos};
  return c;
}

/* Fills *out when the values make a real date; 1 then. */
static int make_date(parx_date *out, parx_date_kind kind, int year, int month, int day,
                     size_t start, size_t end) {
  if (year < 1900 || year > 2100 || day < 1 || day > parx_days_in_month(year, month)) return 0;
  parx_date d = {kind, year, month, day, start, end};
  *out = d;
  return 1;
}

/* 1 when a date may end at byte e (see the header comment). */
static int ends_cleanly(const scan *sc, size_t e) {
  if (e >= sc->len) return 1;
  size_t next, after;
  UChar32 c = px_cp_at(sc->s, sc->len, e, &next);
  if (px_is_word_cp(c)) return 0;
  UChar32 d = next < sc->len ? px_cp_at(sc->s, sc->len, next, &after) : -1;
  if ((c == '/' || c == '.') && px_is_word_cp(d)) return 0;
  return !(c == '-' && is_letter(d));
}

/* 1 when a numeric date may start at byte p (see the header comment). */
static int starts_cleanly(const scan *sc, size_t p) {
  size_t q, r;
  UChar32 c = px_cp_before(sc->s, p, &q);
  if (px_is_word_cp(c) || c == '/' || c == '.' || c == ',') return 0;
  /* "QĐ-15/11" goes on with a document number; "15/11-20/11" is a range. */
  return !(c == '-' && is_letter(px_cp_before(sc->s, q, &r)));
}

/* "/2017", " năm 2017" or nothing (default year); 0 on "/" without a year. */
static int lex_year_suffix(px_cursor *c, int default_year, int *year) {
  if (px_lex_char(c, '/')) return px_lex_int(c, 4, 4, year);
  px_cursor save = *c;
  if (px_lex_spaces(c) && px_lex_word(c, "năm") && px_lex_spaces(c) && px_lex_int(c, 4, 4, year))
    return 1;
  *c = save;
  *year = default_year;
  return 1;
}

/* "ngày 09 tháng 10 năm 2017", "ngày 9 tháng 10". */
static int match_day_words(const scan *sc, size_t p, parx_date *out) {
  px_cursor c = cursor_at(sc, p);
  int day, month, year;
  if (!px_lex_word(&c, "ngày") || !px_lex_spaces(&c) || !px_lex_int(&c, 1, 2, &day) ||
      !px_lex_spaces(&c) || !px_lex_word(&c, "tháng") || !px_lex_spaces(&c) ||
      !px_lex_int(&c, 1, 2, &month) || !lex_year_suffix(&c, sc->default_year, &year))
    return 0;
  return ends_cleanly(sc, c.pos) && make_date(out, PARX_DATE_DAY, year, month, day, p, c.pos);
}

/* "tháng 12/2017", "tháng 12 năm 2017", "tháng 12". */
static int match_month(const scan *sc, size_t p, parx_date *out) {
  px_cursor c = cursor_at(sc, p);
  int month, year;
  if (!px_lex_word(&c, "tháng") || !px_lex_spaces(&c) || !px_lex_int(&c, 1, 2, &month) ||
      !lex_year_suffix(&c, sc->default_year, &year) || !ends_cleanly(sc, c.pos))
    return 0;
  return make_date(out, PARX_DATE_MONTH, year, month, parx_days_in_month(year, month), p, c.pos);
}

/* "Quý I/2018", "quý IV năm 2018", "Quý II", "quý 3". */
static int match_quarter(const scan *sc, size_t p, parx_date *out) {
  px_cursor c = cursor_at(sc, p);
  int quarter, year;
  if (!(px_lex_word(&c, "quý") || px_lex_word(&c, "quí")) || !px_lex_spaces(&c)) return 0;
  if (!px_lex_roman_quarter(&c, &quarter) &&
      !(px_lex_int(&c, 1, 1, &quarter) && quarter >= 1 && quarter <= 4))
    return 0;
  if (!lex_year_suffix(&c, sc->default_year, &year) || !ends_cleanly(sc, c.pos)) return 0;
  int month = quarter * 3;
  return make_date(out, PARX_DATE_QUARTER, year, month, parx_days_in_month(year, month), p, c.pos);
}

/* "6 tháng đầu năm 2025", "6 tháng cuối năm": a half year, to its last day. */
static int match_half_year(const scan *sc, size_t p, parx_date *out) {
  px_cursor c = cursor_at(sc, p);
  int six, year;
  if (!starts_cleanly(sc, p) || !px_lex_int(&c, 1, 1, &six) || six != 6 || !px_lex_spaces(&c) ||
      !px_lex_word(&c, "tháng") || !px_lex_spaces(&c))
    return 0;
  int first = px_lex_word(&c, "đầu");
  if ((!first && !px_lex_word(&c, "cuối")) || !px_lex_spaces(&c) || !px_lex_word(&c, "năm"))
    return 0;
  px_cursor save = c;
  if (!(px_lex_spaces(&c) && px_lex_int(&c, 4, 4, &year))) {
    c = save;
    year = sc->default_year;
  }
  if (!ends_cleanly(sc, c.pos)) return 0;
  int month = first ? 6 : 12;
  return make_date(out, PARX_DATE_MONTH, year, month, parx_days_in_month(year, month), p, c.pos);
}

/* 1 when a range of years goes on at the cursor: "-2020", " – 2026". */
static int continues_as_range(px_cursor c) {
  px_lex_spaces(&c);
  size_t next;
  UChar32 dash = c.pos < c.len ? px_cp_at(c.s, c.len, c.pos, &next) : -1;
  if (dash != '-' && dash != 0x2013 && dash != 0x2014) return 0;
  c.pos = next;
  px_lex_spaces(&c);
  return c.pos < c.len && c.s[c.pos] >= '0' && c.s[c.pos] <= '9';
}

/* "năm 2018", but not "năm 2016-2020". */
static int match_year(const scan *sc, size_t p, parx_date *out) {
  px_cursor c = cursor_at(sc, p);
  int year;
  if (!px_lex_word(&c, "năm") || !px_lex_spaces(&c) || !px_lex_int(&c, 4, 4, &year) ||
      continues_as_range(c) || !ends_cleanly(sc, c.pos))
    return 0;
  return make_date(out, PARX_DATE_YEAR, year, 12, 31, p, c.pos);
}

/* 1 when a day/month without year is introduced by a deadline word. */
static int after_deadline_word(const scan *sc, size_t p) {
  static const char *const words[] = {"ngày", "trước", "đến", "hạn", "từ", "chậm nhất"};
  size_t q = p;
  while (q > 0 && (sc->s[q - 1] == ' ' || sc->s[q - 1] == ':'))
    q--;
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (px_word_ends_at(sc->s, q, words[i])) return 1;
  return 0;
}

/* "20/12/2017", "20-12-2017", "20.12.2017", "15/11". */
static int match_numeric(const scan *sc, size_t p, parx_date *out) {
  px_cursor c = cursor_at(sc, p);
  int day, month, year;
  if (!starts_cleanly(sc, p) || !px_lex_int(&c, 1, 2, &day)) return 0;
  size_t day_end = c.pos;
  char sep = c.pos < c.len ? c.s[c.pos] : '\0';
  if ((sep != '/' && sep != '-' && sep != '.') || !px_lex_char(&c, sep) ||
      !px_lex_int(&c, 1, 2, &month))
    return 0;
  size_t month_end = c.pos;
  if (px_lex_char(&c, sep) && px_lex_int(&c, 4, 4, &year) && ends_cleanly(sc, c.pos))
    return make_date(out, PARX_DATE_DAY, year, month, day, p, c.pos);
  if (sep != '/' || !ends_cleanly(sc, month_end)) return 0;
  int two_digits = day_end - p == 2 && month_end - day_end == 3;
  if (!two_digits && !after_deadline_word(sc, p)) return 0;
  return make_date(out, PARX_DATE_DAY, sc->default_year, month, day, p, month_end);
}

/* The bytes a form may start with: a digit, or the ASCII first letter of a
 * keyword (n, t, q in either case). A table, since every byte of a text
 * searched for dates is tested. */
static const unsigned char opens_form[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['n'] = 1, ['N'] = 1, ['t'] = 1, ['T'] = 1, ['q'] = 1, ['Q'] = 1};

/* Whether a word's character ends right before byte p: an ASCII byte before
 * it is read as it is, other characters decoded. */
static int after_word(const char *s, size_t p) {
  if (p && (unsigned char)s[p - 1] < 0x80) return px_is_word_cp((unsigned char)s[p - 1]);
  size_t prev;
  return px_is_word_cp(px_cp_before(s, p, &prev));
}

/*
 * Cheap filter before match_at: every form starts with a digit or with the
 * ASCII first letter of a keyword, and keywords start a word (digits are
 * checked by starts_cleanly, which knows about separators too).
 */
static int may_start_form(const char *s, size_t p) {
  if (!opens_form[(unsigned char)s[p]]) return 0;
  return (s[p] >= '0' && s[p] <= '9') || !after_word(s, p);
}

/* Tries every form that can start at byte p. */
static int match_at(const scan *sc, size_t p, int allow_year, parx_date *out) {
  switch (sc->s[p]) {
  case 'n':
  case 'N':
    return match_day_words(sc, p, out) || (allow_year && match_year(sc, p, out));
  case 't':
  case 'T':
    return match_month(sc, p, out);
  case 'q':
  case 'Q':
    return match_quarter(sc, p, out);
  default:
    return sc->s[p] >= '0' && sc->s[p] <= '9' &&
           (match_numeric(sc, p, out) || match_half_year(sc, p, out));
  }
}

int parx_find_date(const char *s, size_t len, size_t from, int default_year, int allow_year,
                   parx_date *out) {
  if (!s || !out) return 0;
  scan sc = {s, len, default_year};
  for (size_t p = from; p < len; p++) {
    if (!may_start_form(s, p)) continue;
    if (match_at(&sc, p, allow_year, out)) return 1;
  }
  return 0;
}

/*
 * parx_parse_number: numbers as Vietnamese documents write them. The comma
 * is the decimal separator and the dot groups thousands, but documents typed
 * by English-minded tools write "0.5" too, so a single dot is read by its
 * shape: "1.962" is thousands (when the caller says dots may be), "0.5" and
 * "1.25" are decimals.
 *
 * Choices beyond the interface's contract:
 * - a leading '-' is accepted (deductions in score tables are negative);
 * - a group of thousands never starts with 0: "0.500" is one half;
 * - "1,234.5" (English grouping) and more than one comma are rejected;
 * - at most 15 significant digits, so the value is exact before scaling and
 *   the result is the correctly rounded double, as strtod would give, without
 *   strtod's dependence on the locale.
 */
#include "extract/extract.h"

#include <stdint.h>
#include <string.h>

#include "extract/ustr.h"

/* Largest mantissa a double holds exactly is 2^53; stop well before it. */
#define MAX_MANTISSA 999999999999999ull

typedef struct number {
  uint64_t mantissa; /* all digits read so far, as one integer */
  int scale;         /* digits after the decimal separator */
} number;

static size_t digit_run(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9')
    i++;
  return i;
}

/* Appends n digits to the mantissa; 0 when too many significant digits. */
static int take_digits(number *num, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (num->mantissa > MAX_MANTISSA / 10) return 0;
    num->mantissa = num->mantissa * 10 + (uint64_t)(s[i] - '0');
  }
  return 1;
}

/* 1 when s is only digits, at least one. */
static int all_digits(const char *s, size_t n) {
  return n > 0 && digit_run(s, n) == n;
}

/*
 * An integer with optional thousands dots: "7", "1.962", "1.234.567". The
 * first group has 1-3 digits and no leading zero, the others exactly three.
 */
static int take_grouped(number *num, const char *s, size_t n) {
  if (!memchr(s, '.', n)) return all_digits(s, n) && take_digits(num, s, n);
  size_t first = digit_run(s, n);
  if (first < 1 || first > 3 || s[0] == '0') return 0;
  for (size_t i = first; i < n; i += 4)
    if (n - i < 4 || s[i] != '.' || digit_run(s + i + 1, 3) != 3) return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] != '.' && !take_digits(num, s + i, 1)) return 0;
  return 1;
}

/* Digits, a separator, digits: "7,50", "0.5". */
static int take_decimal(number *num, const char *s, size_t n, size_t sep) {
  size_t frac = n - sep - 1;
  if (!all_digits(s, sep) || !all_digits(s + sep + 1, frac)) return 0;
  num->scale = (int)frac;
  return take_digits(num, s, sep) && take_digits(num, s + sep + 1, frac);
}

/* A body without sign or spaces. */
static int take_body(number *num, const char *s, size_t n, int thousands_dot) {
  const char *comma = memchr(s, ',', n);
  if (comma) {
    size_t at = (size_t)(comma - s);
    if (memchr(comma + 1, ',', n - at - 1) || memchr(comma + 1, '.', n - at - 1)) return 0;
    size_t frac = n - at - 1;
    num->scale = (int)frac;
    /* Dots before a decimal comma can only group thousands: "1.234,5". */
    return at > 0 && take_grouped(num, s, at) && all_digits(comma + 1, frac) &&
           take_digits(num, comma + 1, frac);
  }
  const char *dot = memchr(s, '.', n);
  if (!dot) return all_digits(s, n) && take_digits(num, s, n);
  size_t at = (size_t)(dot - s);
  int one_dot = !memchr(dot + 1, '.', n - at - 1);
  /* Several dots are always thousands; one is thousands only if allowed. */
  if (!one_dot || thousands_dot) {
    number grouped = *num;
    if (take_grouped(&grouped, s, n)) {
      *num = grouped;
      return 1;
    }
    if (!one_dot) return 0;
  }
  return take_decimal(num, s, n, at);
}

static double power_of_ten(int k) {
  double p = 1.0;
  while (k-- > 0)
    p *= 10.0; /* exact: 10^k is a double for k <= 22 */
  return p;
}

int parx_parse_number(const char *s, size_t len, int thousands_dot, double *out) {
  if (!s || !out) return 0;
  while (len > 0 && px_is_ascii_space((unsigned char)s[len - 1]))
    len--;
  while (len > 0 && px_is_ascii_space((unsigned char)*s))
    s++, len--;
  int negative = len > 0 && *s == '-';
  if (negative) s++, len--;
  if (len == 0) return 0;

  number num = {0, 0};
  if (!take_body(&num, s, len, thousands_dot) || num.scale > 22) return 0;
  double value = (double)num.mantissa / power_of_ten(num.scale);
  *out = negative ? -value : value;
  return 1;
}

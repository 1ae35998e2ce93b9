/* parx_days_in_month: the Gregorian calendar, which Vietnamese documents use. */
#include "extract/extract.h"

static int is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* 0 for a month outside 1-12, so callers can validate with one test. */
int parx_days_in_month(int year, int month) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

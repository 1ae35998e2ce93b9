/* Unit tests of parx_find_date and parx_days_in_month. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"

#define DAY PARX_DATE_DAY
#define MONTH PARX_DATE_MONTH
#define QUARTER PARX_DATE_QUARTER
#define YEAR PARX_DATE_YEAR

typedef struct date_case {
  const char *text;
  size_t from;
  int allow_year;
  const char *span; /* the expected match (its first occurrence from `from`); NULL: none */
  parx_date_kind kind;
  int year, month, day;
} date_case;

/* default_year is 2019 throughout (not a leap year). */
static const date_case cases[] = {
    /* numeric DAY forms */
    {"Hoàn thành trước 20/12/2017.", 0, 0, "20/12/2017", DAY, 2017, 12, 20},
    {"20-12-2017", 0, 0, "20-12-2017", DAY, 2017, 12, 20},
    {"20.12.2017", 0, 0, "20.12.2017", DAY, 2017, 12, 20},
    {"ngày 1/2/2018", 0, 0, "1/2/2018", DAY, 2018, 2, 1},
    {"(20/12/2017)", 0, 0, "20/12/2017", DAY, 2017, 12, 20},
    {"29/02/2020", 0, 0, "29/02/2020", DAY, 2020, 2, 29},
    /* the words form */
    {"ngày 09 tháng 10 năm 2017", 0, 0, "ngày 09 tháng 10 năm 2017", DAY, 2017, 10, 9},
    {"NGÀY 09 THÁNG 10 NĂM 2017", 0, 0, "NGÀY 09 THÁNG 10 NĂM 2017", DAY, 2017, 10, 9},
    {"Ngày 9 tháng 10, ", 0, 0, "Ngày 9 tháng 10", DAY, 2019, 10, 9},
    {"KH số 191/KH-UBND ngày 09 tháng 10 năm 2017 của", 0, 0, "ngày 09 tháng 10 năm 2017", DAY,
     2017, 10, 9},
    /* day/month without year */
    {"trước 15/11", 0, 0, "15/11", DAY, 2019, 11, 15},
    {"Trước 30/6 hằng năm", 0, 0, "30/6", DAY, 2019, 6, 30},
    {"05/01", 0, 0, "05/01", DAY, 2019, 1, 5},
    {"hạn 5/9", 0, 0, "5/9", DAY, 2019, 9, 5},
    {"Thời hạn: 5/9", 0, 0, "5/9", DAY, 2019, 9, 5},
    {"chậm nhất 30/6", 0, 0, "30/6", DAY, 2019, 6, 30},
    {"từ 1/7 đến 31/7", 0, 0, "1/7", DAY, 2019, 7, 1},
    {"từ 1/7 đến 31/7", 6, 0, "31/7", DAY, 2019, 7, 31},
    {"thứ Hai ngày 15/11", 0, 0, "15/11", DAY, 2019, 11, 15},
    {"từ 15/11-20/11", 10, 0, "20/11", DAY, 2019, 11, 20},
    /* MONTH */
    {"tháng 12/2017", 0, 0, "tháng 12/2017", MONTH, 2017, 12, 31},
    {"tháng 2 năm 2020", 0, 0, "tháng 2 năm 2020", MONTH, 2020, 2, 29},
    {"Trong Tháng 12 hoàn thành", 0, 0, "Tháng 12", MONTH, 2019, 12, 31},
    {"tháng 02", 0, 0, "tháng 02", MONTH, 2019, 2, 28},
    /* QUARTER */
    {"Quý I/2018", 0, 0, "Quý I/2018", QUARTER, 2018, 3, 31},
    {"quý IV năm 2018", 0, 0, "quý IV năm 2018", QUARTER, 2018, 12, 31},
    {"Quý II", 0, 0, "Quý II", QUARTER, 2019, 6, 30},
    {"QUÝ III/2020.", 0, 0, "QUÝ III/2020", QUARTER, 2020, 9, 30},
    {"quý 3/2018", 0, 0, "quý 3/2018", QUARTER, 2018, 9, 30},
    {"quí iv", 0, 0, "quí iv", QUARTER, 2019, 12, 31},
    {"Quý 11/2025", 0, 0, "Quý 11/2025", QUARTER, 2025, 6, 30},
    {"quý 1V", 0, 0, "quý 1V", QUARTER, 2019, 12, 31},
    {"Quý 12", 0, 0, NULL, 0, 0, 0, 0},
    /* YEAR */
    {"năm 2018", 0, 1, "năm 2018", YEAR, 2018, 12, 31},
    /* MONTH: a half year stands for its last month */
    {"6 tháng đầu năm 2017", 0, 1, "6 tháng đầu năm 2017", MONTH, 2017, 6, 30},
    {"trong 6 tháng cuối năm", 0, 0, "6 tháng cuối năm", MONTH, 2019, 12, 31},
    {"16 tháng đầu năm 2017", 0, 1, "năm 2017", YEAR, 2017, 12, 31},
    {"giai đoạn năm 2016-2020, riêng năm 2018", 0, 1, "năm 2018", YEAR, 2018, 12, 31},
    {"năm 2021 - 2026 và Năm 2022", 0, 1, "Năm 2022", YEAR, 2022, 12, 31},
    /* documents, scores and ranges around a date */
    {"Quyết định số 24/2021/QĐ-UBND ngày 15/3/2021", 0, 0, "15/3/2021", DAY, 2021, 3, 15},
    {"20/12/2017 và 15/01/2018", 1, 0, "15/01/2018", DAY, 2018, 1, 15},
    {"\xFF 20/12/2017", 0, 0, "20/12/2017", DAY, 2017, 12, 20},
    /* not dates */
    {"năm 2018", 0, 0, NULL, 0, 0, 0, 0},
    {"năm 2016-2020", 0, 1, NULL, 0, 0, 0, 0},
    {"năm 2021 – 2026", 0, 1, NULL, 0, 0, 0, 0},
    {"Quyết định số 24/2021/QĐ-UBND", 0, 1, NULL, 0, 0, 0, 0},
    {"Kế hoạch 191/KH-UBND", 0, 0, NULL, 0, 0, 0, 0},
    {"2784/QĐ-UBND", 0, 0, NULL, 0, 0, 0, 0},
    {"Nghị quyết 30c/NQ-CP", 0, 0, NULL, 0, 0, 0, 0},
    {"đạt 0,5/1 điểm", 0, 0, NULL, 0, 0, 0, 0},
    {"43/47", 0, 0, NULL, 0, 0, 0, 0},
    {"5/9", 0, 0, NULL, 0, 0, 0, 0},
    {"giai đoạn 2016-2020", 0, 1, NULL, 0, 0, 0, 0},
    {"31/04/2018", 0, 0, NULL, 0, 0, 0, 0},
    {"29/02/2019", 0, 0, NULL, 0, 0, 0, 0},
    {"32/12/2017", 0, 0, NULL, 0, 0, 0, 0},
    {"15/13/2017", 0, 0, NULL, 0, 0, 0, 0},
    {"05/01/17", 0, 0, NULL, 0, 0, 0, 0},
    {"20/12/2017/QĐ", 0, 0, NULL, 0, 0, 0, 0},
    {"1.234.567", 0, 0, NULL, 0, 0, 0, 0},
    {"tháng 13", 0, 0, NULL, 0, 0, 0, 0},
    {"6 tháng đầu", 0, 1, NULL, 0, 0, 0, 0},
    {"quý V", 0, 0, NULL, 0, 0, 0, 0},
    {"Quý 5", 0, 0, NULL, 0, 0, 0, 0},
    {"quýI", 0, 0, NULL, 0, 0, 0, 0},
    {"ngày 15/11/2017", 20, 0, NULL, 0, 0, 0, 0}, /* from beyond the end */
    {"", 0, 1, NULL, 0, 0, 0, 0},
};

static void check_found(const date_case *c, const parx_date *d) {
  const char *at = strstr(c->text + c->from, c->span);
  assert_non_null(at);
  size_t start = (size_t)(at - c->text);
  if (d->start != start || d->end != start + strlen(c->span))
    fail_msg("\"%s\": span %zu-%zu, want %zu-%zu", c->text, d->start, d->end, start,
             start + strlen(c->span));
  if (d->kind != c->kind || d->year != c->year || d->month != c->month || d->day != c->day)
    fail_msg("\"%s\": kind %d %04d-%02d-%02d, want kind %d %04d-%02d-%02d", c->text, d->kind,
             d->year, d->month, d->day, c->kind, c->year, c->month, c->day);
}

static void test_find_date(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const date_case *c = &cases[i];
    parx_date d;
    int found = parx_find_date(c->text, strlen(c->text), c->from, 2019, c->allow_year, &d);
    if (found != (c->span != NULL))
      fail_msg("\"%s\" from %zu: found %d, want %d", c->text, c->from, found, c->span != NULL);
    if (found) check_found(c, &d);
  }
}

static void test_find_date_exact_spans(void **state) {
  (void)state;
  const char *text = "Quyết định 24/2021/QĐ-UBND ngày 15/3/2021 và Quý I/2018";
  parx_date d;
  assert_int_equal(parx_find_date(text, strlen(text), 0, 2019, 0, &d), 1);
  assert_int_equal(d.start, 39); /* "Quyết định " is 15 bytes, the number 15, " ngày " 8 */
  assert_int_equal(d.end, 48);
  assert_int_equal(parx_find_date(text, strlen(text), d.end, 2019, 0, &d), 1);
  assert_int_equal(d.kind, PARX_DATE_QUARTER);
  assert_int_equal(d.start, 53);
  assert_int_equal(d.end, strlen(text));
  assert_int_equal(parx_find_date(text, strlen(text), d.end, 2019, 1, &d), 0);
  /* Only len bytes are searched. */
  assert_int_equal(parx_find_date(text, 42, 0, 2019, 0, &d), 0);
  assert_int_equal(parx_find_date(NULL, 0, 0, 2019, 1, &d), 0);
}

typedef struct month_case {
  int year, month, days;
} month_case;

static const month_case months[] = {
    {2019, 1, 31}, {2019, 2, 28}, {2020, 2, 29}, {1900, 2, 28},  {2000, 2, 29},  {2100, 2, 28},
    {2021, 4, 30}, {2021, 6, 30}, {2021, 9, 30}, {2021, 11, 30}, {2021, 12, 31}, {2021, 7, 31},
    {2021, 8, 31}, {2021, 0, 0},  {2021, 13, 0}, {2021, -1, 0},
};

static void test_days_in_month(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof months / sizeof *months; i++) {
    int got = parx_days_in_month(months[i].year, months[i].month);
    if (got != months[i].days)
      fail_msg("parx_days_in_month(%d, %d) = %d, want %d", months[i].year, months[i].month, got,
               months[i].days);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_find_date),
      cmocka_unit_test(test_find_date_exact_spans),
      cmocka_unit_test(test_days_in_month),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

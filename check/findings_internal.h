/* What the files of the record checks share (check_record.c, check_sums.c). */
#ifndef PARX_CHECK_FINDINGS_INTERNAL_H
#define PARX_CHECK_FINDINGS_INTERNAL_H

#include "catalog_internal.h"

typedef struct findings {
  const check_catalog *cat;
  json_t *by_kind[CHECK_KINDS]; /* arrays of finding objects */
  int failed;                   /* an allocation failed */
} findings;

/* Adds a finding. `codes` is taken over (a JSON array); `value` and
 * `expected` are NAN where they do not apply; `item` (borrowed) is the
 * record item whose loc it carries, or NULL. */
void findings_add(findings *f, check_kind kind, const char *about, json_t *codes, double value,
                  double expected, json_t *item, const char *fmt, ...) PARX_PRINTF(8, 9);

/* A number of a record item, or NAN when absent or null. */
double item_number(json_t *item, const char *key);
/* A string of a record item, or NULL. */
const char *item_string(json_t *item, const char *key);

/* The sum checks: a parent's stated score against its children's, the
 * headline total against the fields, a deduction against max - score. */
void check_sums(findings *f, json_t *record);

#endif

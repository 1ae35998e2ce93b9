/* The catalog's data, shared by the files of the check stage only. */
#ifndef PARX_CHECK_CATALOG_INTERNAL_H
#define PARX_CHECK_CATALOG_INTERNAL_H

#include "check.h"
#include "error.h"

typedef struct check_criterion {
  char *code;
  char *title; /* or NULL */
  double max;  /* < 0: not stated */
  int survey;
  const char *parent; /* the parent's code (owned by its criterion), or NULL */
} check_criterion;

struct check_catalog {
  char *name, *framework, *level; /* each may be NULL */
  int *years;
  size_t nyears;
  double total; /* < 0: unknown */
  check_criterion *items;
  size_t n, cap;
  char **warnings;
  size_t nwarnings;
};

/* The index of `code`, or -1. */
long check_catalog_find(const check_catalog *cat, const char *code);

/* Adds a warning (printf format); -1 when out of memory. */
int check_catalog_warn(check_catalog *cat, const char *fmt, ...) PARX_PRINTF(2, 3);

/* check_catalog_finish in its steps: link parents; give a parent without a
 * maximum the sum of its children's (derivation: a converter lost it); check
 * the tree and set the total. Each returns 0, or -1 when out of memory. */
int check_catalog_link(check_catalog *cat);
int check_catalog_fill_parents(check_catalog *cat);
int check_catalog_check_tree(check_catalog *cat);

/* A number as JSON: an integer when whole, else a real; null when < 0 and
 * `negative_is_null`. */
json_t *check_number(double v, int negative_is_null);

#endif

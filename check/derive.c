/*
 * A catalog from a document's normalised text (parx_text): the rows of its
 * criteria tables (flattened ones regrouped first) and coded lines that give
 * their points. Working on the text rather than the record keeps the maxima
 * of the framework table itself: a record's criteria keep the first maximum
 * stated, which in a plan is often last year's framework quoted in prose.
 */
#include "catalog_internal.h"
#include "derive_internal.h"
#include "buf.h"
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

typedef struct pending {
  char *code, *title;
  double max;
  int survey, run;
} pending;

typedef struct deriver {
  pending *rows;
  size_t n, cap;
  int run;      /* the current table (a run of rows); 0 outside tables */
  char *dotted; /* per run: it has a dotted code */
  size_t nruns;
  int survey;        /* inside a group of survey criteria */
  table_roles roles; /* of the current table's header */
} deriver;

static int add_row(deriver *d, const char *code, const char *title, double max) {
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 64;
    pending *p = realloc(d->rows, cap * sizeof *p);
    if (!p) return -1;
    d->rows = p;
    d->cap = cap;
  }
  if ((size_t)d->run >= d->nruns) {
    char *r = realloc(d->dotted, (size_t)d->run + 1);
    if (!r) return -1;
    memset(r + d->nruns, 0, (size_t)d->run + 1 - d->nruns);
    d->dotted = r;
    d->nruns = (size_t)d->run + 1;
  }
  if (strchr(code, '.')) d->dotted[d->run] = 1;
  pending *p = &d->rows[d->n];
  *p = (pending){strdup(code), title ? strdup(title) : NULL, max, d->survey, d->run};
  if (!p->code || (title && !p->title)) {
    free(p->code);
    free(p->title);
    return -1;
  }
  d->n++;
  return 0;
}

/* Appends `more` to the title of the last row and takes the points it may
 * end with: a title that a converter broke over two rows. */
static int continue_row(deriver *d, const char *more) {
  pending *p = &d->rows[d->n - 1];
  char *joined = parx_join_words(p->title ? p->title : "", more);
  if (!joined) return -1;
  double max;
  char *title = derive_split_points(joined, &max);
  free(joined);
  if (!title) return -1;
  free(p->title);
  p->title = title;
  p->max = max;
  return 0;
}

/* A group row ("NHÓM 2: ĐIỀU TRA XÃ HỘI HỌC") says whether the criteria
 * under it are scored by a survey. */
static void note_group(deriver *d, const char *text) {
  char *key = parx_key(text, strlen(text));
  if (!key) return;
  if (strstr(key, "dieu tra xa hoi hoc"))
    d->survey = 1;
  else if (strstr(key, "nhom"))
    d->survey = 0;
  free(key);
}

static int table_row(deriver *d, char **cells, size_t n) {
  if (derive_header_roles(cells, n, &d->roles)) return 0;
  int c = derive_code_cell(cells, n, &d->roles);
  if (c < 0) {
    const char *first = derive_first_text(cells, n);
    pending *last = d->n ? &d->rows[d->n - 1] : NULL;
    if (first && last && last->run == d->run && last->max < 0) return continue_row(d, first);
    if (first) note_group(d, first);
    return 0;
  }
  double max = -1;
  char *title = NULL;
  const char *t = derive_title_cell(cells, n, c, &d->roles);
  if (t && !(title = derive_split_points(t, &max))) return -1;
  if (d->roles.max >= 0 && (size_t)d->roles.max < n) derive_points(cells[d->roles.max], &max);
  int rc = add_row(d, derive_code_text(cells[c]), title, max);
  free(title);
  return rc;
}

/* "5.1.1 Title: 0,5đ" outside a table: a dotted code opens the line and
 * points close it. */
static int coded_line(deriver *d, const char *text) {
  char code[64];
  size_t len = derive_leading_code(text, code, sizeof code);
  if (!len || !strchr(code, '.')) return 0;
  double max;
  char *title = derive_split_points(text + len, &max);
  if (!title) return -1;
  int rc = max >= 0 ? add_row(d, code, title, max) : 0;
  free(title);
  return rc;
}

static int derive_lines(deriver *d, const text_lines *lines) {
  int in_table = 0;
  for (size_t i = 0; i < lines->n; i++) {
    const text_line *l = &lines->lines[i];
    if (l->ncells > 1) {
      if (!in_table) {
        d->run++;
        d->roles = (table_roles){-1, -1, -1};
      }
      in_table = 1;
      if (table_row(d, l->cells, l->ncells)) return -1;
      continue;
    }
    /* a page's running text between two parts of one table does not end it */
    in_table = in_table && l->page && l->page != lines->lines[i - 1].page;
    if (l->ncells == 1 && coded_line(d, l->cells[0])) return -1;
  }
  return 0;
}

/* Rows of tables without a dotted code are a plain count (1, 2, 3), not
 * criteria: only the others go into the catalog. */
static int fill_catalog(check_catalog *cat, const deriver *d) {
  for (size_t i = 0; i < d->n; i++) {
    const pending *p = &d->rows[i];
    if (p->run && !d->dotted[p->run]) continue;
    if (check_catalog_add(cat, p->code, p->title, p->max, p->survey)) return -1;
  }
  return 0;
}

static void deriver_free(deriver *d) {
  for (size_t i = 0; i < d->n; i++) {
    free(d->rows[i].code);
    free(d->rows[i].title);
  }
  free(d->rows);
  free(d->dotted);
}

check_catalog *check_catalog_derive(const char *text, const char *path, parx_error *err) {
  text_lines lines = {0};
  deriver d = {.roles = {-1, -1, -1}};
  check_catalog *cat = check_catalog_new();
  int rc = !cat || derive_split_lines(text, &lines) || derive_unflatten(&lines) ||
           derive_lines(&d, &lines) || fill_catalog(cat, &d) ||
           derive_framework(&lines, &cat->framework) || check_catalog_link(cat) ||
           check_catalog_fill_parents(cat) || check_catalog_check_tree(cat);
  deriver_free(&d);
  derive_free_lines(&lines);
  if (rc) {
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
  } else if (!cat->n) {
    parx_error_set(err, PARX_ERR_FORMAT,
                   "%s: no criteria table (a code column and points) and no coded lines with "
                   "points",
                   path);
    rc = 1;
  }
  if (rc) {
    check_catalog_free(cat);
    return NULL;
  }
  return cat;
}

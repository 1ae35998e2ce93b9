/* The catalog model: criteria added in document order, then linked into a
 * tree whose sums, parents and numbering are checked. */
#include "catalog_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

check_catalog *check_catalog_new(void) {
  check_catalog *cat = calloc(1, sizeof *cat);
  if (cat) cat->total = -1;
  return cat;
}

void check_catalog_free(check_catalog *cat) {
  if (!cat) return;
  for (size_t i = 0; i < cat->n; i++) {
    free(cat->items[i].code);
    free(cat->items[i].title);
  }
  for (size_t i = 0; i < cat->nwarnings; i++)
    free(cat->warnings[i]);
  free(cat->items);
  free(cat->warnings);
  free(cat->years);
  free(cat->name);
  free(cat->framework);
  free(cat->level);
  free(cat);
}

long check_catalog_find(const check_catalog *cat, const char *code) {
  for (size_t i = 0; i < cat->n; i++)
    if (!strcmp(cat->items[i].code, code)) return (long)i;
  return -1;
}

int check_catalog_warn(check_catalog *cat, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  char **w = realloc(cat->warnings, (cat->nwarnings + 1) * sizeof *w);
  if (!w) return -1;
  cat->warnings = w;
  if (!(w[cat->nwarnings] = strdup(msg))) return -1;
  cat->nwarnings++;
  return 0;
}

int check_catalog_add(check_catalog *cat, const char *code, const char *title, double max,
                      int survey) {
  if (check_catalog_find(cat, code) >= 0) return 0;
  if (cat->n == cat->cap) {
    size_t cap = cat->cap ? cat->cap * 2 : 64;
    check_criterion *p = realloc(cat->items, cap * sizeof *p);
    if (!p) return -1;
    cat->items = p;
    cat->cap = cap;
  }
  check_criterion *c = &cat->items[cat->n];
  *c = (check_criterion){strdup(code), title && *title ? strdup(title) : NULL, max, survey, NULL};
  if (!c->code || (title && *title && !c->title)) {
    free(c->code);
    free(c->title);
    return -1;
  }
  cat->n++;
  return 0;
}

size_t check_catalog_warning_count(const check_catalog *cat) {
  return cat->nwarnings;
}

const char *check_catalog_warning(const check_catalog *cat, size_t i) {
  return i < cat->nwarnings ? cat->warnings[i] : NULL;
}

/* The nearest listed ancestor of item i; warns when it is not the code's
 * own parent (a child whose parent row is absent). */
static int link_parent(check_catalog *cat, size_t i) {
  char buf[64];
  snprintf(buf, sizeof buf, "%s", cat->items[i].code);
  int skipped = 0;
  for (char *dot = strrchr(buf, '.'); dot; dot = strrchr(buf, '.')) {
    *dot = '\0';
    long p = check_catalog_find(cat, buf);
    if (p >= 0) {
      cat->items[i].parent = cat->items[p].code;
      break;
    }
    skipped = 1;
  }
  if (!skipped) return 0;
  /* one warning per absent parent, at its first child */
  size_t plen = (size_t)(strrchr(cat->items[i].code, '.') - cat->items[i].code);
  for (size_t j = 0; j < i; j++) {
    const char *dot = strrchr(cat->items[j].code, '.');
    if (dot && (size_t)(dot - cat->items[j].code) == plen &&
        !strncmp(cat->items[j].code, cat->items[i].code, plen))
      return 0;
  }
  return check_catalog_warn(cat, "%s: no row for its parent %.*s", cat->items[i].code, (int)plen,
                            cat->items[i].code);
}

/* The last number of a code ("5.1.3" gives 3). */
static long last_number(const char *code) {
  const char *dot = strrchr(code, '.');
  return strtol(dot ? dot + 1 : code, NULL, 10);
}

/* Children of `parent` (NULL: the top level): their sum of maxima, how many,
 * how many lack a maximum, and a warning for each number skipped. */
static int check_children(check_catalog *cat, const char *parent, double *sum, size_t *count,
                          size_t *unstated) {
  *sum = 0;
  *count = *unstated = 0;
  long prev = 0;
  const char *prev_code = NULL;
  for (size_t i = 0; i < cat->n; i++) {
    const check_criterion *c = &cat->items[i];
    if (parent ? !c->parent || strcmp(c->parent, parent) : c->parent != NULL) continue;
    ++*count;
    if (c->max < 0)
      ++*unstated;
    else
      *sum += c->max;
    long k = last_number(c->code);
    if (prev_code && k > prev + 1 &&
        check_catalog_warn(cat, "%s: number %ld skipped between %s and %s",
                           parent ? parent : "top level", prev + 1, prev_code, c->code))
      return -1;
    prev = k;
    prev_code = c->code;
  }
  return 0;
}

int check_catalog_link(check_catalog *cat) {
  for (size_t i = 0; i < cat->n; i++)
    if (link_parent(cat, i)) return -1;
  return 0;
}

int check_catalog_fill_parents(check_catalog *cat) {
  /* children come after their parent: from the end, a filled parent is
   * there for its own parent's sum */
  for (size_t i = cat->n; i-- > 0;) {
    check_criterion *c = &cat->items[i];
    double sum;
    size_t count, unstated;
    if (c->max >= 0) continue;
    if (check_children(cat, c->code, &sum, &count, &unstated)) return -1;
    if (!count || unstated) continue;
    c->max = sum;
    if (check_catalog_warn(cat, "%s: no maximum stated; its children's sum, %g, taken", c->code,
                           sum))
      return -1;
  }
  return 0;
}

int check_catalog_check_tree(check_catalog *cat) {
  double sum;
  size_t count, unstated;
  if (check_children(cat, NULL, &sum, &count, &unstated)) return -1;
  cat->total = count && !unstated ? sum : -1;
  for (size_t i = 0; i < cat->n; i++) {
    const check_criterion *c = &cat->items[i];
    if (check_children(cat, c->code, &sum, &count, &unstated)) return -1;
    if (!count || c->max < 0) continue;
    if (unstated) {
      if (check_catalog_warn(cat, "%s: %zu of its %zu children state no maximum", c->code, unstated,
                             count))
        return -1;
    } else if (sum - c->max > CHECK_SUM_TOLERANCE || c->max - sum > CHECK_SUM_TOLERANCE) {
      if (check_catalog_warn(cat, "%s: maximum %g, but its children's maxima sum to %g", c->code,
                             c->max, sum))
        return -1;
    }
  }
  return 0;
}

int check_catalog_finish(check_catalog *cat) {
  return check_catalog_link(cat) || check_catalog_check_tree(cat) ? -1 : 0;
}

static int set_string(char **slot, const char *value) {
  char *copy = strdup(value);
  if (!copy) return -1;
  free(*slot);
  *slot = copy;
  return 0;
}

/* "2022", "2021-2022" or "2021,2023" into a list of years. */
static int parse_years(check_catalog *cat, const char *s, parx_error *err) {
  int list[64];
  size_t n = 0;
  const char *p = s;
  while (*p) {
    char *end;
    long a = strtol(p, &end, 10), b = a;
    if (end == p) break;
    if (*end == '-') {
      p = end + 1;
      b = strtol(p, &end, 10);
      if (end == p) break;
    }
    if (a < 1900 || b > 2200 || b < a) break;
    for (long y = a; y <= b && n < 64; y++)
      list[n++] = (int)y;
    p = *end == ',' ? end + 1 : end;
    if (!*p) {
      int *years = malloc(n * sizeof *years);
      if (!years) return parx_error_set(err, PARX_ERR_NOMEM, "out of memory"), -1;
      memcpy(years, list, n * sizeof *years);
      free(cat->years);
      cat->years = years;
      cat->nyears = n;
      return 0;
    }
  }
  parx_error_set(err, PARX_ERR_FORMAT, "years '%s': give 2022, 2021-2022 or 2021,2023", s);
  return -1;
}

int check_catalog_set(check_catalog *cat, const char *name, const char *framework,
                      const char *years, const char *level, parx_error *err) {
  static const char *const levels[] = {"province", "district", "department", "commune"};
  if (level) {
    size_t i = 0;
    while (i < 4 && strcmp(level, levels[i]))
      i++;
    if (i == 4) {
      parx_error_set(err, PARX_ERR_FORMAT,
                     "level '%s': one of province, district, department, commune", level);
      return -1;
    }
  }
  if (years && parse_years(cat, years, err)) return -1;
  if ((name && set_string(&cat->name, name)) ||
      (framework && set_string(&cat->framework, framework)) ||
      (level && set_string(&cat->level, level))) {
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
    return -1;
  }
  return 0;
}

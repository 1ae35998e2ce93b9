/* Small helpers shared by the parts of assembly. */
#include "assembly.h"
#include "extract/extract.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int out_of_time(ctx *c, int line) {
  if (c->late) return 1;
  if (!c->deadline || now() < c->deadline) return 0;
  c->late = 1;
  warn(c,
       "line %d: the document's time budget was spent (parx_options.max_seconds); the rest "
       "of it was not read",
       line);
  return 1;
}

void *add_item(ctx *c, void **items, size_t *n, size_t *cap, size_t size) {
  if (*n >= PARX_MAX_ITEMS) {
    c->cut++;
    return NULL;
  }
  if (*n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 16;
    void *p = realloc(*items, ncap * size);
    if (!p) {
      c->failed = 1;
      return NULL;
    }
    *items = p;
    *cap = ncap;
  }
  void *item = (char *)*items + (*n)++ * size;
  memset(item, 0, size);
  return item;
}

char *copy_trimmed(const char *s, size_t n) {
  while (n && isspace((unsigned char)*s))
    s++, n--;
  while (n && isspace((unsigned char)s[n - 1]))
    n--;
  return strndup(s, n);
}

char *copy_clause(const char *s, size_t n) {
  while (n && (isspace((unsigned char)*s) || *s == ',' || *s == ';' || *s == ':' || *s == '.'))
    s++, n--;
  /* an opening parenthesis at the end belongs to what was cut off after it,
   * a closing one to what was cut off before when the clause opens none (one
   * look over the whole clause, so that a run of ')' trims in linear time) */
  int opens = memchr(s, '(', n) != NULL;
  while (n && (isspace((unsigned char)s[n - 1]) || strchr(",;:.(", s[n - 1]) ||
               (s[n - 1] == ')' && !opens)))
    n--;
  if (!n) return NULL;
  return strndup(s, n);
}

int number_at(const char *s, size_t start, size_t end, double *out) {
  return parx_parse_number(s + start, end - start, 0, out);
}

int match_rule(ctx *c, parx_rule_id rule, const char *s, size_t len, size_t from, parx_match *m) {
  return parx_rule_match(c->matcher, parx_rules_get(c->rules, rule), s, len, from, m);
}

int match_rule_at(ctx *c, parx_rule_id rule, const char *s, size_t len, size_t at, parx_match *m) {
  return parx_rule_match_at(c->matcher, parx_rules_get(c->rules, rule), s, len, at, m);
}

int match_rule_next(ctx *c, parx_rule_id rule, const char *s, size_t len, size_t from, size_t *at,
                    parx_match *m) {
  return parx_rule_match_next(c->matcher, parx_rules_get(c->rules, rule), s, len, from, at, m);
}

int match_rule_opening(ctx *c, parx_rule_id rule, const char *s, size_t len, parx_match *m) {
  size_t lead = 0;
  while (lead < len && s[lead] == ' ')
    lead++;
  for (size_t at = 0; at < lead; at++)
    if (match_rule_at(c, rule, s, len, at, m)) return 0; /* the first match starts sooner */
  return match_rule_at(c, rule, s, len, lead, m);
}

int not_a_task(ctx *c, const char *t, size_t n) {
  parx_match match;
  return match_rule(c, RULE_TASK_NOT_TASK, t, n, 0, &match) ||
         match_rule(c, RULE_TASK_CAPTION, t, n, 0, &match);
}

int group(const parx_match *m, parx_group g, size_t *start, size_t *end) {
  return parx_match_group(m, g, start, end);
}

int group_number(const parx_match *m, parx_group g, double *out) {
  size_t s, e;
  return group(m, g, &s, &e) && number_at(m->subject, s, e, out);
}

char *group_copy(const parx_match *m, parx_group g) {
  size_t s, e;
  return group(m, g, &s, &e) ? copy_trimmed(m->subject + s, e - s) : NULL;
}

int starts_upper(const char *s) {
  while (*s == ' ' || *s == '"' || *s == '(')
    s++;
  int32_t i = 0, n = (int32_t)strnlen(s, 8);
  UChar32 cp;
  U8_NEXT((const uint8_t *)s, i, n, cp);
  return cp > 0 && (u_isupper(cp) || u_istitle(cp));
}

void warn(ctx *c, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (parx_strings_add(&c->rec->warnings, buf, strlen(buf))) c->failed = 1;
}

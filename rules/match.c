/* Matching rules' PCRE2 patterns: one parx_matcher per thread (rules.h). */
#include "rule.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds on one match, so that no rule can backtrack without end. */
enum { MATCH_LIMIT = 2000000, DEPTH_LIMIT = 100000 };
/* The JIT's stack: the size of the one PCRE2 lends each match on the
 * machine's stack when given none, held here so that a match does not set
 * up (and probe) 32 KiB of its caller's stack each time. */
enum { JIT_STACK = 32 * 1024 };

struct parx_matcher {
  pcre2_match_data *data;
  pcre2_match_context *context; /* match and depth limits */
  pcre2_jit_stack *stack;       /* NULL where PCRE2 has no JIT */
  size_t stopped;
};

parx_matcher *parx_matcher_new(void) {
  parx_matcher *mr = calloc(1, sizeof *mr);
  if (!mr) return NULL;
  mr->data = pcre2_match_data_create(PARX_MATCH_SPANS, NULL);
  mr->context = pcre2_match_context_create(NULL);
  if (!mr->data || !mr->context) {
    parx_matcher_free(mr);
    return NULL;
  }
  pcre2_set_match_limit(mr->context, MATCH_LIMIT);
  pcre2_set_depth_limit(mr->context, DEPTH_LIMIT);
  /* none where PCRE2 has no JIT: the interpreter needs none */
  mr->stack = pcre2_jit_stack_create(JIT_STACK, JIT_STACK, NULL);
  if (mr->stack) pcre2_jit_stack_assign(mr->context, NULL, mr->stack);
  return mr;
}

void parx_matcher_free(parx_matcher *mr) {
  if (!mr) return;
  pcre2_match_data_free(mr->data);
  pcre2_match_context_free(mr->context);
  pcre2_jit_stack_free(mr->stack);
  free(mr);
}

size_t parx_matcher_stopped(const parx_matcher *mr) {
  return mr->stopped;
}

/* The uses of a rule's pattern, each compiled at its first. */
enum use { USE_SEARCH, USE_ANCHORED, USE_NEXT, USE_LITERAL, USE_RELAXED };
enum { MATCH_JIT = 1, MATCH_INTERPRETED, MATCH_NONE };

/* The pattern that finds the literal of a rule's needs, each character
 * itself, in the case the rule folds it. */
static pcre2_code *compile_literal(const parx_needs *needs) {
  char pattern[4 + 2 * PARX_LITERAL_MAX + 1];
  size_t n = 0;
  if (needs->literal_caseless) n += (size_t)snprintf(pattern, sizeof pattern, "(?i)");
  for (size_t i = 0; i < needs->literal_len; i++) {
    unsigned char c = (unsigned char)needs->literal[i];
    if (c < 0x80 && !isalnum(c)) pattern[n++] = '\\';
    pattern[n++] = (char)c;
  }
  int errcode;
  PCRE2_SIZE erroffset;
  return pcre2_compile((PCRE2_SPTR)pattern, n, PCRE2_UTF | PCRE2_UCP, &errcode, &erroffset, NULL);
}

/* The rule's pattern relaxed (prefilter.h), or NULL. */
static pcre2_code *compile_relaxed(const parx_rule *r) {
  char *relaxed = parx_relaxed_of(r->source, strlen(r->source));
  if (!relaxed) return NULL;
  int errcode;
  PCRE2_SIZE erroffset;
  pcre2_code *code = pcre2_compile((PCRE2_SPTR)relaxed, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &errcode, &erroffset, NULL);
  free(relaxed);
  return code;
}

/* The pattern of a use: for USE_NEXT what follows the opening \G. */
static pcre2_code *compile_use(const parx_rule *r, enum use use) {
  int errcode;
  PCRE2_SIZE erroffset;
  if (use == USE_SEARCH) return r->code;
  if (use == USE_LITERAL) return compile_literal(&r->needs);
  if (use == USE_RELAXED) return compile_relaxed(r);
  return pcre2_compile((PCRE2_SPTR)r->source + (use == USE_NEXT ? 2 : 0), PCRE2_ZERO_TERMINATED,
                       PCRE2_UTF | PCRE2_UCP | (use == USE_ANCHORED ? PCRE2_ANCHORED : 0), &errcode,
                       &erroffset, NULL);
}

/* Readies the rule's pattern for one use before its first match: compiles
 * the variant, then to machine code. The set is shared by threads: one
 * compiles while the others wait, and none matches with a pattern while it is
 * being compiled. JIT is an optimisation: where it is unavailable the
 * interpreter runs. Returns how to match: MATCH_NONE when the variant of
 * USE_NEXT cannot be made (the caller then goes place by place), or that of
 * USE_LITERAL or USE_RELAXED (every text then may hold a match). */
static int prepare(const parx_rule *rule, enum use use) {
  parx_rule *r = (parx_rule *)rule; /* the lazy part of an otherwise immutable rule */
  pthread_mutex_lock(r->jit_lock);
  int how = atomic_load_explicit(&r->ready[use], memory_order_relaxed);
  if (!how) {
    pcre2_code *code = compile_use(r, use);
    if (use == USE_ANCHORED) r->anchored = code;
    if (use == USE_NEXT) r->next = code;
    if (use == USE_LITERAL) r->literal = code;
    if (use == USE_RELAXED) r->relaxed = code;
    how = !code && use >= USE_NEXT                                   ? MATCH_NONE
          : code && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0 ? MATCH_JIT
                                                                     : MATCH_INTERPRETED;
    atomic_store_explicit(&r->ready[use], how, memory_order_release);
  }
  pthread_mutex_unlock(r->jit_lock);
  return how;
}

static int is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

/* Matches from `from` (at it only for USE_ANCHORED): PCRE2's return code. The
 * JIT entry point skips the argument checks of pcre2_match, which cost as much
 * as a failing match on a short block. */
static int run(parx_matcher *mr, const parx_rule *rule, enum use use, const char *s, size_t len,
               size_t from) {
  int how = atomic_load_explicit(&rule->ready[use], memory_order_acquire);
  if (!how) how = prepare(rule, use);
  const pcre2_code *code = use == USE_NEXT                         ? rule->next
                           : use == USE_LITERAL                    ? rule->literal
                           : use == USE_RELAXED                    ? rule->relaxed
                           : use == USE_ANCHORED && rule->anchored ? rule->anchored
                                                                   : rule->code;
  if (how == MATCH_JIT)
    return pcre2_jit_match(code, (PCRE2_SPTR)s, len, from, 0, mr->data, mr->context);
  return pcre2_match(code, (PCRE2_SPTR)s, len, from,
                     PCRE2_NO_UTF_CHECK | (use == USE_ANCHORED ? PCRE2_ANCHORED : 0), mr->data,
                     mr->context);
}

/* Fills *m from a match's return code rc: 1, or 0 when there was none. */
static int found(parx_matcher *mr, const parx_rule *rule, const char *s, int rc, parx_match *m) {
  if (rc < 0) {
    /* anything but "no match" is a bug of ours (a start inside a character)
     * or a limit reached: both count as no match, and the second is counted */
    if (rc != PCRE2_ERROR_NOMATCH) mr->stopped++;
    return 0;
  }
  /* rc is one more than the highest group set; 0 when the data was too small */
  size_t n = rc == 0 ? PARX_MATCH_SPANS : (size_t)rc;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(mr->data);
  m->rule = rule;
  m->subject = s;
  m->nspans = n;
  memcpy(m->spans, ov, n * sizeof m->spans[0]);
  m->start = ov[0];
  m->end = ov[1];
  return 1;
}

/* Windows that callers cut may fall inside a character: their ends move to
 * character boundaries, which lets PCRE2 skip checking the whole subject's
 * UTF-8 on every call (the text was validated and normalised before). */
static size_t char_end(const char *s, size_t len) {
  while (len && s[len] && is_continuation((unsigned char)s[len]))
    len--;
  return len;
}

/* 0 when the text from `from` lacks what every match of the rule holds: its
 * bytes, a digit, its literal (found in one fast scan, most rules' words being
 * rare); 1 when it may hold a match. For a search, not for a match tried at
 * one place, which costs less than the literal's scan. */
static int may_hold(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len,
                    size_t from) {
  if (!parx_needs_met(&rule->needs, s + from, len - from)) return 0;
  if (!rule->needs.literal_len) return 1;
  int how = atomic_load_explicit(&rule->ready[USE_LITERAL], memory_order_acquire);
  if (!how) how = prepare(rule, USE_LITERAL);
  return how == MATCH_NONE || run(mr, rule, USE_LITERAL, s, len, from) != PCRE2_ERROR_NOMATCH;
}

/* 0 when no match tried at byte `at` alone can start there: PCRE2 keeps a
 * table of the bytes its matches start with, and the byte is not in it. */
static int may_start_at(const parx_rule *rule, const char *s, size_t len, size_t at) {
  const uint8_t *bytes = rule->first_bytes;
  if (!bytes || at >= len) return 1;
  unsigned char c = (unsigned char)s[at];
  return (bytes[c >> 3] >> (c & 7)) & 1;
}

int parx_rule_match(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len, size_t from,
                    parx_match *m) {
  while (from < len && is_continuation((unsigned char)s[from]))
    from++;
  len = char_end(s, len);
  if (!rule || from > len || (rule->anchored_only && !may_start_at(rule, s, len, from)) ||
      !may_hold(mr, rule, s, len, from))
    return 0;
  return found(mr, rule, s, run(mr, rule, USE_SEARCH, s, len, from), m);
}

int parx_rule_may_match_within(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len) {
  len = char_end(s, len);
  if (!rule || !may_hold(mr, rule, s, len, 0)) return 0;
  int how = atomic_load_explicit(&rule->ready[USE_RELAXED], memory_order_acquire);
  if (!how) how = prepare(rule, USE_RELAXED);
  return how == MATCH_NONE || run(mr, rule, USE_RELAXED, s, len, 0) != PCRE2_ERROR_NOMATCH;
}

int parx_rule_match_at(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len,
                       size_t at, parx_match *m) {
  len = char_end(s, len);
  if (!rule || at > len || (at < len && is_continuation((unsigned char)s[at])) ||
      !may_start_at(rule, s, len, at) || !parx_needs_met(&rule->needs, s + at, len - at))
    return 0;
  return found(mr, rule, s, run(mr, rule, USE_ANCHORED, s, len, at), m);
}

int parx_rule_match_next(parx_matcher *mr, const parx_rule *rule, const char *s, size_t len,
                         size_t from, size_t *at, parx_match *m) {
  if (!rule) return 0;
  int how = rule->g_use == PARX_G_LEADS
                ? atomic_load_explicit(&rule->ready[USE_NEXT], memory_order_acquire)
                : MATCH_NONE;
  if (rule->g_use == PARX_G_LEADS && !how) how = prepare(rule, USE_NEXT);
  if (how != MATCH_NONE) { /* one search for what follows \G: it starts where \G held */
    while (from < len && is_continuation((unsigned char)s[from]))
      from++;
    len = char_end(s, len);
    if (from > len || !may_hold(mr, rule, s, len, from) ||
        !found(mr, rule, s, run(mr, rule, USE_NEXT, s, len, from), m))
      return 0;
    *at = m->start;
    return 1;
  }
  /* else place by place; without \G a search from `from` already stands
   * for one from every later place */
  for (size_t p = from; p <= len; p++) {
    if (p < len && is_continuation((unsigned char)s[p])) continue;
    if (parx_rule_match(mr, rule, s, len, p, m)) {
      *at = p;
      return 1;
    }
    if (rule->g_use == PARX_G_NONE) return 0;
  }
  return 0;
}

static int group_span(const parx_match *m, int n, size_t *start, size_t *end) {
  if (n <= 0 || (size_t)n >= m->nspans || m->spans[n][0] == PCRE2_UNSET) return 0;
  *start = m->spans[n][0];
  *end = m->spans[n][1];
  return 1;
}

int parx_match_group(const parx_match *m, parx_group group, size_t *start, size_t *end) {
  return group_span(m, m->rule->group_no[group], start, end);
}

int parx_match_group_named(const parx_match *m, const char *name, size_t *start, size_t *end) {
  return group_span(m, pcre2_substring_number_from_name(m->rule->code, (PCRE2_SPTR)name), start,
                    end);
}

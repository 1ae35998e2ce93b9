/*
 * Index results of sentences, one per index, year and unit: the clauses of a
 * sentence ("… đạt 79,53 điểm, xếp 50/63; SIPAS đạt 75,07%") each give their
 * numbers to the index, year and unit they name or carry. Tables that rank
 * units are read in results_table.c.
 */
#include "assembly.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How far a clause start is looked for: bounded so that a long run-on
 * sentence stays linear; how many indices one "lần lượt" shares values out to;
 * how far before a parenthesis, in bytes, what makes it another's (the year
 * compared with, a group's average) is looked for, also to stay linear. */
enum { CLAUSE_LOOK = 240, RESPECTIVE_MAX = 6, PENDING_MAX = 8, PAREN_LOOK = 160 };

const char *lazy_index_name(ctx *c, lazy_index *li) {
  if (!li->looked) li->name = index_named(c, li->text, li->len, NULL);
  li->looked = 1;
  return li->name;
}

/* What a clause gives to the clauses after it in its sentence. */
typedef struct carried {
  char *index;
  /* clauses read since, whose index is looked for only when one is needed
   * (most clauses give no result): the last of them that names one is carried */
  const char *pending[PENDING_MAX];
  size_t pending_len[PENDING_MAX], npending;
  int year, target;
  const char *unit; /* into the sentence; NULL for the document's own subject */
  size_t unit_len;
  /* clauses read since, whose year and unit are looked for only when a
   * clause gives a result: each one's then replaces the carried, in order */
  const char *unplaced[PENDING_MAX];
  size_t unplaced_len[PENDING_MAX], nunplaced;
} carried;

/* Looks for the index of the pending clauses, the last first. */
static void settle(ctx *c, carried *k) {
  for (size_t i = k->npending; i-- > 0;) {
    char *index = index_named(c, k->pending[i], k->pending_len[i], NULL);
    if (index) {
      free(k->index);
      k->index = index;
      break;
    }
  }
  k->npending = 0;
}

/* A clause names the index it carries (`index`, copied; NULL when it names none). */
static void carry_index(ctx *c, carried *k, const char *index) {
  if (!index) return;
  free(k->index);
  if (!(k->index = strdup(index))) c->failed = 1;
  k->npending = 0;
}

char *index_named(ctx *c, const char *s, size_t n, size_t *at) {
  parx_match match;
  const parx_rule *r = parx_rules_first_index(c->rules, c->matcher, s, n, &match);
  if (at) *at = r ? match.start : n;
  return r ? strdup(parx_rule_index(r)) : NULL;
}

/* True when the n bytes at s open with an index's name. */
static int index_opens(ctx *c, const char *s, size_t n) {
  parx_match match;
  return parx_rules_index_at_start(c->rules, c->matcher, s, n, &match) != NULL;
}

/* The unit a clause opens with (its span in s), 0 when none. */
static int unit_at(ctx *c, const char *s, size_t n, size_t *us, size_t *ue) {
  parx_match match;
  return (match_rule(c, RULE_RESULT_UNIT, s, n, 0, &match) ||
          match_rule_opening(c, RULE_RESULT_PROVINCE, s, n, &match)) &&
         group(&match, GROUP_UNIT, us, ue);
}

int unit_is_own(ctx *c, const char *u, size_t n) {
  static const char *const kinds[] = {"", "tỉnh ", "Tỉnh "};
  const char *own[] = {c->rec->document.place, c->own_place};
  for (size_t i = 0; i < 2; i++)
    for (size_t k = 0; own[i] && k < sizeof kinds / sizeof *kinds; k++) {
      size_t kl = strlen(kinds[k]), ol = strlen(own[i]);
      if (n == kl + ol && !memcmp(u, kinds[k], kl) && !memcmp(u + kl, own[i], ol)) return 1;
    }
  return 0;
}

/* Byte where a clause starting the n bytes at s ends: at a join ("," "và")
 * before a new index, year or unit, else n; *next is where the clause after
 * it starts (after the join). */
static size_t clause_end(ctx *c, const char *s, size_t n, size_t *next) {
  parx_match match;
  size_t i;
  for (size_t from = 1;
       from < n && match_rule_next(c, RULE_RESULT_CLAUSE_JOIN, s, n, from, &i, &match) && i < n;
       from = i + 1) {
    if (s[i] != ',' && s[i] != ':' && s[i] != ' ') continue;
    size_t q = match.end, look = n - q < CLAUSE_LOOK ? n - q : CLAUSE_LOOK, us, ue;
    if (match_rule_at(c, RULE_RESULT_YEAR, s + q, look, 0, &match) || index_opens(c, s + q, look) ||
        unit_at(c, s + q, look, &us, &ue)) {
      *next = q;
      return i;
    }
  }
  return *next = n;
}

/* The ordinal rules are read as a run: ordinal.N is the N-th from ordinal.1. */
_Static_assert(RULE_ORDINAL_10 - RULE_ORDINAL_1 == 9, "catalog.h lists ordinal.1 to .10 in order");

/* A rank in words: "đứng vị trí thứ hai" is 2, "đứng đầu" 1. */
static int rank_in_words(ctx *c, const char *s, size_t n, double *rank) {
  parx_match match, word;
  size_t ws, we;
  if (match_rule(c, RULE_RESULT_RANK_WORD, s, n, 0, &match) && group(&match, GROUP_WORD, &ws, &we))
    for (int k = RULE_ORDINAL_1; k <= RULE_ORDINAL_10; k++)
      if (match_rule(c, (parx_rule_id)k, s + ws, we - ws, 0, &word)) {
        *rank = k - RULE_ORDINAL_1 + 1;
        return 1;
      }
  if (match_rule(c, RULE_RESULT_RANK_FIRST, s, n, 0, &match)) {
    *rank = 1;
    return 1;
  }
  return 0;
}

/* The year a clause is about when neither it nor its sentence names one. */
static int fallback_year(ctx *c, const result_scope *scope) {
  parx_match match;
  double y;
  if (scope->year) return scope->year;
  if (scope->para_year) return scope->para_year;
  /* "tăng 2 bậc so với năm 2020": the year after the one compared with */
  if (match_rule(c, RULE_RESULT_COMPARED, scope->sentence, scope->sentence_len, 0, &match) &&
      group_number(&match, GROUP_YEAR, &y))
    return (int)y + 1;
  return c->doc_year ? c->doc_year : c->page_year;
}

/* Reads the year and unit of the clauses not read yet, in order. */
static void place(ctx *c, carried *k) {
  for (size_t i = 0; i < k->nunplaced; i++) {
    const char *s = k->unplaced[i];
    size_t n = k->unplaced_len[i], us, ue;
    parx_match match;
    double y;
    if (match_rule(c, RULE_RESULT_YEAR, s, n, 0, &match) && group_number(&match, GROUP_YEAR, &y))
      k->year = (int)y;
    if (unit_at(c, s, n, &us, &ue)) {
      int own = unit_is_own(c, s + us, ue - us);
      k->unit = own ? NULL : s + us;
      k->unit_len = own ? 0 : ue - us;
    }
  }
  k->nunplaced = 0;
}

/* One clause: its own index, year and unit, else those carried. */
static void clause_result(ctx *c, const result_scope *scope, carried *k, const char *s, size_t n) {
  parx_match match;
  double score = NAN, max = NAN, percent = NAN, rank = 0, of = 0;
  /* the clause's own index, looked for once the clause gives a result */
  char *index = NULL;
  int looked = 0;
  size_t clause_len = n;
  if (k->nunplaced == PENDING_MAX) place(c, k);
  k->unplaced[k->nunplaced] = s;
  k->unplaced_len[k->nunplaced++] = n;
  if (match_rule(c, RULE_SCORE_TARGET, s, n, 0, &match)) k->target = 1;
  if (k->target) goto done;
  /* what a group's average reaches is not the unit's: the clause ends before it */
  if (match_rule(c, RULE_RESULT_NOT_RESULT, s, n, 0, &match)) n = match.start;
  int has_rank = match_rule(c, RULE_RESULT_RANK, s, n, 0, &match) &&
                 group_number(&match, GROUP_RANK, &rank) && group_number(&match, GROUP_OF, &of);
  if (!has_rank)
    has_rank = (match_rule(c, RULE_RESULT_RANK_ONLY, s, n, 0, &match) &&
                group_number(&match, GROUP_RANK, &rank)) ||
               rank_in_words(c, s, n, &rank);
  int has_percent = match_rule(c, RULE_RESULT_PERCENT, s, n, 0, &match) &&
                    group_number(&match, GROUP_PERCENT, &percent);
  size_t us, ue;
  /* "Hải Phòng 93,29%": a unit's percent right after its name */
  if (!has_percent && unit_at(c, s, n, &us, &ue))
    has_percent = match_rule_at(c, RULE_RESULT_UNIT_PERCENT, s, n, ue, &match) &&
                  group_number(&match, GROUP_PERCENT, &percent);
  int has_total = !scope->has_code && match_rule(c, RULE_RESULT_TOTAL, s, n, 0, &match) &&
                  group_number(&match, GROUP_SCORE, &score) &&
                  group_number(&match, GROUP_MAX, &max);
  /* an index scored without a maximum: "PAPI … đạt 43,69 điểm" */
  if (!has_total && !scope->has_code && match_rule(c, RULE_RESULT_SCORE_ONLY, s, n, 0, &match) &&
      group_number(&match, GROUP_SCORE, &score))
    has_total = 1;
  if (!has_rank && !has_percent && !has_total) goto done;
  /* the criterion's index, when the paragraph is about one, is every clause's
   * own and carried: read once a clause gives a result, since till then what
   * a clause carries is read by none */
  const char *code_index = scope->code_index ? lazy_index_name(c, scope->code_index) : NULL;
  if (code_index) {
    index = strdup(code_index);
    looked = 1;
    carry_index(c, k, index);
  }
  place(c, k);
  if (!looked) {
    index = index_named(c, s, clause_len, NULL);
    looked = 1;
    carry_index(c, k, index);
  }
  if (!index && !scope->has_code) settle(c, k);
  /* an index carried in the sentence, or named further on, is the clause's own */
  if (!index && !scope->has_code)
    index = k->index ? strdup(k->index)
            : lazy_index_name(c, scope->sentence_index)
                ? strdup(lazy_index_name(c, scope->sentence_index))
                : NULL;
  int in_sentence = index != NULL;
  if (!index && scope->index && !scope->has_code) index = strdup(scope->index);
  /* a unit ranked on a news page without an index named: the headline's */
  if (!index && k->unit && !scope->has_code && c->page_index) index = strdup(c->page_index);
  /* a criterion's points are a score, and so are a field's under a results
   * heading: only a rank, an index or a unit named with its total, or a total
   * said to be the total ("Tổng số điểm …") makes a result */
  int whole = in_sentence || k->unit || match_rule(c, RULE_RESULT_TOTAL_CUE, s, n, 0, &match);
  if (index && (has_rank || (!scope->has_code && whole && (has_total || has_percent)))) {
    int year = k->year ? k->year : fallback_year(c, scope);
    parx_result *r = record_result(c, index, year, k->unit, k->unit_len, scope->loc);
    if (r) {
      if (has_rank && !r->rank) r->rank = (int)rank, r->rank_of = (int)of;
      if (has_total && isnan(r->score)) r->score = score, r->max = max;
      if (has_percent && !scope->has_code && isnan(r->percent)) r->percent = percent;
      if (!r->rating && match_rule(c, RULE_RESULT_RATING, s, n, 0, &match))
        r->rating = group_copy(&match, GROUP_RATING);
    }
  }
done:
  if (!looked) {
    if (k->npending == PENDING_MAX) settle(c, k);
    k->pending[k->npending] = s;
    k->pending_len[k->npending++] = clause_len;
  }
  free(index);
}

/* The years of a list before `at` in s ("năm 2021 và 2022"): their number,
 * at most RESPECTIVE_MAX, in years[]. */
static size_t years_listed(ctx *c, const char *s, size_t at, int *years) {
  parx_match m;
  double y;
  size_t ny = 0;
  if (!match_rule(c, RULE_RESULT_YEAR, s, at, 0, &m) || !group_number(&m, GROUP_YEAR, &y)) return 0;
  years[ny++] = (int)y;
  while (ny < RESPECTIVE_MAX && match_rule_at(c, RULE_RESULT_YEAR_NEXT, s, at, m.end, &m) &&
         group_number(&m, GROUP_YEAR, &y))
    years[ny++] = (int)y;
  return ny;
}

/* "Chỉ số SIPAS và PAPI lần lượt đạt 85,2% và 45,1/80 điểm": the values after
 * "lần lượt" go in order to the indices named before it, or to the years of
 * one index ("năm 2021 và 2022 lần lượt đạt …"), when there are as many of
 * each. Returns whether it read the n bytes at s so. */
static int respectively(ctx *c, const result_scope *scope, const char *s, size_t n) {
  parx_match match, m;
  if (!match_rule(c, RULE_RESULT_RESPECTIVELY, s, n, 0, &match)) return 0;
  const char *names[RESPECTIVE_MAX];
  size_t nn = 0, nv = 0, at = match.start, from = match.end;
  for (size_t p = 0; nn < RESPECTIVE_MAX;) {
    const parx_rule *r = parx_rules_first_index(c->rules, c->matcher, s + p, at - p, &m);
    if (!r) break;
    names[nn++] = parx_rule_index(r);
    p += m.end;
  }
  parx_match values[RESPECTIVE_MAX];
  for (; nv < RESPECTIVE_MAX && match_rule(c, RULE_RESULT_VALUE, s, n, from, &values[nv]); nv++)
    from = values[nv].end;
  /* the values go to the indices named, or to the years of one index */
  int years[RESPECTIVE_MAX];
  size_t ny = years_listed(c, s, at, years);
  const char *index = nn == 1 ? names[0] : scope->index;
  int by_year = nn < 2 && ny >= 2 && ny == nv && index;
  if (!by_year && (nn < 2 || nn != nv)) return 0;
  int year = ny ? years[0] : fallback_year(c, scope);
  for (size_t i = 0; i < nv; i++) {
    double v, max = NAN;
    size_t ps, pe;
    if (!group_number(&values[i], GROUP_SCORE, &v)) continue;
    parx_result *r = by_year ? record_result(c, index, years[i], NULL, 0, scope->loc)
                             : record_result(c, names[i], year, NULL, 0, scope->loc);
    if (!r) return 1;
    if (group(&values[i], GROUP_PERCENT, &ps, &pe)) {
      if (isnan(r->percent)) r->percent = v;
    } else if (isnan(r->score)) {
      group_number(&values[i], GROUP_MAX, &max);
      r->score = v, r->max = max;
    }
  }
  return 1;
}

/* The clauses of the n bytes at s (no parentheses left in them). */
static void clauses(ctx *c, const result_scope *scope, carried *k, const char *s, const char *inner,
                    size_t n);

/* The year compared with, when the `at` bytes at t end with it ("tăng 3,2%
 * so với năm 2022 "): 1 and *year, else 0. */
static int compared_at_end(ctx *c, const char *t, size_t at, int *year) {
  parx_match match;
  double y;
  size_t end = at;
  while (end && t[end - 1] == ' ')
    end--;
  for (size_t from = end > PAREN_LOOK ? end - PAREN_LOOK : 0;
       match_rule(c, RULE_RESULT_COMPARED, t, end, from, &match); from = match.end)
    if (match.end == end && group_number(&match, GROUP_YEAR, &y)) {
      *year = (int)y;
      return 1;
    }
  return 0;
}

/* The parenthesised clauses in the n bytes at t, each read with what the
 * clause around them carries (its index, year and unit), carrying nothing on:
 * "PAPI tăng 5 bậc (xếp thứ 25/63), PCI …" ranks PAPI; a parenthesis after
 * the year compared with is that year's ("so với năm 2022 (81,92%)"). */
static void parenthesised(ctx *c, const result_scope *scope, carried *k, const char *t, size_t n) {
  for (size_t p = 0; p < n; p++) {
    if (t[p] != '(') continue;
    size_t close = p + 1;
    while (close < n && t[close] != ')')
      close++;
    parx_match average;
    /* "cao hơn mức trung bình cả nước (85,85%)": the group's, not the unit's */
    if (match_rule(c, RULE_RESULT_NOT_RESULT, t, close, p > PAREN_LOOK ? p - PAREN_LOOK : 0,
                   &average) &&
        average.end > p) {
      p = close;
      continue;
    }
    settle(c, k);
    place(c, k);
    carried in = *k;
    in.index = k->index ? strdup(k->index) : NULL;
    compared_at_end(c, t, p, &in.year);
    clauses(c, scope, &in, t + p + 1, NULL, close - p - 1);
    free(in.index);
    p = close;
  }
}

/* The clauses of the n bytes at s, whose parentheses are blanked; after each
 * clause, those parentheses read from the same bytes of `inner` (the text
 * before blanking), or none when `inner` is NULL. */
static void clauses(ctx *c, const result_scope *scope, carried *k, const char *s, const char *inner,
                    size_t n) {
  for (size_t from = 0; from < n;) {
    while (from < n && strchr(" ,", s[from]))
      from++;
    if (from >= n) break;
    size_t next, len = clause_end(c, s + from, n - from, &next);
    clause_result(c, scope, k, s + from, len);
    if (inner) parenthesised(c, scope, k, inner + from, len);
    from += next;
  }
}

/* Blanks in outer the parenthesis opening at byte i of the n at t, to its
 * closing one or the end; returns the last byte blanked. */
static size_t blank_parenthesis(const char *t, size_t i, size_t n, char *outer) {
  size_t depth = 0, j = i;
  for (; j < n; j++) {
    depth += t[j] == '(';
    depth -= t[j] == ')';
    if (!depth) break;
  }
  memset(outer + i, ' ', (j < n ? j + 1 : n) - i);
  return j < n ? j : n - 1;
}

/* The rules whose matches give a sentence its results, in its clauses; those
 * that most often match first. */
static const parx_rule_id producers[] = {
    RULE_RESULT_TOTAL,      RULE_RESULT_PERCENT,   RULE_RESULT_RANK,      RULE_RESULT_RANK_FIRST,
    RULE_RESULT_SCORE_ONLY, RULE_RESULT_RANK_ONLY, RULE_RESULT_RANK_WORD, RULE_RESULT_RESPECTIVELY};

/* False when none of the producers can match in any part of the n bytes at s:
 * one scan of the sentence per rule instead of one per clause and rule. */
static int may_give_results(ctx *c, const char *s, size_t n) {
  for (size_t i = 0; i < sizeof producers / sizeof *producers; i++)
    if (parx_rule_may_match_within(c->matcher, parx_rules_get(c->rules, producers[i]), s, n))
      return 1;
  return 0;
}

/* "Nhóm đạt loại Xuất sắc (từ 90% trở lên): Sở Nội vụ (93,45%), …": a rating
 * stated before the sentence's colon is that of every unit listed after it,
 * the results from first_new on. */
static void group_rating(ctx *c, const char *t, size_t n, size_t first_new) {
  parx_match match;
  const char *colon = memchr(t, ':', n);
  if (!colon || first_new == c->rec->nresults ||
      !match_rule(c, RULE_RESULT_RATING, t, (size_t)(colon - t), 0, &match))
    return;
  for (size_t i = first_new; i < c->rec->nresults; i++) {
    parx_result *r = &c->rec->results[i];
    if (!r->rating && r->unit && !(r->rating = group_copy(&match, GROUP_RATING))) c->failed = 1;
  }
}

void results_in_sentence(ctx *c, const result_scope *in, const char *t, size_t n) {
  parx_match match;
  /* a result states a fraction, a percent, points or a rank */
  if (!memchr(t, '/', n) && !memchr(t, '%', n) && !match_rule(c, RULE_RESULT_CUE, t, n, 0, &match))
    return;
  /* the sentence with its parenthesised parts blanked: their clauses are read
   * after the clause around them, which they take their index and unit from */
  char *outer = strndup(t, n);
  if (!outer) {
    c->failed = 1;
    return;
  }
  /* its clauses are parts of outer once blanked, or of what a parenthesis holds */
  for (size_t i = 0; i < n; i++)
    if (t[i] == '(') i = blank_parenthesis(t, i, n, outer);
  if (!may_give_results(c, outer, n) && !(memchr(t, '(', n) && may_give_results(c, t, n))) {
    free(outer);
    return;
  }
  memcpy(outer, t, n); /* blanked again part by part as the parts are read: a
                          part's year may be read from the parentheses after it */
  result_scope scope = *in;
  scope.sentence = outer;
  scope.sentence_len = n;
  lazy_index named = {t, n, 0, NULL};
  scope.sentence_index = &named;
  carried k = {0};
  size_t seg = 0, first_new = c->rec->nresults;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && t[i] == '(') {
      i = blank_parenthesis(t, i, n, outer);
      continue;
    }
    if (i < n && t[i] != ';') continue;
    if (respectively(c, &scope, outer + seg, i - seg))
      parenthesised(c, &scope, &k, t + seg, i - seg);
    else
      clauses(c, &scope, &k, outer + seg, t + seg, i - seg);
    seg = i + 1;
  }
  group_rating(c, t, n, first_new);
  free(k.index);
  free(named.name);
  free(outer);
}

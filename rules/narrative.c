/*
 * Narrative statements: criteria named in prose, scores ("đạt 0,25/0,5
 * điểm"), points lost and why, deductions; the sentences' index results are
 * read clause by clause in results.c.
 */
#include "assembly.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far after a statement its reason, its title and its points are looked
 * for: bounded so that a long paragraph full of scores stays linear. */
enum { REASON_REACH = 1500, TITLE_REACH = 600, LOCUS_REACH = 24 };

static size_t reach(size_t from, size_t n, size_t window) {
  return n - from > window ? from + window : n;
}

typedef struct section {
  int year;        /* the year that the section's scores are for */
  char *index;     /* the index the section is about, or NULL */
  char field[256]; /* the field a "Tỉnh đạt …" sentence is about */
} section;

/* A heading of the narrative: its field's name, or the index or the year of
 * the results below it ("*" items are a task list's agencies, not sections). */
static int is_section_heading(const char *t, size_t n, marker mk) {
  return mk.kind != MARK_STAR && is_heading(t + mk.len, n - mk.len, mk.kind);
}

static int year_in(ctx *c, const char *s, size_t n) {
  parx_match match;
  double y;
  int year = 0;
  size_t from = 0;
  while (match_rule(c, RULE_HEADER_YEAR, s, n, from, &match) &&
         group_number(&match, GROUP_YEAR, &y)) {
    year = (int)y;
    from = match.end;
  }
  return year;
}

static void on_heading(ctx *c, section *sec, const char *t, marker mk) {
  parx_match match;
  size_t n = strlen(t);
  char *index = index_named(c, t, n, NULL);
  if (index || mk.kind == MARK_ROMAN) {
    free(sec->index);
    sec->index = index;
  }
  if (match_rule(c, RULE_SECTION_RESULTS, t, n, 0, &match)) {
    int y = year_in(c, t, n);
    if (y) sec->year = y;
  }
  snprintf(sec->field, sizeof sec->field, "%s", t + mk.len);
}

/* The year a paragraph opens with ("Năm 2021, …"): its sentences' year. */
static int opening_year(ctx *c, const char *t, size_t n) {
  parx_match match;
  double y;
  return match_rule_at(c, RULE_RESULT_YEAR, t, n, 0, &match) && group_number(&match, GROUP_YEAR, &y)
             ? (int)y
             : 0;
}

/* The reason for lost points stated after byte `from`, or NULL. */
/* Without a cue, the sentence right after the score explains the loss when
 * the score ends its own sentence ("… đạt 0,5/1 điểm. Kế hoạch ban hành
 * chậm."), unless it states another score. */
static char *next_sentence(ctx *c, const char *t, size_t from, size_t n) {
  parx_match match;
  size_t i = from;
  if (match_rule(c, RULE_SCORE_TAIL, t, n, from, &match)) i = match.end;
  if (i + 1 >= n || t[i] != '.' || t[i + 1] != ' ' || !starts_upper(t + i + 2)) return NULL;
  size_t start = i + 2, end = start;
  while (end < n && !full_stop_at(t, end, n))
    end++;
  if (match_rule(c, RULE_SCORE_FRACTION, t, end, start, &match) ||
      match_rule(c, RULE_CODE_LABEL, t, end, start, &match))
    return NULL;
  return copy_clause(t + start, end - start);
}

/* True when a sentence starts at byte i of t: after a full stop that ends no
 * code ("Tiêu chí 5.3. Rà soát …" is one sentence), before a capital. */
static int sentence_starts(const char *t, size_t i) {
  return i >= 2 && t[i - 2] == '.' && t[i - 1] == ' ' &&
         !(i >= 3 && isdigit((unsigned char)t[i - 3])) && starts_upper(t + i);
}

/* True when the label starting at byte `at` of t names where points were
 * deducted ("bị trừ 0,5 điểm tại TCTP 3.1.4"): the words just before it say so. */
static int deducted_at(ctx *c, const char *t, size_t at) {
  parx_match match;
  size_t from = at > LOCUS_REACH ? at - LOCUS_REACH : 0;
  while (from < at && ((unsigned char)t[from] & 0xC0) == 0x80)
    from++;
  return match_rule(c, RULE_DEDUCTION_LOCUS, t, at, from, &match);
}

/* The label that stands last before byte `at` of t, in its sentence and after
 * `from`: the subject of a statement of points there ("TCTP 3.1.4 bị trừ 0,5
 * điểm"), unless it is where points were deducted. 1 and its match, or 0. */
static int label_before(ctx *c, const char *t, size_t from, size_t at, parx_match *label) {
  parx_match match;
  size_t lo = at > TITLE_REACH ? at - TITLE_REACH : 0, found = 0;
  if (lo < from) lo = from;
  for (size_t i = at; i >= lo + 2; i--)
    if (sentence_starts(t, i)) {
      lo = i;
      break;
    }
  while (lo < at && ((unsigned char)t[lo] & 0xC0) == 0x80)
    lo++;
  size_t cs, ce;
  for (size_t pos = lo; match_rule(c, RULE_CODE_LABEL, t, at, pos, &match); pos = match.end)
    if (group(&match, GROUP_CODE, &cs, &ce)) *label = match, found = 1;
  return found && !deducted_at(c, t, label->start);
}

/* Where the next statement of points in t from `from` (before `to`) starts: a
 * score or a deduction, from the label of its subject when one stands before
 * it ("…, TCTP 3.2.2 bị trừ 0,5 điểm"); `to` when none. */
static size_t statement_after(ctx *c, const char *t, size_t from, size_t to) {
  parx_match match, label;
  size_t at = to;
  if (match_rule(c, RULE_SCORE_FRACTION, t, to, from, &match)) at = match.start;
  if (match_rule(c, RULE_DEDUCTION_POINTS, t, at, from, &match)) at = match.start;
  if (at < to && label_before(c, t, from, at, &label)) at = label.start;
  /* "… quy trình và TCTP 3.2.2 bị trừ": the joining word is not the reason's */
  if (at < to && match_rule(c, RULE_REASON_JOINER, t, at, from, &match)) at = match.start;
  return at;
}

/* The reason given after `from` in t (`len` bytes long). */
static char *reason_after(ctx *c, const char *t, size_t len, size_t from) {
  parx_match match;
  size_t n = reach(from, len, REASON_REACH);
  size_t at = n;
  if (match_rule(c, RULE_REASON_CAUSE, t, n, from, &match) &&
      match_rule(c, RULE_REASON_CUE, t, n, match.start, &match))
    at = match.start;
  else if (match_rule(c, RULE_REASON_CUE, t, n, from, &match))
    at = match.start;
  if (at == n) return next_sentence(c, t, from, n);
  size_t s, e;
  if (!group(&match, GROUP_REASON, &s, &e)) return NULL;
  /* a cause after the next score, or after the label of its subject, is that
   * score's ("… đạt 11,8/13 điểm; lĩnh vực … đạt 7,2/9 điểm do …", "…; TCTP
   * 1.1.3 do … nên đạt 0/0,5 điểm") */
  parx_match later, label;
  if (match_rule(c, RULE_SCORE_FRACTION, t, n, from, &later) &&
      (at > later.start || (label_before(c, t, from, later.start, &label) && at > label.start)))
    return NULL;
  /* the next statement of points after the cause is not part of it ("vì …, đạt 6/7 điểm") */
  e = statement_after(c, t, s, e);
  return copy_clause(t + s, e - s);
}

/* The reason stated before a score in its clause [from, at) ("Tiêu chí 5.4:
 * không đạt điểm do tỷ lệ … thấp (0/1,5 điểm)"), or NULL. */
static char *reason_before(ctx *c, const char *t, size_t from, size_t at) {
  parx_match match;
  size_t s, e;
  if (!match_rule(c, RULE_REASON_CUE, t, at, from, &match) || !group(&match, GROUP_REASON, &s, &e))
    return NULL;
  while (e > s && strchr(" (:", t[e - 1]))
    e--;
  /* "do … nên đạt": the word that joins the cause to the score is not the cause's */
  if (match_rule(c, RULE_REASON_JOINER, t, e, s, &match)) e = match.start;
  return e > s ? copy_clause(t + s, e - s) : NULL;
}

/* The paragraph after one that states lost points, where it may explain them
 * ("Tiêu chí 2.1 đạt 0,5/1 điểm." and below it, with no marker, "Kế hoạch
 * ban hành chậm so với quy định."). */
typedef struct explainer {
  size_t block;     /* the block of the paragraph that states the points */
  int looked;       /* whether `next` and `last` are known: looked for at the first need */
  const char *next; /* the paragraph after, when it may explain them, or NULL */
  size_t last;      /* where the sentence of the paragraph's last statement of points starts */
} explainer;

/* Block i + 1 when it may explain the points lost at the end of block i: a
 * paragraph without an outline marker, a code or a number to open it, that is
 * no heading in capitals, introduces no list and states no points of its own. */
static const char *explaining_paragraph(ctx *c, size_t i) {
  parx_match match;
  if (i + 1 >= c->doc->nblocks || c->taken[i + 1]) return NULL;
  const parx_block *b = &c->doc->blocks[i + 1];
  if (b->kind != PARX_BLOCK_PARAGRAPH || !b->text) return NULL;
  const char *p = b->text;
  size_t n = strlen(p);
  if (!n || p[n - 1] == ':' || isdigit((unsigned char)p[0]) ||
      outline_marker(c, p).kind != MARK_NONE)
    return NULL;
  if ((match_rule(c, RULE_CODE_LABEL, p, n, 0, &match) && match.start == 0) ||
      match_rule(c, RULE_TASK_LETTERHEAD, p, n, 0, &match) ||
      match_rule(c, RULE_SCORE_FRACTION, p, n, 0, &match) ||
      match_rule(c, RULE_DEDUCTION_POINTS, p, n, 0, &match))
    return NULL;
  return p;
}

/* Where the sentence of t's last statement of points (a score or a deduction) starts. */
static size_t last_statement_sentence(ctx *c, const char *t, size_t n) {
  parx_match match;
  size_t last = 0, pos = 0;
  while (match_rule(c, RULE_SCORE_FRACTION, t, n, pos, &match))
    last = match.start, pos = match.end;
  for (pos = last; match_rule(c, RULE_DEDUCTION_POINTS, t, n, pos, &match); pos = match.end)
    last = match.start;
  while (last > 0 && !sentence_starts(t, last))
    last--;
  return last;
}

/* The reason a paragraph gives: after its opening cue ("Lý do: …"), else its first sentence. */
static char *paragraph_reason(ctx *c, const char *p) {
  parx_match match;
  size_t n = strlen(p), s, e;
  if (match_rule(c, RULE_REASON_CUE, p, reach(0, n, REASON_REACH), 0, &match) && match.start == 0 &&
      group(&match, GROUP_REASON, &s, &e))
    return copy_clause(p + s, e - s);
  for (e = 0; e < reach(0, n, REASON_REACH) && !full_stop_at(p, e, n);)
    e++;
  while (e < n && ((unsigned char)p[e] & 0xC0) == 0x80) /* whole characters */
    e--;
  return copy_clause(p, e);
}

/* The reason for points lost in a statement of t at `at` ending at `end`:
 * stated after it in its paragraph, else by the paragraph after when the
 * statement is in the last sentence that states points. */
static char *reason_of(ctx *c, const char *t, size_t n, size_t at, size_t end, explainer *ex) {
  char *r = reason_after(c, t, n, end);
  if (r) return r;
  if (!ex->looked) {
    ex->looked = 1;
    ex->next = explaining_paragraph(c, ex->block);
    if (ex->next) ex->last = last_statement_sentence(c, t, n);
  }
  return ex->next && at >= ex->last ? paragraph_reason(c, ex->next) : NULL;
}

/* Where a field named by its words opens the clause [from, at) of t: at its
 * start, or after a comma or semicolon in it ("Trong các lĩnh vực, lĩnh vực
 * cải cách … đạt"); `at` when none does ("hồ sơ lĩnh vực đất đai" names no
 * field). */
static size_t field_words_at(ctx *c, const char *t, size_t from, size_t at) {
  parx_match match;
  while (from < at && (t[from] == ' ' || t[from] == ';' || t[from] == ','))
    from++;
  for (size_t pos = from; match_rule(c, RULE_CODE_FIELD_WORDS, t, at, pos, &match);
       pos = match.end) {
    size_t b = match.start;
    while (b > from && t[b - 1] == ' ')
      b--;
    if (b == from || t[b - 1] == ',' || t[b - 1] == ';') return match.start;
  }
  return at;
}

/* What a score at `at` is about: the nearest labelled code that is not a
 * deduction's ("Lĩnh vực 5, bị trừ 1 điểm tại TCTP 5.2.3 …, đạt 6/7 điểm" is
 * field 5's score), or the field the item names. */
static subject subject_of(ctx *c, const char *t, size_t from, size_t at, const section *sec) {
  parx_match match;
  subject s = {0};
  size_t pos = from;
  while (match_rule(c, RULE_CODE_LABEL, t, at, pos, &match)) {
    size_t cs, ce, end = match.end;
    if (group(&match, GROUP_CODE, &cs, &ce) && !deducted_at(c, t, match.start)) {
      s.code = t + cs;
      s.code_len = ce - cs;
      size_t ts = match.end;
      while (ts < at && (t[ts] == ' ' || t[ts] == '.'))
        ts++;
      s.title = t + ts;
      s.title_len = at > ts ? at - ts : 0;
      /* "Tiêu chí 1.3 về công tác kiểm tra: huyện đạt 1/2": the name ends at its colon */
      const char *colon = memchr(s.title, ':', s.title_len);
      if (colon) s.title_len = (size_t)(colon - s.title);
      /* "Lĩnh vực 5, bị trừ 1 điểm tại …, đạt 6/7 điểm": the title ends at the deduction */
      if (match_rule(c, RULE_DEDUCTION_POINTS, t, reach(ts, at, TITLE_REACH), ts, &match))
        s.title_len = match.start - ts;
    }
    pos = end;
  }
  if (s.code) return s;
  marker mk = outline_marker(c, t);
  size_t m = mk.len;
  const char *colon = memchr(t + from, ':', at - from);
  size_t field = from == 0 && at < m ? at : field_words_at(c, t, from ? from : m, at);
  if (from == 0 && colon) {
    /* "Lĩnh vực cải cách tài chính công: Tỉnh đạt 2,5/4 điểm" */
    s.title = t + m;
    s.title_len = (size_t)(colon - (t + m));
  } else if (field < at) {
    /* "Lĩnh vực cải cách tài chính công đạt 3/4 điểm; lĩnh vực … đạt 7,2/9" */
    s.title = t + field;
    s.title_len = at - field;
  } else if (from == 0 && at > m &&
             (mk.kind == MARK_LETTER || mk.kind == MARK_NUMBER || mk.kind == MARK_ROMAN)) {
    /* "a) Công tác … đạt" */
    s.title = t + m;
    s.title_len = at - m;
  } else if (sec->field[0]) {
    s.title = sec->field;
    s.title_len = strlen(sec->field);
  }
  return s;
}

static void trim_title(ctx *c, const char **title, size_t *len) {
  parx_match match;
  /* the last cue word ("đạt") and the punctuation before the numbers are not the title */
  size_t cut = *len;
  for (size_t from = 0;
       from < *len && match_rule(c, RULE_SCORE_TITLE_CUE, *title, *len, from, &match);
       from = match.end)
    cut = match.start;
  *len = cut;
  while (*len && strchr(" ,;:.", (*title)[*len - 1]))
    (*len)--;
}

/* Criteria named in prose: "Tiêu chí 3.1.1. Thực hiện …; tiêu chí 4.1.3. …".
 * Returns whether t's first label gives a code: the text is about a criterion. */
static int find_criteria(ctx *c, const char *t, size_t n, parx_loc loc) {
  parx_match match;
  size_t pos = 0;
  int first_has_code = -1;
  if (!strpbrk(t, "0123456789")) return 0; /* a code is a number */
  while (match_rule(c, RULE_CODE_LABEL, t, n, pos, &match)) {
    size_t cs, ce;
    size_t end = match.end;
    int has_code = group(&match, GROUP_CODE, &cs, &ce);
    if (first_has_code < 0) first_has_code = has_code;
    if (!has_code) {
      pos = end;
      continue;
    }
    /* "tiêu chí thành phần 6.1.1, 6.1.2": each code of a list is a criterion,
     * and a list names none of them */
    parx_match more;
    size_t ms, me;
    if (match_rule_at(c, RULE_CODE_LIST_NEXT, t, n, end, &more)) {
      criterion_note(c, t + cs, ce - cs, NULL, 0, NAN, loc);
      for (; match_rule_at(c, RULE_CODE_LIST_NEXT, t, n, end, &more) &&
             group(&more, GROUP_CODE, &ms, &me);
           end = more.end)
        criterion_note(c, t + ms, me - ms, NULL, 0, NAN, loc);
      pos = end;
      continue;
    }
    /* "TCTP 1.1.1: Ban hành …", "Tiêu chí 1.2 - Công tác …": the name follows */
    size_t ts = end;
    while (ts < n && (t[ts] == ' ' || t[ts] == '.' || t[ts] == ':' ||
                      (t[ts] == '-' && ts + 1 < n && t[ts + 1] == ' ')))
      ts++;
    /* the title runs to the next label, the score, or the clause's end */
    size_t te = ts;
    /* a title is no longer than the window its rules search: past it, a line
     * of labels would be read to its end once per label */
    size_t near = reach(ts, n, TITLE_REACH), stop = near;
    if (match_rule(c, RULE_CODE_TITLE_END, t, near, ts, &match)) stop = match.start;
    if (t[ts] == ')') stop = ts; /* "(TCTP 7.1.2)" names no title */
    while (te < stop && !strchr(";:(", t[te]))
      te++;
    double paren_max = NAN;
    if (t[te] == '(' && te > ts && match_rule_at(c, RULE_CODE_PAREN_POINTS, t, near, te, &match))
      group_number(&match, GROUP_MAX, &paren_max); /* "… kế hoạch CCHC năm (0,5 điểm)" */
    else if (t[te] == '(' && te > ts && t[te - 1] == ' ') {
      /* "(DDCI)" belongs to the name; "(… không phát sinh …)" does not */
      const char *close = memchr(t + te, ')', stop - te);
      if (close && close - (t + te) < 16)
        while (te < stop && !strchr(";:", t[te]))
          te++;
    }
    /* the maximum: in parentheses after the name, of a score, after the name,
     * or in parentheses before it */
    double max = paren_max;
    int unknown = isnan(max);
    if (unknown && match_rule(c, RULE_SCORE_FRACTION, t, near, ts, &match) && match.start <= te + 8)
      group_number(&match, GROUP_MAX, &max);
    else if (unknown && match_rule_at(c, RULE_CODE_INLINE_POINTS, t, near, ts, &match))
      group_number(&match, GROUP_MAX, &max);
    else if (unknown && match_rule_at(c, RULE_CODE_PAREN_POINTS, t, near, ts, &match) &&
             group_number(&match, GROUP_MAX, &max)) {
      /* "Tiêu chí 1.1 (0,5 điểm): Ban hành …": the title follows the points;
       * "(1 điểm): tỉnh đạt 0,5 điểm" follows them with a clause, no name */
      ts = match.end;
      while (ts < n && (t[ts] == ' ' || t[ts] == ':'))
        ts++;
      te = ts;
      if (starts_upper(t + ts))
        while (te < near && !strchr(";:(", t[te]))
          te++;
    }
    const char *title = t + ts;
    size_t title_len = te > ts ? te - ts : 0;
    if (!isnan(max) && match_rule_at(c, RULE_CODE_INLINE_POINTS, t, near, ts, &match)) {
      size_t ps, pe;
      if (group(&match, GROUP_TITLE, &ps, &pe)) title_len = pe - ps;
    }
    criterion_note(c, t + cs, ce - cs, title, title_len, max, loc);
    pos = end;
  }
  return first_has_code > 0;
}

/* "5.1.1 Hoàn thiện Đề án …: 0,5đ": a line opening with a code and its points. */
static void find_points_line(ctx *c, const char *t, size_t n, parx_loc loc) {
  parx_match match;
  size_t cs, ce, ts, te;
  double max;
  if (match_rule(c, RULE_CODE_POINTS_LINE, t, n, 0, &match) &&
      group(&match, GROUP_CODE, &cs, &ce) && group(&match, GROUP_TITLE, &ts, &te) &&
      group_number(&match, GROUP_MAX, &max))
    criterion_note(c, t + cs, ce - cs, t + ts, te - ts, max, loc);
}

static void find_scores(ctx *c, const section *sec, const char *t, size_t n, explainer *ex,
                        parx_loc loc) {
  parx_match match;
  size_t from = 0, pos = 0;
  if (!memchr(t, '/', n)) return; /* a score is a fraction */
  int target_sentence = match_rule(c, RULE_SCORE_TARGET, t, n, 0, &match);
  while (match_rule(c, RULE_SCORE_FRACTION, t, n, pos, &match)) {
    size_t at = match.start, end = match.end;
    double score, max;
    if (!group_number(&match, GROUP_SCORE, &score) || !group_number(&match, GROUP_MAX, &max) ||
        max <= 0) {
      pos = end;
      continue;
    }
    subject s = subject_of(c, t, from, at, sec);
    trim_title(c, &s.title, &s.title_len);
    size_t idx_at;
    char *index = s.code ? NULL : index_named(c, t + from, at - from, &idx_at);
    if (!index && (s.code || s.title_len)) {
      record_score(c, &s, score, max, target_sentence, sec->year, loc);
      /* points not assessed are not lost */
      int not_assessed =
          match_rule(c, RULE_SCORE_NOT_ASSESSED, t, reach(end, n, TITLE_REACH), end, &match);
      if (!target_sentence && score < max - 1e-9 && !not_assessed) {
        char *reason = reason_of(c, t, n, at, end, ex);
        if (!reason) reason = reason_before(c, t, from, at);
        record_deficit(c, &s, max - score, score, max, reason, loc);
      }
    }
    free(index);
    from = pos = end;
  }
}

/* Where the clause after a criterion's label at `from` ends: at the next
 * label, a semicolon or a full stop. */
static size_t label_clause_end(ctx *c, const char *t, size_t n, size_t from) {
  parx_match next;
  size_t end = match_rule(c, RULE_CODE_LABEL, t, n, from, &next) ? next.start : n;
  for (size_t i = from; i < end; i++)
    if (t[i] == ';' || full_stop_at(t, i, end)) return i;
  return end;
}

/* Scores stated without their maximum after a criterion's label ("Tiêu chí
 * 2.1 (1 điểm): tỉnh đạt 0,5 điểm"): the maximum is the one in parentheses
 * in the clause, else unknown. A paragraph with fractions states its scores
 * as fractions (find_scores); a deduction in the clause is the loss
 * (find_deductions). */
static void find_single_scores(ctx *c, const section *sec, const char *t, size_t n, explainer *ex,
                               parx_loc loc) {
  parx_match label, m;
  /* the score first: most paragraphs state none, and labels cost more to find */
  if (memchr(t, '/', n) || !match_rule(c, RULE_SCORE_SINGLE, t, n, 0, &m)) return;
  for (size_t pos = 0; match_rule(c, RULE_CODE_LABEL, t, n, pos, &label); pos = label.end) {
    size_t cs, ce, end = label_clause_end(c, t, n, label.end);
    double score, max = NAN;
    if (!group(&label, GROUP_CODE, &cs, &ce) || deducted_at(c, t, label.start) ||
        !match_rule(c, RULE_SCORE_SINGLE, t, end, label.end, &m) ||
        !group_number(&m, GROUP_SCORE, &score))
      continue;
    size_t at = m.start, stated = m.end;
    if (match_rule(c, RULE_CODE_PAREN_POINTS, t, end, label.end, &m))
      group_number(&m, GROUP_MAX, &max);
    subject s = {t + cs, NULL, ce - cs, 0};
    int target = match_rule(c, RULE_SCORE_TARGET, t, end, 0, &m);
    record_score(c, &s, score, max, target, sec->year, loc);
    if (!target && score < max - 1e-9 &&
        !match_rule(c, RULE_DEDUCTION_POINTS, t, end, label.end, &m) &&
        !match_rule(c, RULE_SCORE_NOT_ASSESSED, t, end, label.end, &m))
      record_deficit(c, &s, max - score, score, max, reason_of(c, t, n, at, stated, ex), loc);
  }
}

/* True when the code stands whole (not inside 13.1.4) in the window of t
 * before `upto`: the sentence names it before. The window keeps a line of
 * many deductions linear. */
static int names_before(const char *t, size_t upto, const char *code, size_t len) {
  for (size_t i = upto > TITLE_REACH ? upto - TITLE_REACH : 0; i + len <= upto; i++) {
    if (strncmp(t + i, code, len)) continue;
    int joined_before = i && (isdigit((unsigned char)t[i - 1]) || t[i - 1] == '.');
    int joined_after = isdigit((unsigned char)t[i + len]) ||
                       (t[i + len] == '.' && isdigit((unsigned char)t[i + len + 1]));
    if (!joined_before && !joined_after) return 1;
  }
  return 0;
}

/* The code of the criterion a deduction without a locus is about: the label
 * before it in its sentence with no score between ("Tiêu chí 2.2 bị trừ 0,5
 * điểm"), unless that label's score follows the deduction and already counts
 * it ("Lĩnh vực 3 bị trừ 1 điểm …, đạt 5/6 điểm"). */
static int deduction_subject(ctx *c, const char *t, size_t n, const parx_match *deduction,
                             subject *s) {
  parx_match label, match;
  if (!label_before(c, t, 0, deduction->start, &label) ||
      match_rule(c, RULE_SCORE_FRACTION, t, deduction->start, label.end, &match))
    return 0;
  /* the next score is the label's when no other label stands between them */
  size_t near = reach(deduction->end, n, REASON_REACH);
  if (match_rule(c, RULE_SCORE_FRACTION, t, near, deduction->end, &match)) {
    size_t score_at = match.start, pos = deduction->end, owned = 1;
    while (owned && match_rule(c, RULE_CODE_LABEL, t, score_at, pos, &match)) {
      owned = deducted_at(c, t, match.start);
      pos = match.end;
    }
    if (owned) return 0;
  }
  size_t cs, ce, ts = label.end;
  if (!group(&label, GROUP_CODE, &cs, &ce)) return 0;
  while (ts < deduction->start && (t[ts] == ' ' || t[ts] == '.'))
    ts++;
  *s = (subject){t + cs, t + ts, ce - cs, deduction->start - ts};
  while (s->title_len && strchr(" ,;:", s->title[s->title_len - 1]))
    s->title_len--;
  return 1;
}

/* One deduction: the deficit of its criterion, unless the sentence's score
 * already counts it. The score's own deficit counts the points of the
 * sentence's subject; a deduction at another, named criterion ("Lĩnh vực 3
 * đạt 5/6 điểm, bị trừ 0,5 điểm tại TCTP 3.1.4") is that criterion's deficit too. */
static void deduction(ctx *c, const section *sec, const char *t, size_t n, int scored,
                      const parx_match *match, explainer *ex, parx_loc loc) {
  double lost;
  subject s = {0};
  size_t cs, ce;
  int coded = group(match, GROUP_CODE, &cs, &ce);
  /* "TCTP 3.1.4 bị trừ 0,5 điểm": the criterion named before is its subject */
  int named = !coded && deduction_subject(c, t, n, match, &s);
  if (!named && scored && (!coded || names_before(t, match->start, t + cs, ce - cs))) return;
  size_t field = coded || named ? match->start : field_words_at(c, t, 0, match->start);
  if (coded) {
    s.code = t + cs, s.code_len = ce - cs;
  } else if (field < match->start) {
    /* "Lĩnh vực cải cách tài chính công bị trừ 1,5 điểm …" */
    s.title = t + field, s.title_len = match->start - field;
    while (s.title_len && strchr(" ,;:", s.title[s.title_len - 1]))
      s.title_len--;
  } else if (!named && sec->field[0]) {
    s.title = sec->field, s.title_len = strlen(sec->field);
  }
  if (group_number(match, GROUP_LOST, &lost) && lost > 0)
    record_deficit(c, &s, lost, NAN, NAN, reason_of(c, t, n, match->start, match->end, ex), loc);
}

/* "bị trừ 1 điểm tại TCTP 1.2.2": a deduction whose score is not stated, and
 * the deductions listed after it (", 0,25 điểm tại TCTP 1.2.3 và …"). */
static void find_deductions(ctx *c, const section *sec, const char *t, size_t n, explainer *ex,
                            parx_loc loc) {
  parx_match match;
  if (!strpbrk(t, "0123456789")) return;
  int scored = match_rule(c, RULE_SCORE_FRACTION, t, n, 0, &match);
  size_t pos = 0;
  while (match_rule(c, RULE_DEDUCTION_POINTS, t, n, pos, &match)) {
    do {
      deduction(c, sec, t, n, scored, &match, ex, loc);
      pos = match.end;
    } while (match_rule(c, RULE_DEDUCTION_MORE, t, n, pos, &match));
  }
}

/* Where the next sentence of a paragraph starts: after a full stop before an
 * upper-case letter. */
static size_t next_sentence_start(const char *t, size_t from, size_t len) {
  if (from + 1 >= len) return len;
  for (const char *dot = memchr(t + from, '.', len - 1 - from); dot;
       dot = memchr(dot + 1, '.', (size_t)(t + len - 1 - (dot + 1)))) {
    size_t i = (size_t)(dot - t);
    if (full_stop_at(t, i, len) && starts_upper(t + i + 2)) return i + 2;
  }
  return len;
}

void assemble_narrative(ctx *c) {
  parx_match match;
  section sec = {0};
  for (size_t i = 0; i < c->doc->nblocks; i++) {
    const parx_block *b = &c->doc->blocks[i];
    if (out_of_time(c, b->line)) break;
    if (b->kind != PARX_BLOCK_PARAGRAPH) {
      for (size_t r = 0; r < b->nrows; r++)
        for (size_t k = 0; k < b->rows[r].ncells; k++)
          if (k > 0) /* the number column is read by the table pass */
            find_criteria(c, b->rows[r].cells[k], strlen(b->rows[r].cells[k]),
                          (parx_loc){b->rows[r].line, b->rows[r].page});
      continue;
    }
    if (c->taken[i]) continue; /* a cell of a results table */
    const char *t = b->text;
    size_t n = strlen(t);
    parx_loc loc = {b->line, b->page};
    marker mk = outline_marker(c, t);
    int heading = is_section_heading(t, n, mk);
    int has_code = find_criteria(c, t, n, loc);
    find_points_line(c, t, n, loc);
    if (heading && !match_rule(c, RULE_SCORE_FRACTION, t, n, 0, &match)) on_heading(c, &sec, t, mk);
    lazy_index code_index = {t, n, 0, NULL};
    result_scope scope = {.index = sec.index,
                          .year = sec.year,
                          .para_year = opening_year(c, t, n),
                          .has_code = has_code,
                          .code_index = has_code ? &code_index : NULL,
                          .loc = loc};
    /* one sentence may give one index's result and the next another's */
    for (size_t from = 0, end; from < n; from = end) {
      end = next_sentence_start(t, from, n);
      results_in_sentence(c, &scope, t + from, end - from);
    }
    free(code_index.name);
    explainer ex = {.block = i};
    find_scores(c, &sec, t, n, &ex, loc);
    find_single_scores(c, &sec, t, n, &ex, loc);
    find_deductions(c, &sec, t, n, &ex, loc);
    if (heading && match_rule(c, RULE_SCORE_FRACTION, t, n, 0, &match)) {
      /* "a) Công tác … đạt 6,69/8 điểm" heads the criteria of its field */
      on_heading(c, &sec, t, mk);
    }
  }
  free(sec.index);
}

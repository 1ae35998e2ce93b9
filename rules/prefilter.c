/* Reading what a pattern's matches must hold (prefilter.h). */
#include "prefilter.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* A run of literal characters of a pattern, matched with or without case. */
typedef struct lit {
  char text[PARX_LITERAL_MAX];
  size_t len;
  int caseless;
} lit;

/* What every match of a part of a pattern consumes: ASCII punctuation, a set
 * of 128 bits; and its longest run of literal characters. */
typedef struct req {
  uint64_t bits[2];
  lit run;
} req;

typedef struct parser {
  const char *p, *end;
  int failed; /* a construct this reading does not know: no needs at all */
  int depth;
  int anchors;     /* \G read */
  int resets;      /* \K read: a match may start after where it was tried */
  int alternation; /* '|' read outside any group */
  int caseless;    /* (?i) in force */
} parser;

enum { MAX_DEPTH = 200 };

static void req_union(req *a, const req *b) {
  a->bits[0] |= b->bits[0];
  a->bits[1] |= b->bits[1];
  if (b->run.len > a->run.len) a->run = b->run;
}

/* What each of two alternatives needs: their common bytes, and no run. */
static req req_meet(const req *a, const req *b) {
  return (req){{a->bits[0] & b->bits[0], a->bits[1] & b->bits[1]}, {{0}, 0, 0}};
}

/* A literal byte of the pattern: punctuation that every match then holds, or
 * a byte not worth a pass over the text (a letter, which (?i) may match in
 * another case; a digit or white space, which most texts hold). */
static req literal(unsigned char c) {
  req r = {{0, 0}, {{0}, 0, 0}};
  if (c > ' ' && c < 0x7F && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
      !(c >= '0' && c <= '9'))
    r.bits[c >> 6] |= (uint64_t)1 << (c & 63);
  return r;
}

static int at(const parser *ps, size_t k, char c) {
  return ps->p + k < ps->end && ps->p[k] == c;
}

/* An escape after its backslash. */
static req escape(parser *ps) {
  req none = {{0, 0}, {{0}, 0, 0}};
  if (ps->p >= ps->end) {
    ps->failed = 1;
    return none;
  }
  unsigned char c = (unsigned char)*ps->p++;
  ps->anchors += c == 'G';
  ps->resets += c == 'K';
  if (c >= 0x80) { /* an escaped non-ASCII character: itself */
    while (ps->p < ps->end && ((unsigned char)*ps->p & 0xC0) == 0x80)
      ps->p++;
    return none;
  }
  if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
    return literal(c);
  if (strchr("pPxoN", c) && at(ps, 0, '{')) { /* \p{L}, \x{1EA0}, \o{..}, \N{U+..} */
    const char *close = memchr(ps->p, '}', (size_t)(ps->end - ps->p));
    if (!close)
      ps->failed = 1;
    else
      ps->p = close + 1;
    return none;
  }
  if (c == 'p' || c == 'P') { /* \pL */
    if (ps->p < ps->end) ps->p++;
    return none;
  }
  if (c == 'x') { /* \xhh */
    for (int k = 0; k < 2 && ps->p < ps->end && isxdigit((unsigned char)*ps->p); k++)
      ps->p++;
    return none;
  }
  if (c == 'c') { /* \cX: one control character */
    if (ps->p < ps->end) ps->p++;
    return none;
  }
  /* classes and zero-width assertions need nothing; a quoted run, a back
   * reference or an octal escape is not read */
  if (!strchr("dDsSwWhHvVRXCNbBAzZGKEaefnrt", c)) ps->failed = 1;
  return none;
}

/* Skips a character class after its '['. */
static void skip_class(parser *ps) {
  if (at(ps, 0, '^')) ps->p++;
  if (at(ps, 0, ']')) ps->p++; /* a ']' first is literal */
  while (ps->p < ps->end && *ps->p != ']') {
    if (*ps->p == '\\') {
      ps->p += 2;
    } else if (*ps->p == '[' && at(ps, 1, ':')) { /* [:alpha:] */
      const char *close = ps->p + 2;
      while (close + 1 < ps->end && !(close[0] == ':' && close[1] == ']'))
        close++;
      ps->p = close + 2;
    } else {
      ps->p++;
    }
  }
  if (ps->p >= ps->end)
    ps->failed = 1;
  else
    ps->p++;
}

static req alternatives(parser *ps);

/* The group after its '(' up to and with its ')'. */
static req group(parser *ps) {
  req none = {{0, 0}, {{0}, 0, 0}};
  int consumes = 1, outer_caseless = ps->caseless;
  if (at(ps, 0, '*')) {
    ps->failed = 1; /* a verb */
    return none;
  }
  if (at(ps, 0, '?')) {
    ps->p++;
    if (at(ps, 0, '#')) {
      const char *close = memchr(ps->p, ')', (size_t)(ps->end - ps->p));
      ps->p = close ? close + 1 : ps->end;
      return none;
    }
    if (at(ps, 0, ':') || at(ps, 0, '>') || at(ps, 0, '|')) {
      ps->p++;
    } else if (at(ps, 0, '=') || at(ps, 0, '!')) {
      ps->p++;
      consumes = 0; /* a lookahead: what it sees may lie past the match */
    } else if (at(ps, 0, '<') && (at(ps, 1, '=') || at(ps, 1, '!'))) {
      ps->p += 2;
      consumes = 0; /* a lookbehind: what it sees may lie before the text */
    } else if (at(ps, 0, '<') || at(ps, 0, '\'') || (at(ps, 0, 'P') && at(ps, 1, '<'))) {
      const char *close = ps->p;
      while (close < ps->end && *close != '>' && (close == ps->p || *close != '\''))
        close++;
      if (close >= ps->end) {
        ps->failed = 1;
        return none;
      }
      ps->p = close + 1;
    } else { /* option letters: (?i) alone, or (?i: group */
      const char *q = ps->p;
      int unset = 0;
      for (; q < ps->end && (strchr("imnsJUa^-", *q) && *q); q++) {
        unset |= *q == '-';
        if (*q == '^' || *q == 'i') ps->caseless = *q == 'i' && !unset;
      }
      if (q >= ps->end || (*q != ')' && *q != ':')) {
        ps->failed = 1; /* extended mode, recursion, a condition, a callout */
        return none;
      }
      ps->p = q + 1;
      if (*q == ')') return none; /* in force to the end of the enclosing group */
    }
  }
  if (++ps->depth > MAX_DEPTH) ps->failed = 1;
  req inner = ps->failed ? none : alternatives(ps);
  ps->depth--;
  if (!at(ps, 0, ')'))
    ps->failed = 1;
  else
    ps->p++;
  ps->caseless = outer_caseless;
  return consumes ? inner : none;
}

/* How often the atom before a quantifier (if any) is matched. */
typedef enum repeat { REPEAT_NONE, REPEAT_ONCE, REPEAT_SOME } repeat;

static repeat read_repeat(parser *ps) {
  repeat rep = REPEAT_ONCE;
  for (;;) {
    if (at(ps, 0, '?') || at(ps, 0, '*')) {
      rep = REPEAT_NONE;
      ps->p++;
    } else if (at(ps, 0, '+')) {
      if (rep == REPEAT_ONCE) rep = REPEAT_SOME;
      ps->p++;
    } else if (at(ps, 0, '{')) {
      const char *q = ps->p + 1;
      while (q < ps->end && ((*q >= '0' && *q <= '9') || *q == ','))
        q++;
      if (q >= ps->end || *q != '}' || q == ps->p + 1) return rep; /* a literal '{' */
      if (ps->p[1] == '0' || ps->p[1] == ',')
        rep = REPEAT_NONE;
      else if (rep == REPEAT_ONCE)
        rep = REPEAT_SOME;
      ps->p = q + 1;
    } else {
      return rep;
    }
    if (at(ps, 0, '?') || at(ps, 0, '+')) ps->p++; /* lazy or possessive */
  }
}

/* Ends a run of literal characters: the longest so far is kept in *all. */
static void end_run(req *all, lit *run) {
  if (run->len > all->run.len) all->run = *run;
  run->len = 0;
}

/* Adds a literal character (n bytes at c) to a run. */
static void add_to_run(req *all, lit *run, const char *c, size_t n, int caseless) {
  if (run->len + n > sizeof run->text || (run->len && run->caseless != caseless)) end_run(all, run);
  if (n > sizeof run->text) return;
  memcpy(run->text + run->len, c, n);
  run->len += n;
  run->caseless = caseless;
}

/* The atom after `c`, its first byte: what it needs, and in *n the bytes of
 * the one character it matches literally (at *text), 0 when it is no literal. */
static req atom(parser *ps, unsigned char c, const char **text, size_t *n) {
  req r = {{0, 0}, {{0}, 0, 0}};
  const char *start = ps->p - 1;
  *n = 0;
  if (c == '(') {
    r = group(ps);
  } else if (c == '[') {
    skip_class(ps);
  } else if (c == '\\') {
    r = escape(ps);
    if (!ps->failed && !isalnum((unsigned char)start[1])) *text = start + 1, *n = ps->p - *text;
  } else if (c >= 0x80) {
    while (ps->p < ps->end && ((unsigned char)*ps->p & 0xC0) == 0x80)
      ps->p++;
    *text = start, *n = ps->p - start;
  } else if (c == '*' || c == '+' || c == '?') {
    ps->failed = 1;
  } else if (!strchr(".^${}]", c)) {
    r = literal(c);
    *text = start, *n = 1;
  }
  return r;
}

/* A sequence of atoms up to '|', ')' or the end. */
static req sequence(parser *ps) {
  req all = {{0, 0}, {{0}, 0, 0}};
  lit run = {{0}, 0, 0};
  while (!ps->failed && ps->p < ps->end && *ps->p != '|' && *ps->p != ')') {
    const char *text = NULL;
    size_t n;
    req r = atom(ps, (unsigned char)*ps->p++, &text, &n);
    repeat rep = read_repeat(ps);
    if (n && rep != REPEAT_NONE) add_to_run(&all, &run, text, n, ps->caseless);
    if (!n || rep != REPEAT_ONCE) end_run(&all, &run);
    if (rep != REPEAT_NONE) req_union(&all, &r);
  }
  end_run(&all, &run);
  return all;
}

static req alternatives(parser *ps) {
  req r = sequence(ps);
  while (!ps->failed && at(ps, 0, '|')) {
    ps->p++;
    if (!ps->depth) ps->alternation = 1;
    req other = sequence(ps);
    r = req_meet(&r, &other);
  }
  return r;
}

/* Reads a whole pattern into *r: 0 when it holds a construct the reading does not know. */
static int read_pattern(parser *ps, const char *pattern, size_t len, req *r) {
  *ps = (parser){pattern, pattern + len, 0, 0, 0, 0, 0, 0};
  *r = alternatives(ps);
  return !ps->failed && ps->p == ps->end;
}

parx_needs parx_needs_of(const char *pattern, size_t len) {
  parx_needs needs = {0};
  parser ps;
  req r;
  if (!read_pattern(&ps, pattern, len, &r)) return needs;
  /* the rarer bytes first, since each costs a pass over the text */
  static const char order[] = "%/:();|=<>!&@#~`\"'*+_-,.";
  for (const char *o = order; *o && needs.nbytes < PARX_NEEDS_MAX; o++) {
    unsigned char c = (unsigned char)*o;
    if (r.bits[c >> 6] & ((uint64_t)1 << (c & 63))) needs.bytes[needs.nbytes++] = c;
  }
  if (r.run.len >= PARX_LITERAL_MIN) {
    memcpy(needs.literal, r.run.text, r.run.len);
    needs.literal_len = r.run.len;
    needs.literal_caseless = r.run.caseless;
  }
  return needs;
}

int parx_needs_met(const parx_needs *needs, const char *s, size_t n) {
  for (size_t i = 0; i < needs->nbytes; i++)
    if (!memchr(s, needs->bytes[i], n)) return 0;
  return 1;
}

parx_g_use parx_g_use_of(const char *pattern, size_t len) {
  parser ps;
  req r;
  if (!read_pattern(&ps, pattern, len, &r)) return PARX_G_OTHER;
  if (!ps.anchors) return PARX_G_NONE;
  int leads = len >= 2 && !memcmp(pattern, "\\G", 2) && !(len > 2 && strchr("?*+{", pattern[2]));
  return ps.anchors == 1 && !ps.alternation && !ps.resets && leads ? PARX_G_LEADS : PARX_G_OTHER;
}

/* Relaxing a pattern: its assertions dropped, so that it matches in a text
 * wherever the pattern matches in a part of it (parx_relaxed_of). */
typedef struct relaxer {
  const char *p, *end;
  char *out;
  size_t o;
  /* nothing is matched before x->p on the way from the pattern's start: an
   * optional item there is left out, since what follows it then matches
   * wherever the two do ("[ ]*5%" in a text holds "5%") */
  int at_start;
} relaxer;

static void put_span(relaxer *x, const char *from, const char *to) {
  memcpy(x->out + x->o, from, (size_t)(to - from));
  x->o += (size_t)(to - from);
}

/* A parser at p, for the reading functions above. */
static parser parser_at(const relaxer *x, const char *p) {
  return (parser){p, x->end, 0, 0, 0, 0, 0, 0};
}

/* The quantifier at x->p, if any: copied, or dropped with the atom before it
 * (`keep` 0); possessive, it is copied as greedy (more ways to match). */
static void relax_repeat(relaxer *x, int keep) {
  parser ps = parser_at(x, x->p);
  read_repeat(&ps);
  const char *q = ps.p;
  int possessive = q - x->p > 1 && q[-1] == '+' && strchr("*+?}", q[-2]);
  if (keep) put_span(x, x->p, possessive ? q - 1 : q);
  x->p = q;
}

/* Whether the atom that ends at `after` may match no times: its quantifier
 * is ?, * or {0,…}. */
static int optional_at(const relaxer *x, const char *after) {
  parser ps = parser_at(x, after);
  return read_repeat(&ps) == REPEAT_NONE;
}

static void relax_sequence(relaxer *x);

/* The group after its '(' at x->p - 1. */
static void relax_group(relaxer *x) {
  const char *open = x->p - 1, *body = x->p;
  parser ps = parser_at(x, x->p);
  group(&ps);
  if (x->at_start && !ps.failed && optional_at(x, ps.p)) { /* left out */
    x->p = ps.p;
    relax_repeat(x, 0);
    return;
  }
  if (*body == '?') {
    body++;
    if (strchr("=!", *body) || (*body == '<' && strchr("=!", body[1])) || *body == '#') {
      x->p = ps.p; /* an assertion or a comment: dropped whole */
      relax_repeat(x, 0);
      return;
    }
    if (*body == '>') { /* atomic: a plain group tries every way */
      put_span(x, "(?:", "(?:" + 3);
      x->p = body + 1;
      relax_sequence(x);
      put_span(x, ")", ")" + 1);
      x->p++;
      relax_repeat(x, 1);
      x->at_start = 0;
      return;
    }
    while (body < x->end && !strchr(":|)>'", *body))
      body++;
    if (body < x->end && *body != ')') body++; /* past ':', '|' or a name's end */
  }
  int options_alone = *body == ')'; /* "(?i)", read as any other group */
  put_span(x, open, body);
  x->p = body;
  relax_sequence(x);
  put_span(x, ")", ")" + 1);
  x->p++;
  relax_repeat(x, 1);
  if (!options_alone) x->at_start = 0;
}

/* Atoms up to the ')' that closes their group, or the end. */
static void relax_sequence(relaxer *x) {
  int at_start = x->at_start; /* as each alternative starts */
  while (x->p < x->end && *x->p != ')') {
    const char *at = x->p++;
    unsigned char c = (unsigned char)*at;
    if (c == '|') {
      put_span(x, at, x->p);
      x->at_start = at_start;
    } else if (c == '(') {
      relax_group(x);
    } else if (c == '^' || c == '$' || (c == '\\' && strchr("bBAzZGK", *x->p))) {
      x->p += c == '\\'; /* a place, not a character: dropped */
      relax_repeat(x, 0);
    } else {
      parser ps = parser_at(x, x->p);
      if (c == '[')
        skip_class(&ps);
      else if (c == '\\')
        escape(&ps);
      else
        while (ps.p < ps.end && ((unsigned char)*ps.p & 0xC0) == 0x80)
          ps.p++;
      x->p = ps.p;
      if (x->at_start && optional_at(x, x->p)) { /* left out */
        relax_repeat(x, 0);
        continue;
      }
      put_span(x, at, x->p);
      relax_repeat(x, 1);
      x->at_start = 0;
    }
  }
}

char *parx_relaxed_of(const char *pattern, size_t len) {
  parser ps;
  req r;
  if (!read_pattern(&ps, pattern, len, &r)) return NULL;
  relaxer x = {pattern, pattern + len, malloc(len + 1), 0, 1};
  if (!x.out) return NULL;
  relax_sequence(&x);
  x.out[x.o] = '\0';
  return x.out;
}

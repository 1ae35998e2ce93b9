/* Reading what a pattern's matches must hold (prefilter.h). */
#include "prefilter.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

/* The ASCII punctuation that every match of a part of a pattern consumes, a
 * set of 128 bits. */
typedef struct req {
  uint64_t bits[2];
} req;

typedef struct parser {
  const char *p, *end;
  int failed; /* a construct this reading does not know: no needs at all */
  int depth;
  int anchors;     /* \G read */
  int resets;      /* \K read: a match may start after where it was tried */
  int alternation; /* '|' read outside any group */
} parser;

enum { MAX_DEPTH = 200 };

static void req_union(req *a, req b) {
  a->bits[0] |= b.bits[0];
  a->bits[1] |= b.bits[1];
}

static req req_meet(req a, req b) {
  return (req){{a.bits[0] & b.bits[0], a.bits[1] & b.bits[1]}};
}

/* A literal byte of the pattern: punctuation that every match then holds, or
 * a byte not worth a pass over the text (a letter, which (?i) may match in
 * another case; a digit or white space, which most texts hold). */
static req literal(unsigned char c) {
  req r = {{0, 0}};
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
  req none = {{0, 0}};
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
  req none = {{0, 0}};
  int consumes = 1;
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
      while (q < ps->end && (strchr("imnsJUa^-", *q) && *q))
        q++;
      if (q >= ps->end || (*q != ')' && *q != ':')) {
        ps->failed = 1; /* extended mode, recursion, a condition, a callout */
        return none;
      }
      ps->p = q + 1;
      if (*q == ')') return none;
    }
  }
  if (++ps->depth > MAX_DEPTH) ps->failed = 1;
  req inner = ps->failed ? none : alternatives(ps);
  ps->depth--;
  if (!at(ps, 0, ')'))
    ps->failed = 1;
  else
    ps->p++;
  return consumes ? inner : none;
}

/* A quantifier after an atom, if any: 0 when it allows no repeat at all. */
static int min_repeat(parser *ps) {
  int min = 1;
  for (;;) {
    if (at(ps, 0, '?') || at(ps, 0, '*')) {
      min = 0;
      ps->p++;
    } else if (at(ps, 0, '+')) {
      ps->p++;
    } else if (at(ps, 0, '{')) {
      const char *q = ps->p + 1;
      while (q < ps->end && ((*q >= '0' && *q <= '9') || *q == ','))
        q++;
      if (q >= ps->end || *q != '}' || q == ps->p + 1) return min; /* a literal '{' */
      if (ps->p[1] == '0' || ps->p[1] == ',') min = 0;
      ps->p = q + 1;
    } else {
      return min;
    }
    if (at(ps, 0, '?') || at(ps, 0, '+')) ps->p++; /* lazy or possessive */
  }
}

/* A sequence of atoms up to '|', ')' or the end. */
static req sequence(parser *ps) {
  req all = {{0, 0}};
  while (!ps->failed && ps->p < ps->end && *ps->p != '|' && *ps->p != ')') {
    unsigned char c = (unsigned char)*ps->p++;
    req r = {{0, 0}};
    if (c == '(') {
      r = group(ps);
    } else if (c == '[') {
      skip_class(ps);
    } else if (c == '\\') {
      r = escape(ps);
    } else if (c >= 0x80) {
      while (ps->p < ps->end && ((unsigned char)*ps->p & 0xC0) == 0x80)
        ps->p++;
    } else if (c == '*' || c == '+' || c == '?') {
      ps->failed = 1;
    } else if (!strchr(".^${}]", c)) {
      r = literal(c);
    }
    if (min_repeat(ps)) req_union(&all, r);
  }
  return all;
}

static req alternatives(parser *ps) {
  req r = sequence(ps);
  while (!ps->failed && at(ps, 0, '|')) {
    ps->p++;
    if (!ps->depth) ps->alternation = 1;
    r = req_meet(r, sequence(ps));
  }
  return r;
}

parx_needs parx_needs_of(const char *pattern, size_t len) {
  parx_needs needs = {0};
  parser ps = {pattern, pattern + len, 0, 0, 0, 0, 0};
  req r = alternatives(&ps);
  if (ps.failed || ps.p != ps.end) return needs;
  /* the rarer bytes first, since each costs a pass over the text */
  static const char order[] = "%/:();|=<>!&@#~`\"'*+_-,.";
  for (const char *o = order; *o && needs.nbytes < PARX_NEEDS_MAX; o++) {
    unsigned char c = (unsigned char)*o;
    if (r.bits[c >> 6] & ((uint64_t)1 << (c & 63))) needs.bytes[needs.nbytes++] = c;
  }
  return needs;
}

int parx_needs_met(const parx_needs *needs, const char *s, size_t n) {
  for (size_t i = 0; i < needs->nbytes; i++)
    if (!memchr(s, needs->bytes[i], n)) return 0;
  return 1;
}

parx_g_use parx_g_use_of(const char *pattern, size_t len) {
  parser ps = {pattern, pattern + len, 0, 0, 0, 0, 0};
  alternatives(&ps);
  if (ps.failed || ps.p != ps.end) return PARX_G_OTHER;
  if (!ps.anchors) return PARX_G_NONE;
  int leads = len >= 2 && !memcmp(pattern, "\\G", 2) && !(len > 2 && strchr("?*+{", pattern[2]));
  return ps.anchors == 1 && !ps.alternation && !ps.resets && leads ? PARX_G_LEADS : PARX_G_OTHER;
}

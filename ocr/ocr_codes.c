/*
 * Codes of a table's number column (`6.2.2`) repaired from their neighbours.
 * Recognition loses the dots of a short code, reads them as commas, or reads
 * a digit as a letter (`Z.1.2`); the codes around it tell which code it must
 * be: one that may follow the code
 * above (the next sibling, a first child, the next sibling of an ancestor) or
 * precede the code below (the previous sibling, the parent of a first child).
 */
#include <stdio.h>
#include <string.h>

#include "ocr.h"

/* Parts a code has at most: deeper outlines are not criteria codes. */
#define MAX_PARTS 6

typedef struct code {
  unsigned part[MAX_PARTS];
  size_t n;
} code;

/* Parses a dotted code (`6.2.1`, `6.2.1.`); 0 when `s` is not one. */
static int parse(const char *s, code *c) {
  c->n = 0;
  if (!s) return 0;
  while (*s >= '0' && *s <= '9') {
    if (c->n == MAX_PARTS) return 0;
    unsigned v = 0;
    size_t digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 4) {
      v = v * 10 + (unsigned)(*s++ - '0');
      digits++;
    }
    if (*s >= '0' && *s <= '9') return 0;
    c->part[c->n++] = v;
    if (*s == '.') s++;
  }
  return *s == '\0' && c->n > 0;
}

static void format(const code *c, char *out, size_t cap) {
  size_t len = 0;
  out[0] = '\0';
  for (size_t i = 0; i < c->n && len < cap; i++) {
    int w = snprintf(out + len, cap - len, i ? ".%u" : "%u", c->part[i]);
    if (w < 0) return;
    len += (size_t)w;
  }
}

/* Stands in the digits of a code read for a letter read where a digit was. */
#define MISREAD '?'

static int is_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The digits of `s`, without the dots or commas between them, and at most
 * `letters` ASCII letters among them as MISREAD; 0 when `s` holds anything
 * else, more letters, or no digit. */
static int digits_of(const char *s, char *out, size_t cap, size_t letters) {
  size_t n = 0, digits = 0;
  for (; *s; s++) {
    int letter = is_letter(*s);
    if ((*s >= '0' && *s <= '9') || (letter && letters)) {
      if (n + 1 >= cap) return 0;
      out[n++] = letter ? MISREAD : *s;
      digits += !letter;
      letters -= letter;
    } else if (*s != '.' && *s != ',') {
      return 0;
    }
  }
  out[n] = '\0';
  return digits > 0;
}

/* True when the digits of a code read match a candidate's, MISREAD any. */
static int digits_match(const char *read, const char *want) {
  for (; *read && *want; read++, want++)
    if (*read != MISREAD && *read != *want) return 0;
  return !*read && !*want;
}

typedef struct candidates {
  code v[2 * MAX_PARTS + 2];
  size_t n;
} candidates;

static int same(const code *a, const code *b) {
  if (a->n != b->n) return 0;
  for (size_t i = 0; i < a->n; i++)
    if (a->part[i] != b->part[i]) return 0;
  return 1;
}

static void add(candidates *cs, const code *c) {
  if (c->n && cs->n < sizeof cs->v / sizeof cs->v[0]) cs->v[cs->n++] = *c;
}

/* What may follow `prev`: its next sibling, its first child, then the next
 * sibling of each ancestor, nearest first. */
static void followers(const code *prev, candidates *cs) {
  code c = *prev;
  c.part[c.n - 1]++;
  add(cs, &c);
  if (prev->n < MAX_PARTS) {
    c = *prev;
    c.part[c.n++] = 1;
    add(cs, &c);
  }
  for (size_t k = prev->n - 1; k > 0; k--) {
    c = *prev;
    c.n = k;
    c.part[k - 1]++;
    add(cs, &c);
  }
}

/* What may precede `next`: its previous sibling, or its parent when it is a
 * first child. */
static void leaders(const code *next, candidates *cs) {
  code c = *next;
  if (c.part[c.n - 1] > 1) {
    c.part[c.n - 1]--;
    add(cs, &c);
  } else if (c.n > 1) {
    c.n--;
    add(cs, &c);
  }
}

int parx_ocr_repair_code(const char *prev, const char *code_read, const char *next, char *out,
                         size_t cap) {
  char digits[32], want[32], text[64];
  /* one letter in a code of parts (Tesseract reads the 7 of 7.1.2 as Z); a
   * number without parts may be a Roman one misread ("I1" for "II") */
  size_t letters = code_read && strpbrk(code_read, ".,") ? 1 : 0;
  if (!code_read || !digits_of(code_read, digits, sizeof digits, letters)) return 0;
  code p, n;
  candidates cs = {.n = 0};
  if (parse(prev, &p)) followers(&p, &cs);
  if (parse(next, &n)) leaders(&n, &cs);
  /* a candidate both neighbours allow is the surest; then the order above */
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < cs.n; i++) {
      format(&cs.v[i], text, sizeof text);
      if (!digits_of(text, want, sizeof want, 0) || !digits_match(digits, want)) continue;
      if (pass == 0) {
        int agreed = 0;
        for (size_t j = 0; j < cs.n; j++)
          agreed += j != i && same(&cs.v[j], &cs.v[i]);
        if (!agreed) continue;
      }
      size_t len = strlen(code_read);
      if (len && code_read[len - 1] == '.' && strlen(text) + 1 < sizeof text) strcat(text, ".");
      if (!strcmp(text, code_read) || strlen(text) >= cap) return 0;
      memcpy(out, text, strlen(text) + 1);
      return 1;
    }
  }
  return 0;
}

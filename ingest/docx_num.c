/*
 * List numbering of a DOCX. Word does not store list labels in the text: a
 * paragraph names a list (w:numId) and a level (w:ilvl), and the label comes
 * from word/numbering.xml and counters kept while reading in order. The
 * labels matter to us because plans number their tasks with them ("1.2.").
 */
#include "docx_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* WordprocessingML defines levels 0..8. */
#define DOCX_LEVELS 9

typedef enum num_fmt {
  FMT_DECIMAL,
  FMT_DECIMAL_ZERO,
  FMT_LOWER_LETTER,
  FMT_UPPER_LETTER,
  FMT_LOWER_ROMAN,
  FMT_UPPER_ROMAN,
  FMT_BULLET,
  FMT_NONE
} num_fmt;

typedef struct level {
  int defined;
  num_fmt fmt;
  long start;
  char *text; /* w:lvlText, "%1." and the like */
} level;

/* One w:num: its levels resolved from the abstract definition and overrides. */
typedef struct list {
  long num_id;
  level lvl[DOCX_LEVELS];
  long count[DOCX_LEVELS];
  unsigned char started[DOCX_LEVELS];
} list;

struct docx_numbering {
  list *lists; /* sorted by num_id */
  size_t n;
};

typedef struct abstract_ref {
  long id;
  const xmlNode *node;
} abstract_ref;

static int cmp_abstract(const void *a, const void *b) {
  long x = ((const abstract_ref *)a)->id, y = ((const abstract_ref *)b)->id;
  return (x > y) - (x < y);
}

static int cmp_list(const void *a, const void *b) {
  long x = ((const list *)a)->num_id, y = ((const list *)b)->num_id;
  return (x > y) - (x < y);
}

static num_fmt parse_fmt(const char *v) {
  static const struct {
    const char *name;
    num_fmt fmt;
  } fmts[] = {{"decimalZero", FMT_DECIMAL_ZERO},
              {"lowerLetter", FMT_LOWER_LETTER},
              {"upperLetter", FMT_UPPER_LETTER},
              {"lowerRoman", FMT_LOWER_ROMAN},
              {"upperRoman", FMT_UPPER_ROMAN},
              {"bullet", FMT_BULLET},
              {"none", FMT_NONE}};
  for (size_t i = 0; v && i < sizeof fmts / sizeof *fmts; i++)
    if (!strcmp(v, fmts[i].name)) return fmts[i].fmt;
  /* decimal, and the formats we do not render (ordinal, cardinalText, ...) */
  return FMT_DECIMAL;
}

/* Start values past this are hostile: they would only overflow the counters. */
#define DOCX_MAX_START 1000000L

static long read_start(const xmlNode *n, long dflt) {
  long v = docx_attr_long(n, "val", dflt);
  return v < 0 ? 0 : v > DOCX_MAX_START ? DOCX_MAX_START : v;
}

/* Fills lv from a w:lvl element; returns -1 when out of memory. */
static int read_level(level *lv, const xmlNode *n) {
  const char *text = docx_attr(docx_child(n, "lvlText"), "val");
  char *copy = strdup(text ? text : "");
  if (!copy) return -1;
  free(lv->text);
  lv->defined = 1;
  lv->text = copy;
  lv->fmt = parse_fmt(docx_attr(docx_child(n, "numFmt"), "val"));
  /* ECMA-376 makes an absent w:start zero, and Word follows it. */
  lv->start = read_start(docx_child(n, "start"), 0);
  return 0;
}

static int read_levels(level *lvl, const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    long i = docx_attr_long(c, "ilvl", -1);
    if (docx_is_w(c, "lvl") && i >= 0 && i < DOCX_LEVELS && read_level(&lvl[i], c)) return -1;
  }
  return 0;
}

/* w:lvlOverride inside a w:num: a whole level, or just its start value. */
static int read_overrides(list *l, const xmlNode *num) {
  for (const xmlNode *c = num->children; c; c = c->next) {
    long i = docx_attr_long(c, "ilvl", -1);
    if (!docx_is_w(c, "lvlOverride") || i < 0 || i >= DOCX_LEVELS) continue;
    const xmlNode *lvl = docx_child(c, "lvl");
    if (lvl && read_level(&l->lvl[i], lvl)) return -1;
    const xmlNode *start = docx_child(c, "startOverride");
    if (start && l->lvl[i].defined) l->lvl[i].start = read_start(start, l->lvl[i].start);
  }
  return 0;
}

static size_t count_children(const xmlNode *n, const char *local) {
  size_t k = 0;
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (docx_is_w(c, local)) k++;
  return k;
}

/* Resolves every w:num of the w:numbering root into nb->lists. */
static int build_lists(docx_numbering *nb, const xmlNode *root) {
  size_t nabs = count_children(root, "abstractNum"), nnum = count_children(root, "num");
  abstract_ref *abs = malloc((nabs ? nabs : 1) * sizeof *abs);
  nb->lists = calloc(nnum ? nnum : 1, sizeof *nb->lists);
  if (!abs || !nb->lists) {
    free(abs);
    return -1;
  }
  size_t k = 0;
  for (const xmlNode *c = root->children; c; c = c->next)
    if (docx_is_w(c, "abstractNum"))
      abs[k++] = (abstract_ref){docx_attr_long(c, "abstractNumId", -1), c};
  qsort(abs, nabs, sizeof *abs, cmp_abstract);
  int rc = 0;
  for (const xmlNode *c = root->children; c && !rc; c = c->next) {
    if (!docx_is_w(c, "num")) continue;
    list *l = &nb->lists[nb->n++];
    l->num_id = docx_attr_long(c, "numId", -1);
    abstract_ref key = {docx_attr_long(docx_child(c, "abstractNumId"), "val", -1), NULL};
    const abstract_ref *a = bsearch(&key, abs, nabs, sizeof *abs, cmp_abstract);
    rc = (a && read_levels(l->lvl, a->node)) || read_overrides(l, c) ? -1 : 0;
  }
  free(abs);
  qsort(nb->lists, nb->n, sizeof *nb->lists, cmp_list);
  return rc;
}

docx_numbering *docx_numbering_load(const char *xml, size_t len, const char *name,
                                    parx_error *err) {
  xmlDoc *d = docx_xml_read(xml, len, "word/numbering.xml", name, err);
  if (!d) return NULL;
  docx_numbering *nb = calloc(1, sizeof *nb);
  const xmlNode *root = xmlDocGetRootElement(d);
  if (!nb || (docx_is_w(root, "numbering") && build_lists(nb, root))) {
    docx_numbering_free(nb);
    nb = NULL;
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory reading word/numbering.xml", name);
  }
  xmlFreeDoc(d);
  return nb;
}

void docx_numbering_free(docx_numbering *nb) {
  if (!nb) return;
  for (size_t i = 0; i < nb->n; i++)
    for (int j = 0; j < DOCX_LEVELS; j++)
      free(nb->lists[i].lvl[j].text);
  free(nb->lists);
  free(nb);
}

static void format_roman(long v, int upper, char *s, size_t n) {
  static const struct {
    long value;
    const char *digits;
  } romans[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                {5, "v"},    {4, "iv"},   {1, "i"}};
  size_t k = 0;
  for (size_t i = 0; i < sizeof romans / sizeof *romans; i++)
    for (; v >= romans[i].value; v -= romans[i].value)
      for (const char *d = romans[i].digits; *d && k + 1 < n; d++)
        s[k++] = upper ? (char)(*d - 'a' + 'A') : *d;
  s[k] = '\0';
}

/* Writes counter value v in format fmt; letters repeat past z (aa, bb). */
static void format_number(num_fmt fmt, long v, char *s, size_t n) {
  int letters = fmt == FMT_LOWER_LETTER || fmt == FMT_UPPER_LETTER;
  int roman = fmt == FMT_LOWER_ROMAN || fmt == FMT_UPPER_ROMAN;
  if (fmt == FMT_NONE || fmt == FMT_BULLET) {
    s[0] = '\0';
  } else if (letters && v > 0) {
    char c = (char)((fmt == FMT_LOWER_LETTER ? 'a' : 'A') + (v - 1) % 26);
    size_t reps = (size_t)((v - 1) / 26 + 1), k = 0;
    for (; k < reps && k + 1 < n; k++)
      s[k] = c;
    s[k] = '\0';
  } else if (roman && v > 0 && v < 4000) {
    format_roman(v, fmt == FMT_UPPER_ROMAN, s, n);
  } else {
    snprintf(s, n, fmt == FMT_DECIMAL_ZERO && v >= 0 && v < 10 ? "0%ld" : "%ld", v);
  }
}

/* Counts one more item at level i; the levels below it start again. */
static void advance(list *l, long i) {
  if (l->started[i]) {
    l->count[i]++;
  } else {
    l->count[i] = l->lvl[i].start;
    l->started[i] = 1;
  }
  for (long d = i + 1; d < DOCX_LEVELS; d++)
    l->started[d] = 0;
}

/* Renders w:lvlText: %1..%9 stand for the counters of levels 0..8. */
static void render(const list *l, const char *text, parx_buf *out) {
  while (*text) {
    if (text[0] == '%' && text[1] >= '1' && text[1] <= '9') {
      int i = text[1] - '1';
      char num[64];
      format_number(l->lvl[i].fmt, l->started[i] ? l->count[i] : l->lvl[i].start, num, sizeof num);
      parx_buf_adds(out, num);
      text += 2;
      continue;
    }
    size_t n = strcspn(text + 1, "%") + 1;
    parx_buf_add(out, text, n);
    text += n;
  }
}

void docx_numbering_label(docx_numbering *nb, long num_id, long ilvl, parx_buf *out) {
  /* numId 0 is how a paragraph says "no list", overriding its style */
  if (!nb || num_id <= 0) return;
  list key = {.num_id = num_id};
  /* a numbering part without lists has no array: bsearch must not see NULL */
  list *l = nb->n ? bsearch(&key, nb->lists, nb->n, sizeof *nb->lists, cmp_list) : NULL;
  if (ilvl < 0 || ilvl >= DOCX_LEVELS) ilvl = 0;
  if (!l || !l->lvl[ilvl].defined) return;
  advance(l, ilvl);
  if (l->lvl[ilvl].fmt == FMT_BULLET) {
    /* The bullet glyph is usually a private-use character of a symbol font. */
    parx_buf_adds(out, ilvl == 0 ? "- " : "+ ");
    return;
  }
  size_t mark = out->len;
  render(l, l->lvl[ilvl].text, out);
  size_t i = mark;
  while (i < out->len && (out->s[i] == ' ' || out->s[i] == '\t'))
    i++;
  if (i == out->len) {
    out->len = mark; /* a blank label adds nothing, not even the space */
    if (out->s) out->s[mark] = '\0';
  } else {
    parx_buf_add(out, " ", 1);
  }
}

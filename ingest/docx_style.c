/*
 * Paragraph styles that carry a list (w:style/w:pPr/w:numPr in
 * word/styles.xml): Word numbers headings this way, so a paragraph of such a
 * style without a w:numPr of its own still shows its label ("1.", "a)").
 */
#include "docx_internal.h"

#include <stdlib.h>
#include <string.h>

/* How far a chain of w:basedOn is followed (Word allows no cycles; a damaged
 * file might have one). */
enum { MAX_BASED_ON = 16 };

typedef struct style {
  char *id, *based_on;
  long num_id, ilvl; /* -1 where the style does not say */
} style;

struct docx_styles {
  style *items;
  size_t n;
};

void docx_styles_free(docx_styles *st) {
  if (!st) return;
  for (size_t i = 0; i < st->n; i++) {
    free(st->items[i].id);
    free(st->items[i].based_on);
  }
  free(st->items);
  free(st);
}

static char *attr_copy(const xmlNode *n, const char *local) {
  const char *v = docx_attr(n, local);
  return v ? strdup(v) : NULL;
}

docx_styles *docx_styles_load(const xmlDoc *xml) {
  const xmlNode *root = xmlDocGetRootElement(xml);
  docx_styles *st = calloc(1, sizeof *st);
  if (!st || !docx_is_w(root, "styles")) return st;
  size_t cap = 0;
  for (const xmlNode *c = root->children; c; c = c->next) {
    const xmlNode *num = docx_child(docx_child(c, "pPr"), "numPr");
    const char *based = docx_attr(docx_child(c, "basedOn"), "val");
    if (!docx_is_w(c, "style") || (!num && !based)) continue;
    if (st->n == cap) {
      cap = cap ? cap * 2 : 32;
      style *p = realloc(st->items, cap * sizeof *p);
      if (!p) break;
      st->items = p;
    }
    style *s = &st->items[st->n];
    s->id = attr_copy(c, "styleId");
    s->based_on = attr_copy(docx_child(c, "basedOn"), "val");
    s->num_id = docx_attr_long(docx_child(num, "numId"), "val", -1);
    s->ilvl = docx_attr_long(docx_child(num, "ilvl"), "val", -1);
    if (s->id)
      st->n++;
    else
      free(s->based_on);
  }
  return st;
}

static const style *find(const docx_styles *st, const char *id) {
  for (size_t i = 0; id && i < st->n; i++)
    if (!strcmp(st->items[i].id, id)) return &st->items[i];
  return NULL;
}

int docx_style_numbering(const docx_styles *st, const char *style_id, long *num_id, long *ilvl) {
  *num_id = *ilvl = -1;
  if (!st) return 0;
  const style *s = find(st, style_id);
  for (int depth = 0; s && depth < MAX_BASED_ON; depth++, s = find(st, s->based_on)) {
    if (*num_id < 0) *num_id = s->num_id;
    if (*ilvl < 0) *ilvl = s->ilvl;
  }
  if (*ilvl < 0) *ilvl = 0;
  return *num_id > 0;
}

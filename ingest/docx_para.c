/*
 * The text of a paragraph: its runs, list label, equations (OMML, as their
 * text), text boxes, and content controls without their placeholders.
 */
#include "docx_walk.h"

#include <string.h>

int docx_shows_placeholder(const xmlNode *sdt) {
  return docx_child(docx_child(sdt, "sdtPr"), "showingPlcHdr") != NULL;
}

static void text_nodes(const xmlNode *t, parx_buf *out) {
  /* Entity references are skipped, never expanded: they only occur in
   * hostile files, since Word has no DTD to declare them. */
  for (const xmlNode *c = t->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      parx_buf_adds(out, (const char *)c->content);
}

/* A text box (w:txbxContent) met in a run: read after the paragraph in the
 * body, in place within a cell (the model has no blocks inside a cell). */
static void text_box(walk *w, const xmlNode *box, parx_buf *out) {
  if (w->boxes_after && w->nboxes < DOCX_MAX_BOXES) {
    w->boxes[w->nboxes++] = box;
    return;
  }
  piece p = docx_piece_open(out, 0, " ");
  docx_cell_blocks(w, box, out->len, out);
  docx_piece_close(out, p);
}

static void find_boxes(walk *w, const xmlNode *n, parx_buf *out);

/* Of the alternatives a producer offers (mc:AlternateContent: a text box
 * as a DrawingML shape and as a VML one) only the first is read: they hold
 * the same text twice. */
static void drawing_boxes(walk *w, const xmlNode *n, parx_buf *out) {
  if (strcmp((const char *)n->name, "AlternateContent")) {
    find_boxes(w, n, out);
    return;
  }
  const xmlNode *alt = n->children;
  while (alt && alt->type != XML_ELEMENT_NODE)
    alt = alt->next;
  if (alt) find_boxes(w, alt, out);
}

/* Reads the text boxes inside a drawing (w:drawing, w:pict, w:object). */
static void find_boxes(walk *w, const xmlNode *n, parx_buf *out) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (docx_is_w(c, "txbxContent"))
      text_box(w, c, out);
    else
      drawing_boxes(w, c, out);
  }
}

/* What stands before an argument of an OMML structure: a fraction's
 * numerator and denominator, a script's index, a limit are terms apart from
 * what precedes them, so that a/b does not read "ab"; a base (m:e) goes on
 * the term before it ("mc" of mc²) but for an operand. NULL inside a term. */
static const char *math_separator(const xmlNode *c) {
  static const char *const args[] = {"num", "sub", "sup", "deg", "lim"};
  if (docx_is_math(c, "den")) return "/";
  /* the operand of a sum or a function is a term of its own: "∑ d", "sin x" */
  if (docx_is_math(c, "e") && (docx_is_math(c->parent, "nary") || docx_is_math(c->parent, "func")))
    return " ";
  for (size_t i = 0; i < sizeof args / sizeof *args; i++)
    if (docx_is_math(c, args[i])) return " ";
  return NULL;
}

/* The text of an OMML equation (m:oMath): its m:t runs in order. */
static void math_text(const xmlNode *n, size_t first, parx_buf *out) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const char *sep = math_separator(c);
    if (docx_is_math(c, "t")) {
      text_nodes(c, out);
    } else if (sep) {
      piece p = docx_piece_open(out, first, sep);
      math_text(c, first, out);
      docx_piece_close(out, p);
    } else {
      math_text(c, first, out);
    }
  }
}

static void run_text(walk *w, const xmlNode *r, parx_buf *out) {
  for (const xmlNode *c = r->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "AlternateContent")) {
      drawing_boxes(w, c, out);
      continue;
    }
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, "drawing") || !strcmp(nm, "pict") || !strcmp(nm, "object"))
      find_boxes(w, c, out);
    else if (!strcmp(nm, "t"))
      text_nodes(c, out);
    else if (!strcmp(nm, "tab") || !strcmp(nm, "ptab") || !strcmp(nm, "br") || !strcmp(nm, "cr"))
      parx_buf_add(out, " ", 1); /* a soft line break stays inside the paragraph */
    else if (!strcmp(nm, "noBreakHyphen"))
      parx_buf_add(out, "-", 1);
    /* w:delText is deleted text, w:instrText a field code, w:sym a glyph of
     * a symbol font: none is text of the paragraph. */
  }
}

/* Elements that wrap runs without changing whether their text counts. */
static int is_run_wrapper(const char *nm) {
  static const char *const names[] = {"hyperlink", "smartTag",  "fldSimple", "ins",
                                      "moveTo",    "customXml", "dir",       "bdo"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (!strcmp(nm, names[i])) return 1;
  return 0;
}

static void inline_text(walk *w, const xmlNode *parent, parx_buf *out) {
  if (w->placeholder) return;
  for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next) {
    if (docx_is_math(c, "oMath") || docx_is_math(c, "oMathPara")) {
      math_text(c, out->len, out);
      continue;
    }
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, "r"))
      run_text(w, c, out);
    else if (!strcmp(nm, "sdt") && !docx_shows_placeholder(c))
      inline_text(w, docx_child(c, "sdtContent"), out);
    else if (is_run_wrapper(nm))
      inline_text(w, c, out);
    /* w:del and w:moveFrom are tracked deletions: dropped. */
  }
}

void docx_para_text(walk *w, const xmlNode *p, parx_buf *out) {
  const xmlNode *ppr = docx_child(p, "pPr");
  const xmlNode *num = docx_child(ppr, "numPr");
  long num_id, ilvl;
  /* the paragraph's own list wins; else its style's, at its own level if it gives one */
  int styled =
      docx_style_numbering(w->styles, docx_attr(docx_child(ppr, "pStyle"), "val"), &num_id, &ilvl);
  if (num) {
    num_id = docx_attr_long(docx_child(num, "numId"), "val", styled ? num_id : 0);
    ilvl = docx_attr_long(docx_child(num, "ilvl"), "val", styled ? ilvl : 0);
  }
  if (w->placeholder) return;
  if (num || styled) docx_numbering_label(w->nb, num_id, ilvl, out);
  inline_text(w, p, out);
}

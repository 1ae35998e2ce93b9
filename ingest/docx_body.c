/*
 * The walk of w:body into the model, in document order. A DOCX has no source
 * lines, so each paragraph and table row added gets the next line of the
 * normalised text (doc->next_line), and page 0.
 */
#include "docx_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Columns of one table; wider grids only come from hostile gridSpan values. */
#define DOCX_MAX_COLUMNS 1000

typedef struct walk {
  parx_doc *doc;
  docx_numbering *nb;
  const docx_styles *styles;
  parx_buf para; /* the paragraph being built, reused to spare allocations */
  const char *name;
  parx_error *err;
  parx_status status;
} walk;

static void nomem(walk *w) {
  w->status =
      parx_error_set(w->err, PARX_ERR_NOMEM, "%s: out of memory reading the document", w->name);
}

/* --- pieces: separators only ever stand between non-blank texts -------- */

typedef struct piece {
  size_t mark; /* where the separator starts */
  size_t body; /* where the text after it starts */
} piece;

/* Appends sep unless out holds nothing since `first`. */
static piece piece_open(parx_buf *out, size_t first, const char *sep) {
  piece p = {out->len, out->len};
  if (out->len > first) parx_buf_adds(out, sep);
  p.body = out->len;
  return p;
}

/* Takes the separator back when the text after it turned out blank. */
static void piece_close(parx_buf *out, piece p) {
  for (size_t i = p.body; i < out->len; i++)
    if (out->s[i] != ' ' && out->s[i] != '\t') return;
  out->len = p.mark;
  if (out->s) out->s[p.mark] = '\0';
}

/* The content of a content control (w:sdt), or NULL while it only shows its
 * placeholder ("Click here to enter text."), which is no text of the author. */
static const xmlNode *sdt_content(const xmlNode *sdt) {
  if (docx_child(docx_child(sdt, "sdtPr"), "showingPlcHdr")) return NULL;
  return docx_child(sdt, "sdtContent");
}

/* --- paragraphs ------------------------------------------------------- */

static void text_nodes(const xmlNode *t, parx_buf *out) {
  /* Entity references are skipped, never expanded: they only occur in
   * hostile files, since Word has no DTD to declare them. */
  for (const xmlNode *c = t->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      parx_buf_adds(out, (const char *)c->content);
}

static void run_text(const xmlNode *r, parx_buf *out) {
  for (const xmlNode *c = r->children; c; c = c->next) {
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, "t"))
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

static void inline_text(const xmlNode *parent, parx_buf *out) {
  for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next) {
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, "r"))
      run_text(c, out);
    else if (!strcmp(nm, "sdt"))
      inline_text(sdt_content(c), out);
    else if (is_run_wrapper(nm))
      inline_text(c, out);
    /* w:del and w:moveFrom are tracked deletions: dropped. */
  }
}

/* Appends the paragraph's list label ("1.2. ", "- ") and its text. */
static void para_text(walk *w, const xmlNode *p, parx_buf *out) {
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
  if (num || styled) docx_numbering_label(w->nb, num_id, ilvl, out);
  inline_text(p, out);
}

static void add_paragraph(walk *w, const xmlNode *p) {
  w->para.len = 0;
  para_text(w, p, &w->para);
  if (w->para.failed) {
    nomem(w);
    return;
  }
  parx_doc *doc = w->doc;
  size_t before = doc->nblocks;
  if (parx_doc_add_paragraph(doc, w->para.s ? w->para.s : "", w->para.len, doc->next_line, 0)) {
    nomem(w);
    return;
  }
  if (doc->nblocks > before) /* empty paragraphs take no line */
    doc->next_line++;
}

/* --- tables ------------------------------------------------------------ */

typedef void (*visit_fn)(walk *w, const xmlNode *n, void *arg);

/* Calls fn on each child w:<local> of parent (rows, cells), looking through
 * the content controls and custom XML that may wrap them. */
static void each(walk *w, const xmlNode *parent, const char *local, visit_fn fn, void *arg) {
  for (const xmlNode *c = parent ? parent->children : NULL; c && !w->status; c = c->next) {
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, local))
      fn(w, c, arg);
    else if (!strcmp(nm, "sdt"))
      each(w, sdt_content(c), local, fn, arg);
    else if (!strcmp(nm, "customXml"))
      each(w, c, local, fn, arg);
  }
}

static size_t clamp_columns(long v, long lo) {
  return (size_t)(v < lo ? lo : v > DOCX_MAX_COLUMNS ? DOCX_MAX_COLUMNS : v);
}

/* Grid columns a cell covers (w:gridSpan). */
static size_t cell_span(const xmlNode *tc) {
  return clamp_columns(docx_attr_long(docx_child(docx_child(tc, "tcPr"), "gridSpan"), "val", 1), 1);
}

/* Grid columns skipped before a row's first cell (w:gridBefore). */
static size_t grid_before(const xmlNode *tr) {
  return clamp_columns(docx_attr_long(docx_child(docx_child(tr, "trPr"), "gridBefore"), "val", 0),
                       0);
}

static void cell_text(walk *w, const xmlNode *tc, parx_buf *out);

typedef struct flat {
  parx_buf *out;
  size_t first; /* where the text of the current table or row starts */
} flat;

static void flat_cell(walk *w, const xmlNode *tc, void *arg) {
  flat *f = arg;
  piece p = piece_open(f->out, f->first, " ");
  cell_text(w, tc, f->out);
  piece_close(f->out, p);
}

static void flat_row(walk *w, const xmlNode *tr, void *arg) {
  flat *f = arg;
  piece p = piece_open(f->out, f->first, "; ");
  flat cells = {f->out, f->out->len};
  each(w, tr, "tc", flat_cell, &cells);
  piece_close(f->out, p);
}

/* A table inside a cell becomes text of the cell: cells joined by spaces,
 * rows by "; ", since the model has no tables within tables. */
static void flat_table(walk *w, const xmlNode *tbl, parx_buf *out) {
  flat rows = {out, out->len};
  each(w, tbl, "tr", flat_row, &rows);
}

static void cell_blocks(walk *w, const xmlNode *parent, size_t first, parx_buf *out) {
  for (const xmlNode *c = parent ? parent->children : NULL; c && !w->status; c = c->next) {
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, "p") || !strcmp(nm, "tbl")) {
      piece p = piece_open(out, first, " ");
      if (nm[0] == 'p')
        para_text(w, c, out);
      else
        flat_table(w, c, out);
      piece_close(out, p);
    } else if (!strcmp(nm, "sdt")) {
      cell_blocks(w, sdt_content(c), first, out);
    } else if (!strcmp(nm, "customXml")) {
      cell_blocks(w, c, first, out);
    }
  }
}

/* A cell's paragraphs (with their list labels) joined by spaces. */
static void cell_text(walk *w, const xmlNode *tc, parx_buf *out) {
  cell_blocks(w, tc, out->len, out);
}

static void cell_width(walk *w, const xmlNode *tc, void *arg) {
  (void)w;
  *(size_t *)arg += cell_span(tc);
}

static void row_width(walk *w, const xmlNode *tr, void *arg) {
  size_t width = grid_before(tr);
  each(w, tr, "tc", cell_width, &width);
  if (width > *(size_t *)arg) *(size_t *)arg = width;
}

/* A top-level table being read: one buffer per grid column. */
typedef struct grid {
  parx_block *table; /* created with the first row */
  size_t ncols;
  parx_buf *cells;
  const char **texts;
  size_t *lens;
  size_t col; /* the grid column of the next cell of the row */
} grid;

static void grid_cell(walk *w, const xmlNode *tc, void *arg) {
  grid *g = arg;
  size_t col = g->col < g->ncols ? g->col : g->ncols - 1;
  g->col += cell_span(tc); /* the columns it spans after the first stay "" */
  const xmlNode *merge = docx_child(docx_child(tc, "tcPr"), "vMerge");
  const char *val = docx_attr(merge, "val");
  /* A cell continuing a vertical merge stays "": its text is in the row that
   * starts the merge, and the later stages fill agencies from the rows above
   * themselves, knowing which columns carry down. */
  if (merge && !(val && !strcmp(val, "restart"))) return;
  cell_text(w, tc, &g->cells[col]);
}

static void grid_row(walk *w, const xmlNode *tr, void *arg) {
  grid *g = arg;
  if (docx_child(docx_child(tr, "trPr"), "del")) /* a row deleted as a tracked change */
    return;
  for (size_t i = 0; i < g->ncols; i++)
    g->cells[i].len = 0;
  g->col = grid_before(tr);
  each(w, tr, "tc", grid_cell, g);
  for (size_t i = 0; i < g->ncols; i++) {
    if (g->cells[i].failed) {
      nomem(w);
      return;
    }
    g->texts[i] = g->cells[i].len ? g->cells[i].s : "";
    g->lens[i] = g->cells[i].len;
  }
  parx_doc *doc = w->doc;
  if (!g->table) g->table = parx_doc_add_table(doc, doc->next_line, 0);
  if (!g->table || parx_table_add_row(g->table, g->texts, g->lens, g->ncols, doc->next_line, 0)) {
    nomem(w);
    return;
  }
  doc->next_line++;
}

static size_t grid_columns(walk *w, const xmlNode *tbl) {
  size_t n = 0;
  const xmlNode *tbl_grid = docx_child(tbl, "tblGrid");
  for (const xmlNode *c = tbl_grid ? tbl_grid->children : NULL; c; c = c->next)
    if (docx_is_w(c, "gridCol")) n++;
  each(w, tbl, "tr", row_width, &n);
  return n;
}

static void add_table(walk *w, const xmlNode *tbl) {
  grid g = {.ncols = grid_columns(w, tbl)};
  if (!g.ncols) return;
  if (g.ncols > DOCX_MAX_COLUMNS) {
    w->status =
        parx_error_set(w->err, PARX_ERR_LIMIT, "%s: a table has %zu columns, over the limit of %d",
                       w->name, g.ncols, DOCX_MAX_COLUMNS);
    return;
  }
  g.cells = calloc(g.ncols, sizeof *g.cells);
  g.texts = calloc(g.ncols, sizeof *g.texts);
  g.lens = calloc(g.ncols, sizeof *g.lens);
  if (g.cells && g.texts && g.lens)
    each(w, tbl, "tr", grid_row, &g);
  else
    nomem(w);
  for (size_t i = 0; g.cells && i < g.ncols; i++)
    parx_buf_free(&g.cells[i]);
  free(g.cells);
  free(g.texts);
  free(g.lens);
}

/* --- body -------------------------------------------------------------- */

static void body_blocks(walk *w, const xmlNode *parent) {
  for (const xmlNode *c = parent ? parent->children : NULL; c && !w->status; c = c->next) {
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, "p"))
      add_paragraph(w, c);
    else if (!strcmp(nm, "tbl"))
      add_table(w, c);
    else if (!strcmp(nm, "sdt"))
      body_blocks(w, sdt_content(c));
    else if (!strcmp(nm, "customXml"))
      body_blocks(w, c);
  }
}

parx_status docx_body_read(parx_doc *doc, const xmlDoc *xml, docx_numbering *nb,
                           const docx_styles *styles, const char *name, parx_error *err) {
  const xmlNode *root = xmlDocGetRootElement(xml);
  const xmlNode *body = docx_is_w(root, "document") ? docx_child(root, "body") : NULL;
  if (!body)
    return parx_error_set(err, PARX_ERR_FORMAT,
                          "%s: not a DOCX file: word/document.xml has no w:document/w:body", name);
  walk w = {.doc = doc, .nb = nb, .styles = styles, .name = name, .err = err};
  body_blocks(&w, body);
  parx_buf_free(&w.para);
  return w.status;
}

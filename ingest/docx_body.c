/*
 * The walk of w:body into the model, in document order. A DOCX has no source
 * lines, so each paragraph and table row added gets the next line of the
 * normalised text (doc->next_line), and page 0.
 */
#include "docx_walk.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Columns of one table; wider grids only come from hostile gridSpan values. */
#define DOCX_MAX_COLUMNS 1000

void docx_nomem(walk *w) {
  w->status =
      parx_error_set(w->err, PARX_ERR_NOMEM, "%s: out of memory reading the document", w->name);
}

piece docx_piece_open(parx_buf *out, size_t first, const char *sep) {
  piece p = {out->len, out->len};
  if (out->len > first) parx_buf_adds(out, sep);
  p.body = out->len;
  return p;
}

void docx_piece_close(parx_buf *out, piece p) {
  for (size_t i = p.body; i < out->len; i++)
    if (out->s[i] != ' ' && out->s[i] != '\t') return;
  out->len = p.mark;
  if (out->s) out->s[p.mark] = '\0';
}

typedef void (*block_fn)(walk *w, const xmlNode *parent, void *arg);

/* Walks the content of a content control with fn, its text left out while
 * it shows its placeholder. */
static void through_sdt(walk *w, const xmlNode *sdt, block_fn fn, void *arg) {
  int ph = docx_shows_placeholder(sdt);
  w->placeholder += ph;
  fn(w, docx_child(sdt, "sdtContent"), arg);
  w->placeholder -= ph;
}

/* --- paragraphs ------------------------------------------------------- */

static void add_text(walk *w, const char *text, size_t len) {
  parx_doc *doc = w->doc;
  size_t before = doc->nblocks;
  if (parx_doc_add_paragraph(doc, text ? text : "", len, doc->next_line, 0)) {
    docx_nomem(w);
    return;
  }
  if (doc->nblocks > before) /* empty paragraphs take no line */
    doc->next_line++;
}

/* A drop cap with no paragraph after it to join stands alone. */
static void flush_dropcap(walk *w) {
  if (w->dropcap.len) add_text(w, w->dropcap.s, w->dropcap.len);
  w->dropcap.len = 0;
}

/* A paragraph framed as a drop cap (w:framePr w:dropCap) holds the first
 * letters of the next paragraph, set large beside it. */
static int is_dropcap(const xmlNode *p) {
  const char *v = docx_attr(docx_child(docx_child(p, "pPr"), "framePr"), "dropCap");
  return v && (!strcmp(v, "drop") || !strcmp(v, "margin"));
}

static void body_blocks(walk *w, const xmlNode *parent, void *arg);

static void add_paragraph(walk *w, const xmlNode *p) {
  if (is_dropcap(p)) {
    docx_para_text(w, p, &w->dropcap);
    if (w->dropcap.failed) docx_nomem(w);
    return;
  }
  w->para.len = 0;
  if (w->dropcap.len) parx_buf_add(&w->para, w->dropcap.s, w->dropcap.len);
  w->dropcap.len = 0;
  size_t first_box = w->nboxes;
  w->boxes_after = 1;
  docx_para_text(w, p, &w->para);
  w->boxes_after = 0;
  if (w->para.failed) {
    docx_nomem(w);
    return;
  }
  add_text(w, w->para.s, w->para.len);
  /* the paragraph's text boxes follow it, in reading order */
  size_t last_box = w->nboxes;
  for (size_t i = first_box; i < last_box && !w->status; i++)
    body_blocks(w, w->boxes[i], NULL);
  w->nboxes = first_box;
}

/* --- tables ------------------------------------------------------------ */

typedef void (*visit_fn)(walk *w, const xmlNode *n, void *arg);

/* Calls fn on each child w:<local> of parent (rows, cells), looking through
 * the content controls and custom XML that may wrap them. */
static void each(walk *w, const xmlNode *parent, const char *local, visit_fn fn, void *arg) {
  for (const xmlNode *c = parent ? parent->children : NULL; c && !w->status; c = c->next) {
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, local)) {
      fn(w, c, arg);
    } else if (!strcmp(nm, "sdt")) {
      int ph = docx_shows_placeholder(c);
      w->placeholder += ph;
      each(w, docx_child(c, "sdtContent"), local, fn, arg);
      w->placeholder -= ph;
    } else if (!strcmp(nm, "customXml")) {
      each(w, c, local, fn, arg);
    }
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

typedef struct cell_at {
  size_t first;
  parx_buf *out;
} cell_at;

static void cell_blocks_of(walk *w, const xmlNode *parent, void *arg) {
  cell_at *at = arg;
  docx_cell_blocks(w, parent, at->first, at->out);
}

typedef struct flat {
  parx_buf *out;
  size_t first; /* where the text of the current table or row starts */
} flat;

static void flat_cell(walk *w, const xmlNode *tc, void *arg) {
  flat *f = arg;
  piece p = docx_piece_open(f->out, f->first, " ");
  cell_text(w, tc, f->out);
  docx_piece_close(f->out, p);
}

static void flat_row(walk *w, const xmlNode *tr, void *arg) {
  flat *f = arg;
  piece p = docx_piece_open(f->out, f->first, "; ");
  flat cells = {f->out, f->out->len};
  each(w, tr, "tc", flat_cell, &cells);
  docx_piece_close(f->out, p);
}

/* A table inside a cell becomes text of the cell: cells joined by spaces,
 * rows by "; ", since the model has no tables within tables. */
static void flat_table(walk *w, const xmlNode *tbl, parx_buf *out) {
  flat rows = {out, out->len};
  each(w, tbl, "tr", flat_row, &rows);
}

void docx_cell_blocks(walk *w, const xmlNode *parent, size_t first, parx_buf *out) {
  for (const xmlNode *c = parent ? parent->children : NULL; c && !w->status; c = c->next) {
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, "p") || !strcmp(nm, "tbl")) {
      piece p = docx_piece_open(out, first, " ");
      if (nm[0] == 'p')
        docx_para_text(w, c, out);
      else
        flat_table(w, c, out);
      docx_piece_close(out, p);
    } else if (!strcmp(nm, "sdt")) {
      cell_at at = {first, out};
      through_sdt(w, c, cell_blocks_of, &at);
    } else if (!strcmp(nm, "customXml")) {
      docx_cell_blocks(w, c, first, out);
    }
  }
}

/* A cell's paragraphs (with their list labels) joined by spaces. */
static void cell_text(walk *w, const xmlNode *tc, parx_buf *out) {
  docx_cell_blocks(w, tc, out->len, out);
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
      docx_nomem(w);
      return;
    }
    g->texts[i] = g->cells[i].len ? g->cells[i].s : "";
    g->lens[i] = g->cells[i].len;
  }
  parx_doc *doc = w->doc;
  if (!g->table) g->table = parx_doc_add_table(doc, doc->next_line, 0);
  if (!g->table || parx_table_add_row(g->table, g->texts, g->lens, g->ncols, doc->next_line, 0)) {
    docx_nomem(w);
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
    docx_nomem(w);
  for (size_t i = 0; g.cells && i < g.ncols; i++)
    parx_buf_free(&g.cells[i]);
  free(g.cells);
  free(g.texts);
  free(g.lens);
}

/* --- body -------------------------------------------------------------- */

static void body_blocks(walk *w, const xmlNode *parent, void *arg) {
  for (const xmlNode *c = parent ? parent->children : NULL; c && !w->status; c = c->next) {
    const char *nm = docx_w_name(c);
    if (!nm) continue;
    if (!strcmp(nm, "p")) {
      add_paragraph(w, c);
    } else if (!strcmp(nm, "tbl")) {
      flush_dropcap(w);
      add_table(w, c);
    } else if (!strcmp(nm, "sdt")) {
      through_sdt(w, c, body_blocks, arg);
    } else if (!strcmp(nm, "customXml")) {
      body_blocks(w, c, arg);
    }
  }
}

static parx_status walk_end(walk *w) {
  if (!w->status) flush_dropcap(w);
  parx_buf_free(&w->para);
  parx_buf_free(&w->dropcap);
  return w->status;
}

parx_status docx_body_read(parx_doc *doc, const xmlDoc *xml, docx_numbering *nb,
                           const docx_styles *styles, const char *name, parx_error *err) {
  const xmlNode *root = xmlDocGetRootElement(xml);
  const xmlNode *body = docx_is_w(root, "document") ? docx_child(root, "body") : NULL;
  if (!body)
    return parx_error_set(err, PARX_ERR_FORMAT,
                          "%s: not a DOCX file: word/document.xml has no w:document/w:body", name);
  walk w = {.doc = doc, .nb = nb, .styles = styles, .name = name, .err = err};
  body_blocks(&w, body, NULL);
  return walk_end(&w);
}

/* Separators and continuation notices are the lines Word draws, not notes. */
static int is_note(const xmlNode *n) {
  const char *type = docx_attr(n, "type");
  return (docx_is_w(n, "footnote") || docx_is_w(n, "endnote")) &&
         (!type || !strcmp(type, "normal"));
}

parx_status docx_notes_read(parx_doc *doc, const xmlDoc *xml, docx_numbering *nb,
                            const docx_styles *styles, const char *name, parx_error *err) {
  const xmlNode *root = xmlDocGetRootElement(xml);
  if (!docx_is_w(root, "footnotes") && !docx_is_w(root, "endnotes"))
    return parx_error_set(err, PARX_ERR_FORMAT,
                          "%s: the notes part has no w:footnotes or w:endnotes", name);
  walk w = {.doc = doc, .nb = nb, .styles = styles, .name = name, .err = err};
  for (const xmlNode *c = root->children; c && !w.status; c = c->next)
    if (is_note(c)) body_blocks(&w, c, NULL);
  return walk_end(&w);
}

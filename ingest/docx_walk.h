/*
 * The walk of a DOCX's XML into the model, shared by the body and tables
 * (docx_body.c) and the text of paragraphs (docx_para.c).
 */
#ifndef PARX_INGEST_DOCX_WALK_H
#define PARX_INGEST_DOCX_WALK_H

#include "docx_internal.h"

/* Text boxes anchored in one paragraph that are read as paragraphs after it;
 * more are read into the paragraph itself. */
#define DOCX_MAX_BOXES 16

typedef struct walk {
  parx_doc *doc;
  docx_numbering *nb;
  const docx_styles *styles;
  parx_buf para;    /* the paragraph being built, reused to spare allocations */
  parx_buf dropcap; /* a drop cap's letters, waiting for their paragraph */
  int placeholder;  /* inside content controls that show their placeholder */
  int boxes_after;  /* text boxes go after the paragraph (in the body), not into it */
  const xmlNode *boxes[DOCX_MAX_BOXES];
  size_t nboxes;
  const char *name;
  parx_error *err;
  parx_status status;
} walk;

/* Records that memory ran out (status and err). */
void docx_nomem(walk *w);

/* --- pieces: separators only ever stand between non-blank texts -------- */

typedef struct piece {
  size_t mark; /* where the separator starts */
  size_t body; /* where the text after it starts */
} piece;

/* Appends sep unless out holds nothing since `first`. */
piece docx_piece_open(parx_buf *out, size_t first, const char *sep);

/* Takes the separator back when the text after it turned out blank. */
void docx_piece_close(parx_buf *out, piece p);

/* --- content controls ---------------------------------------------------- */

/* A content control (w:sdt) that shows its placeholder ("Click here to enter
 * text."): its text is no text of the author, but the cells and rows it
 * wraps are still cells and rows of the table. */
int docx_shows_placeholder(const xmlNode *sdt);

/* --- text --------------------------------------------------------------- */

/* Appends the paragraph's list label ("1.2. ", "- ") and its text, with its
 * equations and (unless w->boxes_after) its text boxes. */
void docx_para_text(walk *w, const xmlNode *p, parx_buf *out);

/* Appends the paragraphs and tables of parent (a cell, a text box) as text
 * joined by spaces, nothing before `first` counting as text. */
void docx_cell_blocks(walk *w, const xmlNode *parent, size_t first, parx_buf *out);

#endif

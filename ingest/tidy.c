/*
 * Repairs of what pages break: cut paragraphs, split tables. PDF pages, and
 * text converted from them, cut anything anywhere; a DOCX states its
 * paragraphs, rows and tables (doc->paged is 0): there only what a converter
 * of a paged source left is joined, in the forms a DOCX can hold it.
 */
#include "ingest.h"
#include "buf.h"
#include "text_wrap.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* A fragment between two parts of a table is short. */
enum { FRAGMENT_MAX = 400, MAX_FRAGMENTS = 6 };
/* Characters of a full line of a page, the least a cut paragraph holds. */
enum { FULL_LINE_MIN = 40 };

/* Lower case at the start, and not an outline item such as "a)" or "đ.". */
static int continues_sentence(const char *s) {
  int32_t i = 0, n = (int32_t)strnlen(s, 8); /* a character, not the whole text */
  UChar32 cp;
  U8_NEXT((const uint8_t *)s, i, n, cp);
  if (cp < 0 || !u_islower(cp)) return 0;
  return !(s[i] == ')' || (s[i] == '.' && (s[i + 1] == ' ' || !s[i + 1])));
}

/* A paragraph a DOCX states ends where its author ended it; only a full
 * line that stops between two lower-case words ("... về tổ" + "chức bộ
 * máy") is the piece of a sentence that a converter of a paged source cut
 * (a heading such as "Kết luận" is short). */
static int ends_cut_line(const char *t, size_t len) {
  int32_t n = (int32_t)len;
  UChar32 cp;
  U8_PREV((const uint8_t *)t, 0, n, cp);
  /* a full line's characters: FULL_LINE_MIN of them are enough to count */
  size_t head = len < 4 * FULL_LINE_MIN ? len : 4 * FULL_LINE_MIN;
  return cp >= 0 && u_islower(cp) && parx_utf8_chars(t, head) >= FULL_LINE_MIN;
}

/* A capital followed by a lower-case letter: "Bảng 2", "Yêu cầu". */
static int opens_sentence(const char *s) {
  int32_t i = 0, n = (int32_t)strnlen(s, 16);
  UChar32 a, b;
  U8_NEXT((const uint8_t *)s, i, n, a);
  if (a < 0 || !(u_isupper(a) || u_istitle(a)) || i >= n) return 0;
  U8_NEXT((const uint8_t *)s, i, n, b);
  return b >= 0 && u_islower(b);
}

/* An outline marker ("2.", "a)", "II.") or a bullet opens the text. */
static int opens_item(const char *s) {
  size_t n = strcspn(s, " ");
  return n < strlen(s) && parx_is_list_marker(s, n);
}

static size_t columns(const parx_block *t) {
  return t->nrows ? t->rows[0].ncells : 0;
}

/* Where a piece of a table's last row belongs that a converter put outside
 * it: the row's longest cell, the one that ran over the page break. */
static char **last_cell(parx_block *t) {
  parx_row *r = &t->rows[t->nrows - 1];
  size_t best = 0, best_len = 0;
  for (size_t k = 0; k < r->ncells; k++) {
    size_t len = strlen(r->cells[k]);
    if (len > best_len) best = k, best_len = len;
  }
  return r->ncells ? &r->cells[best] : NULL;
}

/* Appends `from`'s rows to `to`; `from` gives its rows away. */
static int take_rows(parx_block *to, parx_block *from) {
  size_t need = to->nrows + from->nrows;
  if (need > to->rows_cap) {
    parx_row *p = realloc(to->rows, need * sizeof *p);
    if (!p) return -1;
    to->rows = p;
    to->rows_cap = need;
  }
  memcpy(to->rows + to->nrows, from->rows, from->nrows * sizeof *from->rows);
  to->nrows = need;
  free(from->rows);
  from->rows = NULL;
  from->nrows = 0;
  return 0;
}

/* A row that can go on a table: no header of its own (its number cell empty,
 * a number, a code or a Roman numeral). */
static int continues_table(const parx_block *t) {
  const char *c = t->rows[0].ncells ? t->rows[0].cells[0] : "";
  c += strspn(c, " ");
  return strspn(c, "0123456789.IVXLC ") == strlen(c);
}

/* Drops the first row of `t` (the header it repeats). */
static void drop_first_row(parx_block *t) {
  for (size_t k = 0; k < t->rows[0].ncells; k++)
    free(t->rows[0].cells[k]);
  free(t->rows[0].cells);
  memmove(t->rows, t->rows + 1, (t->nrows - 1) * sizeof *t->rows);
  t->nrows--;
}

/* Joins the second part `b` of a table to its first part `prev`. Pages cut
 * rows and headers anywhere; a file that states its rows (DOCX) only holds
 * the parts a converter made of a paged table, so there only the copy of
 * the header heading a part is dropped, and only the row at the cut may be
 * joined: no row inside a part is touched. */
static int join_parts(const parx_doc *doc, parx_block *prev, parx_block *b) {
  int repeats = parx_rows_repeat_header(&b->rows[0], &prev->rows[0]);
  if (!continues_table(b) && !repeats) return 0;
  if (!doc->paged && repeats) drop_first_row(b);
  if (!doc->paged && b->nrows && prev->nrows > 1 &&
      parx_row_continues(&prev->rows[prev->nrows - 1], &b->rows[0])) {
    parx_row_mend(&prev->rows[prev->nrows - 1], &b->rows[0]);
    memmove(b->rows, b->rows + 1, (b->nrows - 1) * sizeof *b->rows);
    b->nrows--;
  }
  if (take_rows(prev, b)) return 0;
  /* the repeated header of the second part, if any, is dropped by tidy */
  if (doc->paged) parx_table_tidy(prev);
  return 1;
}

/* The paragraph that joins grow: its text's length and room, and where its
 * last piece (the last paragraph joined to it) starts; kept so that a
 * paragraph of many pieces is not measured and copied again at each join. */
typedef struct growing {
  const char *text; /* the paragraph's text it describes, NULL before the first */
  size_t len, cap, piece;
} growing;

/* True when paragraph b goes on with the paragraph g; wrap is the width of
 * a document whose lines are paragraphs, else 0. */
static int goes_on(const parx_doc *doc, const growing *g, const char *b, size_t wrap) {
  if (continues_sentence(b) && !parx_ends_sentence(g->text, g->len) &&
      (doc->paged || ends_cut_line(g->text, g->len)))
    return 1;
  return wrap &&
         parx_text_wrap_continues(wrap, g->text + g->piece, g->len - g->piece, b, strlen(b));
}

/* Appends b to the paragraph g describes, with a space between; -1 when out
 * of memory. */
static int grow(growing *g, parx_block *prev, const char *b) {
  size_t lb = strlen(b), need = g->len + lb + 2;
  if (need > g->cap) {
    char *p = realloc(prev->text, need * 2);
    if (!p) return -1;
    prev->text = p;
    g->cap = need * 2;
  }
  prev->text[g->len] = ' ';
  memcpy(prev->text + g->len + 1, b, lb + 1);
  g->text = prev->text;
  g->piece = g->len + 1;
  g->len += lb + 1;
  return 0;
}

/* Joins block i to the paragraph or table before it where it continues it;
 * g describes the paragraph before. */
static int mend(parx_doc *doc, size_t out, parx_block *b, size_t wrap, growing *g) {
  if (!out) return 0;
  parx_block *prev = &doc->blocks[out - 1];
  if (b->kind == PARX_BLOCK_PARAGRAPH && prev->kind == PARX_BLOCK_PARAGRAPH) {
    if (g->text != prev->text) {
      size_t len = strlen(prev->text);
      *g = (growing){prev->text, len, len + 1, 0};
    }
    return goes_on(doc, g, b->text, wrap) && !grow(g, prev, b->text);
  }
  return b->kind == PARX_BLOCK_TABLE && prev->kind == PARX_BLOCK_TABLE && b->nrows &&
         columns(prev) == columns(b) && columns(b) > 1 && join_parts(doc, prev, b);
}

/* The text of a paragraph, or of a table of one cell (converters make those). */
static const char *lone_text(const parx_block *b) {
  if (b->kind == PARX_BLOCK_PARAGRAPH) return b->text;
  return b->nrows == 1 && b->rows[0].ncells == 1 ? b->rows[0].cells[0] : NULL;
}

/* True when blocks [i, end) are short texts and block `end` continues the
 * table `t` (same columns, no header of its own). */
static int fragments_within(const parx_doc *doc, size_t i, const parx_block *t, size_t *end) {
  size_t j = i;
  while (j < doc->nblocks && j - i < MAX_FRAGMENTS) {
    const char *text = lone_text(&doc->blocks[j]);
    if (!text || strnlen(text, FRAGMENT_MAX) >= FRAGMENT_MAX) break;
    /* in a DOCX, a text that opens like a sentence (a caption, a note) or
     * with an outline marker ("2. Khối UBND các huyện", a group's heading) is
     * the author's paragraph; only what cannot open one (lower case, capitals
     * continuing a heading cell, digits) may be the rest of a cut cell */
    if (!doc->paged && (opens_sentence(text) || opens_item(text))) break;
    j++;
  }
  const parx_block *next = j < doc->nblocks ? &doc->blocks[j] : NULL;
  *end = j;
  return j > i && next && next->kind == PARX_BLOCK_TABLE && next->nrows &&
         columns(next) == columns(t) &&
         (continues_table(next) ||
          (!doc->paged && parx_rows_repeat_header(&next->rows[0], &t->rows[0])));
}

void parx_doc_tidy(parx_doc *doc) {
  size_t out = 0;
  growing g = {0};
  /* the PDF reader joins a page's lines by their places; a DOCX or a text
   * whose every line is a paragraph is joined here */
  size_t wrap = strcmp(doc->format, "pdf") ? parx_doc_wrap_width(doc) : 0;
  for (size_t i = 0; i < doc->nblocks; i++) {
    parx_block *b = &doc->blocks[i];
    size_t end;
    /* short texts between two parts of one table are pieces of its last row
     * that the converter put outside the table */
    if (out && doc->blocks[out - 1].kind == PARX_BLOCK_TABLE &&
        fragments_within(doc, i, &doc->blocks[out - 1], &end)) {
      for (; i < end; i++) {
        char **cell = last_cell(&doc->blocks[out - 1]);
        char *joined = cell ? parx_join_words(*cell, lone_text(&doc->blocks[i])) : NULL;
        if (joined) {
          free(*cell);
          *cell = joined;
        }
        parx_block_clear(&doc->blocks[i]);
      }
      b = &doc->blocks[i];
    }
    if (mend(doc, out, b, wrap, &g)) {
      parx_block_clear(b);
      continue;
    }
    if (out != i) doc->blocks[out] = *b;
    out++;
  }
  doc->nblocks = out;
}

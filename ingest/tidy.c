/* Repairs of the model that every reader needs: cut paragraphs, split tables. */
#include "ingest.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* A fragment between two parts of a table is short. */
enum { FRAGMENT_MAX = 400, MAX_FRAGMENTS = 6 };

/* Lower case at the start, and not an outline item such as "a)" or "đ.". */
static int continues_sentence(const char *s) {
  size_t n = strlen(s);
  int32_t i = 0;
  UChar32 cp;
  U8_NEXT((const uint8_t *)s, i, (int32_t)n, cp);
  if (cp < 0 || !u_islower(cp)) return 0;
  return !(s[i] == ')' || (s[i] == '.' && (s[i + 1] == ' ' || !s[i + 1])));
}

static int ends_sentence(const char *t) {
  size_t n = strlen(t);
  return n && strchr(".:;!?", t[n - 1]);
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

/* Joins block i to the paragraph or table before it where it continues it. */
static int mend(parx_doc *doc, size_t out, parx_block *b) {
  if (!out) return 0;
  parx_block *prev = &doc->blocks[out - 1];
  if (b->kind == PARX_BLOCK_PARAGRAPH && prev->kind == PARX_BLOCK_PARAGRAPH &&
      continues_sentence(b->text) && !ends_sentence(prev->text)) {
    char *joined = parx_join_words(prev->text, b->text);
    if (!joined) return 0;
    free(prev->text);
    prev->text = joined;
    return 1;
  }
  if (b->kind == PARX_BLOCK_TABLE && prev->kind == PARX_BLOCK_TABLE && b->nrows &&
      columns(prev) == columns(b) && columns(b) > 1 &&
      (continues_table(b) || parx_rows_repeat_header(&b->rows[0], &prev->rows[0])) &&
      !take_rows(prev, b)) {
    /* the repeated header of the second part, if any, is dropped by tidy */
    parx_table_tidy(prev);
    return 1;
  }
  return 0;
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
    if (!text || strlen(text) >= FRAGMENT_MAX) break;
    j++;
  }
  const parx_block *next = j < doc->nblocks ? &doc->blocks[j] : NULL;
  *end = j;
  return j > i && next && next->kind == PARX_BLOCK_TABLE && next->nrows &&
         columns(next) == columns(t) && continues_table(next);
}

void parx_doc_tidy(parx_doc *doc) {
  size_t out = 0;
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
    if (mend(doc, out, b)) {
      parx_block_clear(b);
      continue;
    }
    if (out != i) doc->blocks[out] = *b;
    out++;
  }
  doc->nblocks = out;
}

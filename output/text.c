/* The normalised text that loc.line counts, for `parx text`. */
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buf {
  char *s;
  size_t n, cap;
  int failed;
} buf;

static void put(buf *b, const char *s, size_t n) {
  if (b->failed)
    return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = (b->n + n + 1) * 2;
    char *p = realloc(b->s, cap);
    if (!p) {
      b->failed = 1;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = '\0';
}

static void put_line(buf *b, int line, int page) {
  char head[32];
  int k = page ? snprintf(head, sizeof head, "%d\t[p%d] ", line, page)
               : snprintf(head, sizeof head, "%d\t", line);
  put(b, head, (size_t)k);
}

char *parx_output_text(const parx_doc *doc) {
  buf b = {0};
  put(&b, "", 0);
  for (size_t i = 0; i < doc->nblocks; i++) {
    const parx_block *blk = &doc->blocks[i];
    if (blk->kind == PARX_BLOCK_PARAGRAPH) {
      put_line(&b, blk->line, blk->page);
      put(&b, blk->text, strlen(blk->text));
      put(&b, "\n", 1);
      continue;
    }
    for (size_t r = 0; r < blk->nrows; r++) {
      const parx_row *row = &blk->rows[r];
      put_line(&b, row->line, row->page);
      for (size_t k = 0; k < row->ncells; k++) {
        if (k)
          put(&b, " | ", 3);
        put(&b, row->cells[k], strlen(row->cells[k]));
      }
      put(&b, "\n", 1);
    }
  }
  for (size_t i = 0; i < doc->nwarnings; i++) {
    put(&b, "warning: ", 9);
    put(&b, doc->warnings[i], strlen(doc->warnings[i]));
    put(&b, "\n", 1);
  }
  if (b.failed) {
    free(b.s);
    return NULL;
  }
  return b.s;
}

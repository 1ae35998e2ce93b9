/* The normalised text that loc.line counts, for `parx text`. */
#include "output.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_line(parx_buf *b, int line, int page) {
  char head[32];
  int k = page ? snprintf(head, sizeof head, "%d\t[p%d] ", line, page)
               : snprintf(head, sizeof head, "%d\t", line);
  parx_buf_add(b, head, (size_t)k);
}

/* The buffer's string, or NULL (and nothing kept) when an addition failed. */
static char *finish(parx_buf *b) {
  if (!b->failed) return b->s;
  free(b->s);
  return NULL;
}

char *parx_output_text(const parx_doc *doc) {
  parx_buf b = {0};
  parx_buf_add(&b, "", 0);
  for (size_t i = 0; i < doc->nblocks; i++) {
    const parx_block *blk = &doc->blocks[i];
    if (blk->kind == PARX_BLOCK_PARAGRAPH) {
      put_line(&b, blk->line, blk->page);
      parx_buf_add(&b, blk->text, strlen(blk->text));
      parx_buf_add(&b, "\n", 1);
      continue;
    }
    for (size_t r = 0; r < blk->nrows; r++) {
      const parx_row *row = &blk->rows[r];
      put_line(&b, row->line, row->page);
      for (size_t k = 0; k < row->ncells; k++) {
        if (k) parx_buf_add(&b, " | ", 3);
        parx_buf_add(&b, row->cells[k], strlen(row->cells[k]));
      }
      parx_buf_add(&b, "\n", 1);
    }
  }
  return finish(&b);
}

char *parx_output_warnings(const parx_doc *doc) {
  parx_buf b = {0};
  parx_buf_add(&b, "", 0);
  for (size_t i = 0; i < doc->nwarnings; i++) {
    parx_buf_adds(&b, doc->warnings[i]);
    parx_buf_add(&b, "\n", 1);
  }
  return finish(&b);
}

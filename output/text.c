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
  for (size_t i = 0; i < doc->nwarnings; i++) {
    parx_buf_add(&b, "warning: ", 9);
    parx_buf_add(&b, doc->warnings[i], strlen(doc->warnings[i]));
    parx_buf_add(&b, "\n", 1);
  }
  if (b.failed) {
    free(b.s);
    return NULL;
  }
  return b.s;
}

/* parx_normalize and parx_normalize_doc: one spelling of every text. */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

#include "extract/ustr.h"

char *parx_normalize(const char *s, size_t len) {
  if (!s) return len ? NULL : px_ascii_collapse("", 0, 0);
  /* Most cells are numbers or short ASCII codes: they need no ICU at all. */
  if (px_is_ascii(s, len) || px_is_plain_nfc(s, len)) return px_ascii_collapse(s, len, 0);

  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
  if (U_FAILURE(err)) return NULL;
  int32_t n;
  UChar *u = px_utf8_to_utf16(s, len, &n);
  if (!u) return NULL;
  /* Mapping first: dropping a soft hyphen can bring a mark next to its letter. */
  n = px_map_chars(u, n);
  u = px_normalize_u16(nfc, u, &n);
  if (!u) return NULL;
  char *out = px_utf16_to_utf8_collapsed(u, n);
  free(u);
  return out;
}

/* Replaces *text by its normal form; leaves it alone on failure. */
static int normalize_in_place(char **text) {
  if (!*text) return 0;
  size_t n = strlen(*text);
  if (px_is_normal(*text, n)) return 0; /* most text: no copy */
  char *fresh = parx_normalize(*text, n);
  if (!fresh) return -1;
  free(*text);
  *text = fresh;
  return 0;
}

static int normalize_table(parx_block *table) {
  for (size_t r = 0; r < table->nrows; r++) {
    parx_row *row = &table->rows[r];
    for (size_t c = 0; c < row->ncells; c++)
      if (normalize_in_place(&row->cells[c]) != 0) return -1;
  }
  return 0;
}

/* Replaces *text by its normal form (when `normalise`) with one tone-mark
 * placement: each check runs while the string is in the cache. */
static int prepare_in_place(char **text, int normalise) {
  size_t n = strlen(*text);
  if (normalise && px_is_prepared(*text, n)) return 0; /* most text */
  if (normalise && !px_is_normal(*text, n)) {
    char *fresh = parx_normalize(*text, n);
    if (!fresh) return -1;
    free(*text);
    *text = fresh;
    n = strlen(fresh);
  }
  if (parx_tone_is_canon(*text, n)) return 0;
  char *canon = parx_tone_canon(*text, n);
  if (!canon) return -1;
  free(*text);
  *text = canon;
  return 0;
}

int parx_prepare_doc(parx_doc *doc) {
  if (!doc) return -1;
  for (size_t i = 0; i < doc->nblocks; i++) {
    parx_block *b = &doc->blocks[i];
    int table = b->kind == PARX_BLOCK_TABLE;
    if (b->text && prepare_in_place(&b->text, !table)) return -1;
    for (size_t r = 0; r < b->nrows; r++)
      for (size_t k = 0; k < b->rows[r].ncells; k++)
        if (prepare_in_place(&b->rows[r].cells[k], table)) return -1;
  }
  return 0;
}

int parx_normalize_doc(parx_doc *doc) {
  if (!doc) return -1;
  for (size_t b = 0; b < doc->nblocks; b++) {
    parx_block *block = &doc->blocks[b];
    int rc =
        block->kind == PARX_BLOCK_TABLE ? normalize_table(block) : normalize_in_place(&block->text);
    if (rc != 0) return -1;
  }
  return 0;
}

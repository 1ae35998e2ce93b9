/*
 * Ruling lines and the cells they enclose, by morphology: an opening with a
 * long thin brick keeps only the runs of ink at least that long in one
 * direction (a table's rules, not the strokes of letters), and the white
 * regions that the rules enclose are the table's cells, spanning cells
 * included, whatever the table's shape.
 */
#include <stdlib.h>

#include "ocr_internal.h"

/* Shortest rules, in pixels at OCR_DPI: a horizontal rule is longer than a
 * narrow number column is wide (20 pt), a vertical one longer than the stem
 * of any letter with its accents (one-line rows are about 60 px high, and
 * their column rules run on across the rows). */
#define MIN_HRULE 83
#define MIN_VRULE 70
/* Thickest rule: thicker runs are bars or pictures. */
#define MAX_THICKNESS 20
/* Pixels added around the rules so that they meet at their crossings and
 * their blur is erased with them. */
#define RULE_MARGIN 3
/* Smallest cell side, and the share of its box a cell must fill (a cell is a
 * rectangle; a ragged region is the space around a broken rule). */
#define MIN_CELL 20
#define CELL_FILL 0.85
/* A region larger than this share of the page is no cell. */
#define MAX_CELL_SHARE 0.5

static int push_rule(parx_ocr_rule **v, size_t *n, parx_ocr_rule r) {
  parx_ocr_rule *grown = realloc(*v, (*n + 1) * sizeof **v);
  if (!grown) return -1;
  *v = grown;
  grown[(*n)++] = r;
  return 0;
}

/* The lines of binary image b running one way: its long thin runs of ink,
 * as a mask, each also added to the page's rules. NULL when out of memory. */
static PIX *rules_of(PIX *b, int horizontal, parx_ocr_page *page) {
  PIX *open = horizontal ? pixOpenBrick(NULL, b, MIN_HRULE, 1) : pixOpenBrick(NULL, b, 1, MIN_VRULE);
  if (!open) return NULL;
  PIX *thin = pixSelectBySize(open, MAX_THICKNESS, MAX_THICKNESS, 8,
                              horizontal ? L_SELECT_HEIGHT : L_SELECT_WIDTH, L_SELECT_IF_LTE, NULL);
  pixDestroy(&open);
  BOXA *boxes = thin ? pixConnComp(thin, NULL, 8) : NULL;
  int rc = boxes ? 0 : -1;
  for (l_int32 i = 0; !rc && i < boxaGetCount(boxes); i++) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    rc = horizontal ? push_rule(&page->hrules, &page->nhrules,
                                (parx_ocr_rule){y + h / 2.0, x, (double)x + w})
                    : push_rule(&page->vrules, &page->nvrules,
                                (parx_ocr_rule){x + w / 2.0, y, (double)y + h});
  }
  boxaDestroy(&boxes);
  if (rc) pixDestroy(&thin);
  return thin;
}

/* True when component i of the white regions is a cell. */
static int is_cell(BOXA *boxes, PIXA *pixa, l_int32 i, l_int32 pw, l_int32 ph) {
  l_int32 x, y, w, h, filled = 0;
  boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
  if (x == 0 || y == 0 || x + w >= pw || y + h >= ph) return 0; /* open to the margin */
  if (w < MIN_CELL || h < MIN_CELL || (double)w * h > MAX_CELL_SHARE * pw * ph) return 0;
  PIX *region = pixaGetPix(pixa, i, L_CLONE);
  if (region) pixCountPixels(region, &filled, NULL);
  pixDestroy(&region);
  return filled >= CELL_FILL * w * h;
}

static int cells_of(PIX *lines, ocr_grid *grid) {
  PIX *white = pixInvert(NULL, lines);
  PIXA *pixa = NULL;
  BOXA *boxes = white ? pixConnComp(white, &pixa, 4) : NULL;
  pixDestroy(&white);
  if (!boxes) return -1;
  l_int32 n = boxaGetCount(boxes), pw = pixGetWidth(lines), ph = pixGetHeight(lines);
  grid->cells = malloc((size_t)(n ? n : 1) * sizeof *grid->cells);
  for (l_int32 i = 0; grid->cells && i < n; i++) {
    if (!is_cell(boxes, pixa, i, pw, ph)) continue;
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    grid->cells[grid->ncells++] = (ocr_cell){x, y, x + w, y + h};
  }
  boxaDestroy(&boxes);
  pixaDestroy(&pixa);
  return grid->cells ? 0 : -1;
}

int ocr_grid_find(PIX *b, parx_ocr_page *page, ocr_grid *grid) {
  *grid = (ocr_grid){0};
  PIX *h = rules_of(b, 1, page);
  PIX *v = h ? rules_of(b, 0, page) : NULL;
  PIX *both = v ? pixOr(NULL, h, v) : NULL;
  pixDestroy(&h);
  pixDestroy(&v);
  if (!both) return -1;
  if (page->nhrules && page->nvrules) {
    grid->lines = pixDilateBrick(NULL, both, 2 * RULE_MARGIN + 1, 2 * RULE_MARGIN + 1);
    if (!grid->lines || cells_of(grid->lines, grid)) {
      pixDestroy(&both);
      return -1;
    }
  } else if (page->nhrules || page->nvrules) {
    grid->lines = pixDilateBrick(NULL, both, 2 * RULE_MARGIN + 1, 2 * RULE_MARGIN + 1);
  }
  pixDestroy(&both);
  return 0;
}

void ocr_grid_free(ocr_grid *grid) {
  free(grid->cells);
  pixDestroy(&grid->lines);
  *grid = (ocr_grid){0};
}

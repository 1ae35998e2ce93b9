/*
 * Ruling lines and the cells they enclose, by morphology: an opening with a
 * long thin brick keeps only the runs of ink at least that long in one
 * direction (a table's rules, not the strokes of letters), and the white
 * regions that the rules enclose are the table's cells, spanning cells
 * included, whatever the table's shape.
 */
#include <stdlib.h>

#include "ocr_internal.h"

/* Shortest run of ink kept as a piece of a rule, in pixels at OCR_DPI: longer
 * than a horizontal stroke of a letter (a rule's faint parts break it into
 * pieces) or the stem of a letter with its accents. */
#define MIN_PIECE 83
/* Shortest rule once its pieces are joined: a narrow number column's width. */
#define MIN_RULE 150
/* How much darker than the paper a pixel of a rule is at least: rules are
 * thin and print much lighter than text (seen: 195-215 on paper of 235),
 * and specks of the paper's grain are too short to pass for a piece. */
#define RULE_CONTRAST 18
/* Thickest rule: thicker runs are bars or pictures. */
#define MAX_THICKNESS 20
/* Pieces within this many pixels across are one rule. */
#define SAME_LINE 6
/* Widest gap between pieces bridged as a rule's faint part; a gap that runs
 * from one crossing rule to another is a merged cell and stays open. */
#define MAX_BRIDGE 800
/* Pixels within which a rule ends at, or reaches, another. */
#define MEETS 16
/* Pixels added around the rules so that they meet at their crossings and
 * their blur is erased with them. */
#define RULE_MARGIN 3
/* Smallest cell side, and the share of its box a cell must fill (a cell is a
 * rectangle; a ragged region is the space around a broken rule). */
#define MIN_CELL 20
#define CELL_FILL 0.85
/* A region larger than this share of the page is no cell. */
#define MAX_CELL_SHARE 0.5

typedef struct rules {
  parx_ocr_rule *v;
  size_t n;
} rules;

static int push_rule(rules *rs, parx_ocr_rule r) {
  parx_ocr_rule *grown = realloc(rs->v, (rs->n + 1) * sizeof *rs->v);
  if (!grown) return -1;
  rs->v = grown;
  grown[rs->n++] = r;
  return 0;
}

/* Pixels from a piece to the lines beside it, and the share of ink there
 * under which they are clear: a rule has paper on both sides, a run through
 * a line of bold text has letters. */
#define SIDE 5
#define SIDE_INK 0.3

static double ink_share(PIX *b, l_int32 x, l_int32 y, l_int32 w, l_int32 h) {
  return (double)ocr_ink(b, x, y, w, h) / ((double)w * h);
}

/* True when the piece in box (x, y, w, h) has paper on both sides. */
static int clear_sides(PIX *b, l_int32 x, l_int32 y, l_int32 w, l_int32 h, int horizontal) {
  if (horizontal)
    return ink_share(b, x, y - SIDE, w, 1) < SIDE_INK &&
           ink_share(b, x, y + h - 1 + SIDE, w, 1) < SIDE_INK;
  return ink_share(b, x - SIDE, y, 1, h) < SIDE_INK &&
         ink_share(b, x + w - 1 + SIDE, y, 1, h) < SIDE_INK;
}

/* The pieces of rule running one way in binary image b: long thin runs of
 * ink (thickened across first, so that a faint or slightly slanted rule
 * still runs on). `ink` gets their pixels, for erasing. */
static int pieces_of(PIX *b, int horizontal, rules *out, PIX **ink) {
  PIX *thick = horizontal ? pixDilateBrick(NULL, b, 1, 3) : pixDilateBrick(NULL, b, 3, 1);
  PIX *open = !thick       ? NULL
              : horizontal ? pixOpenCompBrick(NULL, thick, MIN_PIECE, 1)
                           : pixOpenCompBrick(NULL, thick, 1, MIN_PIECE);
  pixDestroy(&thick);
  *ink = open
             ? pixSelectBySize(open, MAX_THICKNESS, MAX_THICKNESS, 8,
                               horizontal ? L_SELECT_HEIGHT : L_SELECT_WIDTH, L_SELECT_IF_LTE, NULL)
             : NULL;
  pixDestroy(&open);
  BOXA *boxes = *ink ? pixConnComp(*ink, NULL, 8) : NULL;
  int rc = boxes ? 0 : -1;
  for (l_int32 i = 0; !rc && i < boxaGetCount(boxes); i++) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    if (!clear_sides(b, x, y, w, h, horizontal)) continue;
    rc = push_rule(out, horizontal ? (parx_ocr_rule){y + h / 2.0, x, (double)x + w}
                                   : (parx_ocr_rule){x + w / 2.0, y, (double)y + h});
  }
  boxaDestroy(&boxes);
  return rc;
}

static int by_line(const void *a, const void *b) {
  const parx_ocr_rule *p = a, *q = b;
  if (p->at != q->at) return p->at < q->at ? -1 : 1;
  return (p->a0 > q->a0) - (p->a0 < q->a0);
}

static int by_start(const void *a, const void *b) {
  const parx_ocr_rule *p = a, *q = b;
  return (p->a0 > q->a0) - (p->a0 < q->a0);
}

/* True when a crossing rule passes through the point `along` of a line at
 * `at`: the end of a gap lies on it. */
static int crossed_at(const rules *cross, double along, double at) {
  for (size_t i = 0; i < cross->n; i++) {
    const parx_ocr_rule *c = &cross->v[i];
    if (c->at > along - MEETS && c->at < along + MEETS && c->a0 < at + MEETS && c->a1 > at - MEETS)
      return 1;
  }
  return 0;
}

/* The crossing rule nearest to `along` on the line at `at`, in the direction
 * `dir` (+1 or -1) within MAX_BRIDGE; `along` itself when none. */
static double reach(const rules *cross, double along, double at, int dir) {
  double best = along;
  for (size_t i = 0; i < cross->n; i++) {
    const parx_ocr_rule *c = &cross->v[i];
    double d = (c->at - along) * dir;
    if (d > 0 && d <= MAX_BRIDGE && c->a0 < at + MEETS && c->a1 > at - MEETS &&
        (best == along || d < (best - along) * dir))
      best = c->at;
  }
  return best;
}

/* Adds a joined rule at least MIN_RULE long, its faint ends run on to the
 * crossing rules they stop short of. */
static int keep(rules *out, parx_ocr_rule r, const rules *cross) {
  if (r.a1 - r.a0 < MIN_RULE) return 0;
  if (!crossed_at(cross, r.a0, r.at)) r.a0 = reach(cross, r.a0, r.at, -1);
  if (!crossed_at(cross, r.a1, r.at)) r.a1 = reach(cross, r.a1, r.at, 1);
  return push_rule(out, r);
}

/* Joins the pieces of each rule: pieces on one line whose gap is short and
 * does not run from one crossing rule to another, into `out` (see keep). */
static int join_pieces(rules *pieces, const rules *cross, rules *out) {
  if (!pieces->n) return 0;
  qsort(pieces->v, pieces->n, sizeof *pieces->v, by_line);
  int rc = 0;
  for (size_t i = 0; i < pieces->n && !rc;) {
    size_t j = i + 1; /* the pieces of one line: [i, j), sorted by their start */
    while (j < pieces->n && pieces->v[j].at - pieces->v[j - 1].at <= SAME_LINE)
      j++;
    qsort(pieces->v + i, j - i, sizeof *pieces->v, by_start);
    parx_ocr_rule cur = pieces->v[i];
    for (size_t k = i + 1; k <= j && !rc; k++) {
      const parx_ocr_rule *p = k < j ? &pieces->v[k] : NULL;
      double gap = p ? p->a0 - cur.a1 : 0;
      if (p && (gap <= MEETS || (gap <= MAX_BRIDGE && !(crossed_at(cross, cur.a1, cur.at) &&
                                                        crossed_at(cross, p->a0, p->at))))) {
        cur.at = (cur.at + p->at) / 2;
        if (p->a1 > cur.a1) cur.a1 = p->a1;
        continue;
      }
      rc = keep(out, cur, cross);
      if (p) cur = *p;
    }
    i = j;
  }
  return rc;
}

/* True when a horizontal rule at `y` reaches from x0 to x1. */
static int ruled_at(const rules *h, double y, double x0, double x1) {
  for (size_t i = 0; i < h->n; i++)
    if (h->v[i].at > y - MEETS && h->v[i].at < y + MEETS && h->v[i].a0 < x0 + MEETS &&
        h->v[i].a1 > x1 - MEETS)
      return 1;
  return 0;
}

/*
 * Closes a table that its vertical rules frame but no horizontal rule ends:
 * where two or more of them stop at the same height (the page, or the scan,
 * cut the table there) a rule is drawn across them, so that its first or
 * last row is a row of cells, not text read around the table.
 */
static int close_frames(const rules *v, rules *h) {
  size_t n = v->n;
  for (size_t i = 0; i < n; i++)
    for (int end = 0; end < 2; end++) {
      double y = end ? v->v[i].a1 : v->v[i].a0, x0 = v->v[i].at, x1 = x0;
      size_t meet = 1;
      for (size_t k = 0; k < n; k++) {
        double yk = end ? v->v[k].a1 : v->v[k].a0;
        if (k == i || yk < y - MEETS || yk > y + MEETS) continue;
        meet++;
        if (v->v[k].at < x0) x0 = v->v[k].at;
        if (v->v[k].at > x1) x1 = v->v[k].at;
      }
      if (meet >= 2 && x0 == v->v[i].at && !ruled_at(h, y, x0, x1) &&
          push_rule(h, (parx_ocr_rule){y, x0, x1}))
        return -1;
    }
  return 0;
}

/* Draws the rules into `mask`, RULE_MARGIN thick on each side. */
static void draw(PIX *mask, const parx_ocr_rule *v, size_t n, int horizontal) {
  for (size_t i = 0; i < n; i++) {
    int at = (int)v[i].at - RULE_MARGIN, a0 = (int)v[i].a0, len = (int)(v[i].a1 - v[i].a0);
    BOX *box = horizontal ? boxCreate(a0, at, len, 2 * RULE_MARGIN + 1)
                          : boxCreate(at, a0, 2 * RULE_MARGIN + 1, len);
    if (box) pixSetInRect(mask, box);
    boxDestroy(&box);
  }
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

int ocr_grid_find(PIX *grey, int paper, parx_ocr_page *page, ocr_grid *grid) {
  *grid = (ocr_grid){0};
  rules hp = {0}, vp = {0}, h = {0}, v = {0};
  PIX *b = pixThresholdToBinary(grey, paper - RULE_CONTRAST), *hink = NULL, *vink = NULL;
  int rc = b && !pieces_of(b, 1, &hp, &hink) && !pieces_of(b, 0, &vp, &vink) ? 0 : -1;
  pixDestroy(&b);
  if (!rc) rc = join_pieces(&hp, &vp, &h) || join_pieces(&vp, &hp, &v) ? -1 : 0;
  if (!rc && h.n) rc = close_frames(&v, &h);
  PIX *drawn = rc ? NULL : pixCreate(pixGetWidth(grey), pixGetHeight(grey), 1);
  if (drawn) {
    draw(drawn, h.v, h.n, 1);
    draw(drawn, v.v, v.n, 0);
    /* the ink to erase: what lies on the rules kept (not bold text) */
    PIX *ink = pixOr(NULL, hink, vink);
    PIX *near = ink ? pixDilateBrick(NULL, ink, 2 * RULE_MARGIN + 1, 2 * RULE_MARGIN + 1) : NULL;
    grid->lines = near ? pixAnd(NULL, near, drawn) : NULL;
    pixDestroy(&near);
    pixDestroy(&ink);
    rc = grid->lines && (!h.n || !v.n || !cells_of(drawn, grid)) ? 0 : -1;
  } else {
    rc = -1;
  }
  pixDestroy(&drawn);
  pixDestroy(&hink);
  pixDestroy(&vink);
  free(hp.v);
  free(vp.v);
  page->hrules = h.v;
  page->nhrules = h.n;
  page->vrules = v.v;
  page->nvrules = v.n;
  return rc;
}

void ocr_grid_free(ocr_grid *grid) {
  free(grid->cells);
  pixDestroy(&grid->lines);
  *grid = (ocr_grid){0};
}

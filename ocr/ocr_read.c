/*
 * Recognition: every ruled cell on its own as one block of text, then the
 * rest of the page (the cells painted white) with Tesseract's own page
 * layout. The module's exported table is at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "ocr_internal.h"

struct parx_ocr {
  TessBaseAPI *api;
};

/* Ink pixels under which a cell is empty (a speck, a rule's remains). */
#define EMPTY_CELL 40
/* Pixels kept clear inside a cell's box: what is left of its rules. */
#define CELL_INSET 2
/* Pixels within which cells share a column's left edge. */
#define COLUMN_SLACK 12

static parx_ocr *engine_new(const char *language, char *why, size_t why_len) {
  parx_ocr *o = calloc(1, sizeof *o);
  if (o) o->api = TessBaseAPICreate();
  if (!o || !o->api) {
    snprintf(why, why_len, "out of memory");
    free(o);
    return NULL;
  }
  /* Tesseract writes its notes to stderr unless told where */
  TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
  if (TessBaseAPIInit3(o->api, NULL, language)) {
    snprintf(why, why_len,
             "Tesseract has no '%s' model (install the Debian package tesseract-ocr-%s, or set "
             "TESSDATA_PREFIX to the directory holding %s.traineddata)",
             language, language, language);
    TessBaseAPIDelete(o->api);
    free(o);
    return NULL;
  }
  TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
  return o;
}

static void engine_free(parx_ocr *o) {
  if (!o) return;
  TessBaseAPIEnd(o->api);
  TessBaseAPIDelete(o->api);
  free(o);
}

static int push_word(parx_ocr_page *page, size_t *cap, parx_ocr_word w) {
  if (page->nwords == *cap) {
    size_t grown = *cap ? 2 * *cap : 256;
    parx_ocr_word *v = realloc(page->words, grown * sizeof *v);
    if (!v) return -1;
    page->words = v;
    *cap = grown;
  }
  page->words[page->nwords++] = w;
  return 0;
}

/* Widest gap, in line heights, that Tesseract's spaces between the words of
 * one line may leave (a justified line stretches them); wider ones are left
 * for the layout analysis to judge. */
#define SPACE_GAP 1.2

/* A word recognised with less confidence than this is read again on its
 * own (see reread). */
#define DOUBTFUL 60

/* The words to read again: their place in page->words and their own box (a
 * collected word takes its line's top and bottom), in page pixels. */
typedef struct doubts {
  struct doubt {
    size_t word;
    int x0, y0, x1, y1;
  } * v;
  size_t n, cap;
} doubts;

static int push_doubt(doubts *ds, struct doubt d) {
  if (ds->n == ds->cap) {
    size_t grown = ds->cap ? 2 * ds->cap : 16;
    struct doubt *v = realloc(ds->v, grown * sizeof *v);
    if (!v) return -1;
    ds->v = v;
    ds->cap = grown;
  }
  ds->v[ds->n++] = d;
  return 0;
}

/*
 * Adds the words Tesseract recognised last. Each takes its line's top and
 * bottom. A word's box is tight around its ink, while a text layer's glyph
 * boxes reach to the next glyph: the spaces Tesseract found between the
 * words of a line are closed, so that a justified line is not taken for the
 * cells of a table row. Words of little confidence go to `ds` (unless
 * NULL). 0, or -1 when out of memory.
 */
static int collect(TessBaseAPI *api, parx_ocr_page *page, size_t *cap, int dx, int dy, doubts *ds) {
  TessResultIterator *it = TessBaseAPIGetIterator(api);
  if (!it) return 0;
  int rc = 0;
  size_t line_start = page->nwords;
  do {
    char *text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
    const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(it);
    int x0, y0, x1, y1, lx0, ly0, lx1, ly1;
    if (text && *text && TessPageIteratorBoundingBox(pi, RIL_WORD, &x0, &y0, &x1, &y1) &&
        TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &lx0, &ly0, &lx1, &ly1)) {
      parx_ocr_word w = {strdup(text), x0 + dx,  ly0 + dy,
                         x1 + dx,      ly1 + dy, TessResultIteratorConfidence(it, RIL_WORD)};
      parx_ocr_word *prev = page->nwords > line_start ? &page->words[page->nwords - 1] : NULL;
      if (prev && (prev->y0 != w.y0 || prev->y1 != w.y1)) prev = NULL; /* another line */
      if (prev && w.x0 > prev->x1 && w.x0 - prev->x1 < SPACE_GAP * (w.y1 - w.y0))
        prev->x1 = w.x0 - 1;
      if (w.text) parx_ocr_repair_word(w.text);
      if (ds && w.text && w.confidence < DOUBTFUL)
        rc = push_doubt(ds, (struct doubt){page->nwords, x0 + dx, y0 + dy, x1 + dx, y1 + dy});
      if (!rc) rc = w.text ? push_word(page, cap, w) : -1;
      if (rc) free(w.text);
    }
    TessDeleteText(text);
  } while (!rc && TessResultIteratorNext(it, RIL_WORD));
  TessResultIteratorDelete(it);
  return rc;
}

/* White pixels around a cell's image: Tesseract misreads text that touches
 * the edge of its image (a short code in a narrow column most of all). */
#define CELL_BORDER 24

/* The box (x, y, w, h) of the page, cut out with a white border; NULL when
 * out of memory. */
static PIX *framed_cut(PIX *clean, int x, int y, int w, int h) {
  BOX *box = boxCreate(x, y, w, h);
  PIX *cut = box ? pixClipRectangle(clean, box, NULL) : NULL;
  PIX *framed = cut ? pixAddBorder(cut, CELL_BORDER, 255) : NULL;
  pixDestroy(&cut);
  boxDestroy(&box);
  return framed;
}

/* The unsharp mask a cell's image gets, its half width in pixels and its
 * strength: a scan's blur makes a hook above (ể, ổ) look like an acute (ế,
 * ố), and Tesseract tells them apart more often once the blur is sharpened
 * (measured: 5 more cells whole of 169 in bench/ocr.py; a half width of 1
 * or 3, or a strength of 0.3 or 0.8, gain less). */
#define SHARPEN_HALF_WIDTH 2
#define SHARPEN_FRACTION 0.5f

/* Recognises one cell, cut out of the page with a white border. */
static int read_cell(TessBaseAPI *api, PIX *clean, const ocr_cell *c, parx_ocr_page *page,
                     size_t *cap) {
  int x = c->x0 + CELL_INSET, y = c->y0 + CELL_INSET;
  PIX *framed =
      framed_cut(clean, x, y, c->x1 - c->x0 - 2 * CELL_INSET, c->y1 - c->y0 - 2 * CELL_INSET);
  PIX *sharp = framed ? pixUnsharpMaskingGray(framed, SHARPEN_HALF_WIDTH, SHARPEN_FRACTION) : NULL;
  pixDestroy(&framed);
  if (!sharp) return -1;
  int rc = 0;
  TessBaseAPISetImage2(api, sharp);
  TessBaseAPISetSourceResolution(api, OCR_DPI);
  if (TessBaseAPIRecognize(api, NULL) == 0)
    rc = collect(api, page, cap, x - CELL_BORDER, y - CELL_BORDER, NULL);
  pixDestroy(&sharp);
  return rc;
}

/* Takes the one word Tesseract recognised last for w when it is more sure of
 * it than of w. 0, or -1 when out of memory. */
static int take_surer(TessBaseAPI *api, parx_ocr_word *w) {
  TessResultIterator *it = TessBaseAPIGetIterator(api);
  if (!it) return 0;
  char *text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
  float confidence = TessResultIteratorConfidence(it, RIL_WORD);
  int alone = !TessResultIteratorNext(it, RIL_WORD);
  int surer = text && *text && alone && confidence > w->confidence;
  char *copy = surer ? strdup(text) : NULL;
  if (copy) {
    parx_ocr_repair_word(copy);
    free(w->text);
    w->text = copy;
    w->confidence = confidence;
  }
  TessDeleteText(text);
  TessResultIteratorDelete(it);
  return surer && !copy ? -1 : 0;
}

/*
 * Reads the doubtful words of the page's text again, each alone in a white
 * frame as a cell is read, and keeps the surer reading: within its line a
 * word's neighbours lead recognition astray ("(DDCI)" comes out "(DDCTI)"
 * there, "(DDC])" alone). A cell's words are not read again: they were read
 * alone in their cell, and a second reading only traded one misreading for
 * another ("III/2017" for "IH/2017"). 0, or -1 when out of memory.
 */
static int reread(TessBaseAPI *api, PIX *clean, parx_ocr_page *page, doubts *ds) {
  TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
  int rc = 0;
  for (size_t i = 0; i < ds->n && !rc; i++) {
    const struct doubt *d = &ds->v[i];
    PIX *framed = framed_cut(clean, d->x0, d->y0, d->x1 - d->x0, d->y1 - d->y0);
    if (!framed) rc = -1;
    if (framed) {
      TessBaseAPISetImage2(api, framed);
      TessBaseAPISetSourceResolution(api, OCR_DPI);
      if (TessBaseAPIRecognize(api, NULL) == 0) rc = take_surer(api, &page->words[d->word]);
    }
    pixDestroy(&framed);
  }
  return rc;
}

/* Where the words of each cell start in page->words (first[i] == first[i+1]
 * for an empty cell). */
static int read_cells(TessBaseAPI *api, PIX *clean, const ocr_grid *grid, parx_ocr_page *page,
                      size_t *cap, size_t *first) {
  PIX *b = ocr_binary(clean);
  if (!b) return -1;
  TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
  int rc = 0;
  for (size_t i = 0; i < grid->ncells && !rc; i++) {
    const ocr_cell *c = &grid->cells[i];
    first[i] = page->nwords;
    if (ocr_ink(b, c->x0, c->y0, c->x1 - c->x0, c->y1 - c->y0) < EMPTY_CELL) continue;
    rc = read_cell(api, clean, c, page, cap);
    page->cells++;
  }
  first[grid->ncells] = page->nwords;
  pixDestroy(&b);
  return rc;
}

/* The page outside the cells, recognised with Tesseract's page layout. */
static int read_rest(TessBaseAPI *api, PIX *clean, const ocr_grid *grid, parx_ocr_page *page,
                     size_t *cap, doubts *ds) {
  PIX *rest = grid->ncells ? pixCopy(NULL, clean) : pixClone(clean);
  if (!rest) return -1;
  for (size_t i = 0; i < grid->ncells; i++) {
    const ocr_cell *c = &grid->cells[i];
    BOX *box = boxCreate(c->x0, c->y0, c->x1 - c->x0, c->y1 - c->y0);
    if (box) pixSetInRect(rest, box);
    boxDestroy(&box);
  }
  TessBaseAPISetImage2(api, rest);
  TessBaseAPISetSourceResolution(api, OCR_DPI);
  TessBaseAPISetPageSegMode(api, PSM_AUTO);
  int rc = TessBaseAPIRecognize(api, NULL) == 0 ? collect(api, page, cap, 0, 0, ds) : 0;
  pixDestroy(&rest);
  return rc;
}

typedef struct column_cell {
  size_t cell;
  int y0;
} column_cell;

static int by_top(const void *a, const void *b) {
  int ya = ((const column_cell *)a)->y0, yb = ((const column_cell *)b)->y0;
  return (ya > yb) - (ya < yb);
}

/* Repairs the first word of each cell of the leftmost column from the cells
 * above and below it (see parx_ocr_repair_code). */
static int repair_codes(const ocr_grid *grid, const size_t *first, parx_ocr_page *page) {
  int left = 1 << 30;
  for (size_t i = 0; i < grid->ncells; i++)
    if (first[i + 1] > first[i] && grid->cells[i].x0 < left) left = grid->cells[i].x0;
  column_cell *col = malloc((grid->ncells ? grid->ncells : 1) * sizeof *col);
  if (!col) return -1;
  size_t n = 0;
  for (size_t i = 0; i < grid->ncells; i++)
    if (first[i + 1] > first[i] && grid->cells[i].x0 <= left + COLUMN_SLACK)
      col[n++] = (column_cell){i, grid->cells[i].y0};
  qsort(col, n, sizeof *col, by_top);
  char fixed[64];
  const char *prev = NULL;
  for (size_t k = 0; k < n; k++) {
    parx_ocr_word *w = &page->words[first[col[k].cell]];
    const char *next = k + 1 < n ? page->words[first[col[k + 1].cell]].text : NULL;
    if (parx_ocr_repair_code(prev, w->text, next, fixed, sizeof fixed)) {
      char *copy = strdup(fixed);
      if (!copy) {
        free(col);
        return -1;
      }
      free(w->text);
      w->text = copy;
    }
    prev = w->text;
  }
  free(col);
  return 0;
}

static void page_free(parx_ocr_page *page) {
  for (size_t i = 0; i < page->nwords; i++)
    free(page->words[i].text);
  free(page->words);
  free(page->hrules);
  free(page->vrules);
  *page = (parx_ocr_page){0};
}

static int recognise(TessBaseAPI *api, PIX *up, parx_ocr_page *page) {
  ocr_grid grid;
  int paper = ocr_paper(up);
  if (ocr_grid_find(up, paper, page, &grid)) {
    ocr_grid_free(&grid);
    return -1;
  }
  if (grid.lines) pixSetMasked(up, grid.lines, 255); /* the rules are not text */
  ocr_whiten(up, paper); /* after the rules were found: they print as light as the grain */
  size_t cap = 0, *first = malloc((grid.ncells + 1) * sizeof *first);
  doubts ds = {0};
  int rc = first ? read_cells(api, up, &grid, page, &cap, first) : -1;
  if (!rc) rc = repair_codes(&grid, first, page);
  if (!rc) rc = read_rest(api, up, &grid, page, &cap, &ds);
  if (!rc) rc = reread(api, up, page, &ds);
  free(ds.v);
  free(first);
  ocr_grid_free(&grid);
  TessBaseAPIClear(api);
  return rc;
}

static int page_read(parx_ocr *o, const unsigned char *grey, int width, int height, size_t stride,
                     int dpi, parx_ocr_page *page, char *why, size_t why_len) {
  *page = (parx_ocr_page){0};
  if (dpi != OCR_DPI || width <= 0 || height <= 0) {
    snprintf(why, why_len, "a page image of %dx%d pixels at %d dpi cannot be recognised", width,
             height, dpi);
    return -1;
  }
  PIX *raw = ocr_pix_of(grey, width, height, stride);
  PIX *up = raw ? ocr_upright(raw, &page->quarter_turns, &page->skew_degrees) : NULL;
  pixDestroy(&raw);
  int rc = up ? recognise(o->api, up, page) : -1;
  if (up) {
    page->width = pixGetWidth(up);
    page->height = pixGetHeight(up);
  }
  pixDestroy(&up);
  if (rc) {
    page_free(page);
    snprintf(why, why_len, "out of memory while recognising the page");
    return -1;
  }
  double sum = 0;
  for (size_t i = 0; i < page->nwords; i++)
    sum += page->words[i].confidence;
  page->confidence = page->nwords ? sum / (double)page->nwords : 0;
  return 0;
}

/* Leptonica reports its errors on stderr: a library prints nothing. Set once,
 * while the module is being loaded (the loader runs this before any caller
 * can use the module). */
__attribute__((constructor)) static void ocr_module_loaded(void) {
  setMsgSeverity(L_SEVERITY_NONE);
}

__attribute__((visibility("default")))
const parx_ocr_api parx_ocr_module = {engine_new, engine_free, page_read, page_free};

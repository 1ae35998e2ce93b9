/*
 * Page geometry: characters to words, words to lines, lines to bands.
 *
 * Everything is sorted once and then swept, so that a page costs about
 * n log n in its characters.
 */
#include <float.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* A word ends where the next glyph starts further than this many glyph
 * heights away: body text spaces stay under 0.25, table gutters over 0.4. */
#define WORD_GAP 0.33
/* Words whose vertical centres differ by less than this many heights share a line. */
#define LINE_TOLERANCE 0.3
/* A normal line gap over this many line heights is line spacing wider than
 * single, or paragraph spacing between one-line paragraphs. */
#define WIDE_SPACING 0.35
/* Width in points of the columns of the skyline that measures gaps above words. */
#define SKY_BIN 2.0

typedef struct keyed {
  double key, key2;
  size_t idx;
} keyed;

static int keyed_cmp(const void *a, const void *b) {
  const keyed *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->key2 != y->key2)
    return x->key2 < y->key2 ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static double height(const pdf_box *b) {
  return b->y1 - b->y0;
}

static void box_union(pdf_box *to, const pdf_box *b) {
  to->x0 = fmin(to->x0, b->x0);
  to->y0 = fmin(to->y0, b->y0);
  to->x1 = fmax(to->x1, b->x1);
  to->y1 = fmax(to->y1, b->y1);
}

/* True when glyph b cannot continue word w: it lies on another line, goes back
 * to the left, or leaves a gap wider than a space. */
static int glyph_breaks(const pdf_box *w, const pdf_box *b) {
  double h = height(w), cy = (b->y0 + b->y1) / 2;
  if (cy < w->y0 || cy > w->y1)
    return 1;
  return b->x1 < w->x0 || b->x0 > w->x1 + WORD_GAP * h;
}

static size_t build_words(pdf_page *pg, const pdf_box *chars, size_t nchars) {
  const char *s = pg->text;
  pdf_word *cur = NULL;
  size_t n = 0;
  for (size_t i = 0; i < nchars && *s; i++) {
    const char *next = g_utf8_next_char(s);
    gunichar c = g_utf8_get_char(s);
    if (g_unichar_isspace(c) || g_unichar_iscntrl(c)) {
      cur = NULL;
    } else {
      if (cur && glyph_breaks(&cur->box, &chars[i]))
        cur = NULL;
      if (!cur) {
        cur = &pg->words[n++];
        cur->box = chars[i];
        cur->off = (size_t)(s - pg->text);
      } else {
        box_union(&cur->box, &chars[i]);
      }
      cur->len = (size_t)(next - pg->text) - cur->off;
    }
    s = next;
  }
  return n;
}

/* Groups words into lines by their vertical centre; returns the line count
 * and leaves in lineof[] each word's line. */
static size_t group_lines(const pdf_word *w, size_t n, keyed *order, size_t *lineof) {
  for (size_t i = 0; i < n; i++)
    order[i] = (keyed){(w[i].box.y0 + w[i].box.y1) / 2, w[i].box.x0, i};
  qsort(order, n, sizeof *order, keyed_cmp);
  size_t nlines = 0;
  double ref = 0, ref_h = 0;
  for (size_t i = 0; i < n; i++) {
    const pdf_box *b = &w[order[i].idx].box;
    if (!nlines || order[i].key - ref > LINE_TOLERANCE * fmin(ref_h, height(b))) {
      nlines++;
      ref = order[i].key;
      ref_h = height(b);
    }
    lineof[order[i].idx] = nlines - 1;
  }
  return nlines;
}

/* Orders lines top to bottom and their words left to right, rewriting the
 * page's words in that order. */
static int order_lines(pdf_page *pg, const size_t *lineof, size_t nlines, keyed *order) {
  pdf_line *lines = calloc(nlines, sizeof *lines); /* indexed by grouping order */
  keyed *lorder = malloc(nlines * sizeof *lorder);
  size_t *rank = malloc(nlines * sizeof *rank);
  pdf_word *words = malloc(pg->nwords * sizeof *words);
  int rc = -1;
  if (lines && lorder && rank && words) {
    for (size_t i = 0; i < pg->nwords; i++) {
      pdf_line *l = &lines[lineof[i]];
      if (!l->count++)
        l->box = pg->words[i].box;
      box_union(&l->box, &pg->words[i].box);
    }
    for (size_t i = 0; i < nlines; i++)
      lorder[i] = (keyed){lines[i].box.y0, lines[i].box.x0, i};
    qsort(lorder, nlines, sizeof *lorder, keyed_cmp);
    for (size_t i = 0; i < nlines; i++)
      rank[lorder[i].idx] = i;
    for (size_t i = 0; i < pg->nwords; i++)
      order[i] = (keyed){(double)rank[lineof[i]], pg->words[i].box.x0, i};
    qsort(order, pg->nwords, sizeof *order, keyed_cmp);
    for (size_t i = 0; i < pg->nwords; i++)
      words[i] = pg->words[order[i].idx];
    size_t first = 0;
    for (size_t i = 0; i < nlines; i++) {
      pg->lines[i] = lines[lorder[i].idx];
      pg->lines[i].first = first;
      first += pg->lines[i].count;
    }
    pg->nlines = nlines;
    free(pg->words);
    pg->words = words;
    words = NULL;
    rc = 0;
  }
  free(lines);
  free(lorder);
  free(rank);
  free(words);
  return rc;
}

/* Measures each word's gap to the text above it in the same column with a
 * skyline of the lowest text bottom seen so far per narrow x-bin. */
static int measure_gaps(pdf_page *pg) {
  size_t nbins = (size_t)(fmax(pg->width, 1.0) / SKY_BIN) + 2;
  double *sky = malloc(nbins * sizeof *sky);
  if (!sky)
    return -1;
  for (size_t i = 0; i < nbins; i++)
    sky[i] = -DBL_MAX;
  for (size_t li = 0; li < pg->nlines; li++) {
    const pdf_line *l = &pg->lines[li];
    for (int pass = 0; pass < 2; pass++) {
      for (size_t k = l->first; k < l->first + l->count; k++) {
        pdf_word *w = &pg->words[k];
        double b0 = fmax(w->box.x0 / SKY_BIN, 0), b1 = fmax(w->box.x1 / SKY_BIN, 0);
        size_t lo = (size_t)fmin(b0, (double)(nbins - 1)), hi = (size_t)fmin(b1, (double)(nbins - 1));
        double top = -DBL_MAX;
        for (size_t b = lo; b <= hi; b++) {
          if (pass == 0)
            top = fmax(top, sky[b]);
          else
            sky[b] = fmax(sky[b], w->box.y1);
        }
        /* the words of one line must not see each other: measure, then raise */
        if (pass == 0)
          w->gap_above = top == -DBL_MAX ? DBL_MAX : w->box.y0 - top;
      }
    }
  }
  free(sky);
  return 0;
}

int pdf_page_build(pdf_page *pg, const pdf_box *chars, size_t nchars) {
  if (!nchars)
    return 0;
  pg->words = malloc(nchars * sizeof *pg->words);
  if (!pg->words)
    return -1;
  pg->nwords = build_words(pg, chars, nchars);
  if (!pg->nwords)
    return 0;
  keyed *order = malloc(pg->nwords * sizeof *order);
  size_t *lineof = malloc(pg->nwords * sizeof *lineof);
  int rc = -1;
  if (order && lineof) {
    size_t nlines = group_lines(pg->words, pg->nwords, order, lineof);
    pg->lines = malloc(nlines * sizeof *pg->lines);
    if (pg->lines && !order_lines(pg, lineof, nlines, order))
      rc = measure_gaps(pg);
  }
  free(order);
  free(lineof);
  return rc;
}

void pdf_page_free(pdf_page *pg) {
  g_free(pg->text);
  free(pg->words);
  free(pg->lines);
}

double pdf_mean_height(const pdf_page *pg, size_t a, size_t b) {
  double sum = 0;
  size_t n = 0;
  for (size_t i = a; i < b; i++) {
    const pdf_line *l = &pg->lines[i];
    for (size_t k = l->first; k < l->first + l->count; k++)
      sum += height(&pg->words[k].box);
    n += l->count;
  }
  return n ? sum / (double)n : 10.0;
}

/*
 * The normal gap between two lines of one paragraph or cell: the smallest gap
 * that is common between a word and the word above it in the same column
 * (line spacing differs between producers, and between body text and tables;
 * wider common gaps are those between paragraphs or rows). A band ends at a
 * gap clearly wider than that. When that gap is wide for the text's size,
 * every line may be a paragraph of its own: *spaced is set so that the
 * caller looks for other signs.
 */
double pdf_band_threshold(const pdf_page *pg, size_t a, size_t b, int *spaced) {
  enum { NBINS = 64 };
  double h = pdf_mean_height(pg, a, b), step = h / NBINS;
  unsigned hist[NBINS] = {0}, near[NBINS] = {0}, top = 0;
  for (size_t i = a; i < b; i++) {
    const pdf_line *l = &pg->lines[i];
    for (size_t k = l->first; k < l->first + l->count; k++) {
      double g = pg->words[k].gap_above + h / 2;
      if (g >= 0 && g < h)
        hist[(size_t)(g / step)]++;
    }
  }
  /* a gap jitters over neighbouring bins */
  for (size_t i = 0; i < NBINS; i++) {
    near[i] = hist[i] + (i ? hist[i - 1] : 0) + (i + 1 < NBINS ? hist[i + 1] : 0);
    top = near[i] > top ? near[i] : top;
  }
  size_t at = 0;
  while (at < NBINS && (near[at] < 3 || 3 * near[at] < top))
    at++;
  while (at + 1 < NBINS && near[at + 1] > near[at])
    at++;
  double normal = at < NBINS ? ((double)at + 0.5) * step - h / 2 : 0;
  *spaced = normal > WIDE_SPACING * h;
  return normal + fmax(1.0, 0.1 * h);
}

static int push_band(pdf_bands *bs, const pdf_band *band) {
  if (bs->n == bs->cap) {
    size_t cap = bs->cap ? bs->cap * 2 : 16;
    pdf_band *v = realloc(bs->v, cap * sizeof *v);
    if (!v)
      return -1;
    bs->v = v;
    bs->cap = cap;
  }
  bs->v[bs->n++] = *band;
  return 0;
}

static int push_cell(pdf_bands *bs, double x0, double x1) {
  if (bs->ncells == bs->cells_cap) {
    size_t cap = bs->cells_cap ? bs->cells_cap * 2 : 32;
    pdf_cell *v = realloc(bs->cells, cap * sizeof *v);
    if (!v)
      return -1;
    bs->cells = v;
    bs->cells_cap = cap;
  }
  bs->cells[bs->ncells++] = (pdf_cell){x0, x1};
  return 0;
}

/* Cells of a band: its words' x-ranges merged unless a gutter wider than a
 * space separates them. */
static int band_cells(pdf_bands *bs, pdf_band *band, const pdf_page *pg, keyed *tmp) {
  size_t n = 0;
  for (size_t i = band->first; i < band->first + band->count; i++) {
    const pdf_line *l = &pg->lines[i];
    for (size_t k = l->first; k < l->first + l->count; k++)
      tmp[n++] = (keyed){pg->words[k].box.x0, pg->words[k].box.x1, k};
  }
  qsort(tmp, n, sizeof *tmp, keyed_cmp);
  double gap = WORD_GAP * pdf_mean_height(pg, band->first, band->first + band->count);
  band->cell0 = bs->ncells;
  double x0 = tmp[0].key, x1 = tmp[0].key2;
  for (size_t i = 1; i < n; i++) {
    if (tmp[i].key > x1 + gap) {
      if (push_cell(bs, x0, x1))
        return -1;
      x0 = tmp[i].key;
    }
    x1 = fmax(x1, tmp[i].key2);
  }
  if (push_cell(bs, x0, x1))
    return -1;
  band->ncells = bs->ncells - band->cell0;
  return 0;
}

int pdf_bands_build(pdf_bands *bs, const pdf_page *pg, size_t a, size_t b, double threshold) {
  bs->n = bs->ncells = 0;
  keyed *tmp = malloc((pg->nwords ? pg->nwords : 1) * sizeof *tmp);
  if (!tmp)
    return -1;
  int rc = 0;
  for (size_t i = a; i < b && !rc; i++) {
    const pdf_line *l = &pg->lines[i];
    pdf_band *last = bs->n ? &bs->v[bs->n - 1] : NULL;
    if (last && l->box.y0 <= last->box.y1 + threshold) {
      box_union(&last->box, &l->box);
      last->count++;
    } else {
      rc = push_band(bs, &(pdf_band){l->box, i, 1, 0, 0});
    }
  }
  for (size_t i = 0; i < bs->n && !rc; i++)
    rc = band_cells(bs, &bs->v[i], pg, tmp);
  free(tmp);
  return rc;
}

void pdf_bands_free(pdf_bands *bs) {
  free(bs->v);
  free(bs->cells);
}

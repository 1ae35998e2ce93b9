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
/* Largest coordinate taken as real: PDF pages are at most 14400 points wide. */
#define MAX_COORD 14400.0
/* Width in points of the columns of the skyline that measures gaps above words. */
#define SKY_BIN 2.0

typedef struct keyed {
  double key, key2;
  size_t idx;
} keyed;

static inline int keyed_cmp(const keyed *x, const keyed *y) {
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  if (x->key2 != y->key2) return x->key2 < y->key2 ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* fmin and fmax handle NaN through a library call, which the hot loops here
 * do not need. */
static inline double min2(double a, double b) {
  return a < b ? a : b;
}

static inline double max2(double a, double b) {
  return a > b ? a : b;
}

static double height(const pdf_box *b) {
  return b->y1 - b->y0;
}

static inline void box_union(pdf_box *to, const pdf_box *b) {
  to->x0 = min2(to->x0, b->x0);
  to->y0 = min2(to->y0, b->y0);
  to->x1 = max2(to->x1, b->x1);
  to->y1 = max2(to->y1, b->y1);
}

/* True when glyph b cannot continue word w: it lies on another line, goes back
 * to the left, or leaves a gap wider than a space. */
static int glyph_breaks(const pdf_box *w, const pdf_box *b) {
  double h = height(w), cy = (b->y0 + b->y1) / 2;
  if (cy < w->y0 || cy > w->y1) return 1;
  return b->x1 < w->x0 || b->x0 > w->x1 + WORD_GAP * h;
}

/* A glyph box poppler could not place (a degenerate font matrix) is skipped. */
static int box_usable(const pdf_box *b) {
  return fabs(b->x0) < MAX_COORD && fabs(b->y0) < MAX_COORD && fabs(b->x1) < MAX_COORD &&
         fabs(b->y1) < MAX_COORD && b->x0 <= b->x1 && b->y0 <= b->y1;
}

/* True for white space and control characters (ASCII tested inline: most
 * characters are). */
static int is_blank(const char *s) {
  unsigned char c = (unsigned char)*s;
  if (c < 0x80) return c <= ' ' || c == 0x7F;
  gunichar u = g_utf8_get_char(s);
  return g_unichar_isspace(u) || g_unichar_iscntrl(u);
}

static size_t build_words(pdf_page *pg, const pdf_box *chars, size_t nchars) {
  const char *s = pg->text;
  pdf_word *cur = NULL;
  size_t n = 0;
  for (size_t i = 0; i < nchars && *s; i++) {
    const char *next = g_utf8_next_char(s);
    if (is_blank(s) || !box_usable(&chars[i])) {
      cur = NULL;
    } else {
      if (cur && glyph_breaks(&cur->box, &chars[i])) cur = NULL;
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

/* Sorts a few items (the words of one line) by key, then key2. */
static void insertion_sort(keyed *v, size_t n) {
  for (size_t i = 1; i < n; i++) {
    keyed k = v[i];
    size_t j = i;
    while (j > 0 && keyed_cmp(&k, &v[j - 1]) < 0) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = k;
  }
}

/* Sorts by key, then key2 (stable merge sort over runs sorted by insertion;
 * qsort's calls through a pointer cost more than the rest of the layout).
 * tmp has room for n items. */
static void keyed_sort(keyed *v, size_t n, keyed *tmp) {
  enum { RUN = 16 };
  for (size_t i = 0; i < n; i += RUN)
    insertion_sort(v + i, n - i < RUN ? n - i : RUN);
  keyed *from = v, *to = tmp;
  for (size_t w = RUN; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        to[k++] = keyed_cmp(&from[j], &from[i]) < 0 ? from[j++] : from[i++];
      while (i < mid)
        to[k++] = from[i++];
      while (j < hi)
        to[k++] = from[j++];
    }
    keyed *t = from;
    from = to;
    to = t;
  }
  if (from != v) memcpy(v, from, n * sizeof *v);
}

/* Groups the words of order[] (sorted by vertical centre) into lines: each
 * line's words become order[line.first .. line.first + line.count), left to
 * right. Returns the line count. */
static size_t group_lines(pdf_page *pg, keyed *order, pdf_line *lines) {
  size_t nlines = 0;
  double ref = 0, ref_h = 0;
  for (size_t i = 0; i < pg->nwords; i++) {
    const pdf_box *b = &pg->words[order[i].idx].box;
    if (!nlines || order[i].key - ref > LINE_TOLERANCE * min2(ref_h, height(b))) {
      lines[nlines++] = (pdf_line){*b, i, 0, 0};
      ref = order[i].key;
      ref_h = height(b);
    }
    pdf_line *l = &lines[nlines - 1];
    box_union(&l->box, b);
    l->count++;
  }
  for (size_t i = 0; i < nlines; i++) {
    keyed *run = &order[lines[i].first];
    for (size_t k = 0; k < lines[i].count; k++)
      run[k].key = pg->words[run[k].idx].box.x0;
    insertion_sort(run, lines[i].count);
  }
  return nlines;
}

/* Builds the page's lines, top to bottom with their words left to right, and
 * rewrites the page's words in that order. */
static int build_lines(pdf_page *pg, keyed *order) {
  size_t n = pg->nwords;
  pdf_line *lines = malloc(n * sizeof *lines);
  pdf_word *words = malloc(n * sizeof *words);
  keyed *lorder = malloc(n * sizeof *lorder);
  int rc = -1;
  if (lines && words && lorder) {
    for (size_t i = 0; i < n; i++)
      order[i] = (keyed){(pg->words[i].box.y0 + pg->words[i].box.y1) / 2, pg->words[i].box.x0, i};
    keyed_sort(order, n, lorder);
    size_t nlines = group_lines(pg, order, lines);
    for (size_t i = 0; i < nlines; i++)
      lorder[i] = (keyed){lines[i].box.y0, lines[i].box.x0, i};
    keyed_sort(lorder, nlines, order + n);
    size_t first = 0;
    for (size_t i = 0; i < nlines; i++) {
      pdf_line l = lines[lorder[i].idx];
      for (size_t k = 0; k < l.count; k++)
        words[first + k] = pg->words[order[l.first + k].idx];
      l.first = first;
      first += l.count;
      pg->lines[i] = l;
    }
    pg->nlines = nlines;
    free(pg->words);
    pg->words = words;
    words = NULL;
    rc = 0;
  }
  free(lines);
  free(words);
  free(lorder);
  return rc;
}

static size_t sky_bin(double x, size_t nbins) {
  double b = x / SKY_BIN;
  return b <= 0 ? 0 : b >= (double)(nbins - 1) ? nbins - 1 : (size_t)b;
}

/* Measures each word's gap to the text above it in the same column with a
 * skyline of the lowest text bottom seen so far per narrow x-bin. */
static int measure_gaps(pdf_page *pg) {
  size_t nbins = (size_t)(min2(max2(pg->width, 1.0), MAX_COORD) / SKY_BIN) + 2;
  double *sky = malloc(nbins * sizeof *sky);
  if (!sky) return -1;
  for (size_t i = 0; i < nbins; i++)
    sky[i] = -DBL_MAX;
  for (size_t li = 0; li < pg->nlines; li++) {
    const pdf_line *l = &pg->lines[li];
    pdf_word *w = &pg->words[l->first], *end = w + l->count;
    /* the words of one line must not see each other: measure, then raise */
    for (pdf_word *v = w; v < end; v++) {
      double top = -DBL_MAX;
      for (size_t b = sky_bin(v->box.x0, nbins); b <= sky_bin(v->box.x1, nbins); b++)
        top = max2(top, sky[b]);
      v->gap_above = top == -DBL_MAX ? DBL_MAX : v->box.y0 - top;
    }
    for (pdf_word *v = w; v < end; v++)
      for (size_t b = sky_bin(v->box.x0, nbins); b <= sky_bin(v->box.x1, nbins); b++)
        sky[b] = max2(sky[b], v->box.y1);
  }
  free(sky);
  return 0;
}

/* Gives back the unused end of an array (keeping it when realloc fails). */
static void shrink(void **v, size_t size) {
  void *p = size ? realloc(*v, size) : NULL;
  if (p) *v = p;
}

int pdf_page_build(pdf_page *pg, const pdf_box *chars, size_t nchars) {
  if (!nchars) return 0;
  pg->words = malloc(nchars * sizeof *pg->words);
  if (!pg->words) return -1;
  pg->nwords = build_words(pg, chars, nchars);
  if (!pg->nwords) return 0;
  /* room for a word per character is five times what the words take */
  shrink((void **)&pg->words, pg->nwords * sizeof *pg->words);
  keyed *order = malloc(2 * pg->nwords * sizeof *order); /* the second half is sort space */
  pg->lines = malloc(pg->nwords * sizeof *pg->lines);
  int rc = order && pg->lines ? build_lines(pg, order) : -1;
  free(order);
  /* every page is kept until the document is read: hold its lines, not room
   * for a line per word (build_lines gives the words their exact size) */
  if (!rc) shrink((void **)&pg->lines, pg->nlines * sizeof *pg->lines);
  return rc ? rc : measure_gaps(pg);
}

void pdf_page_free(pdf_page *pg) {
  g_free(pg->text);
  free(pg->words);
  free(pg->lines);
  pdf_rules_free(&pg->hrules);
  pdf_rules_free(&pg->vrules);
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
  if (!n) return 10.0;
  /* a floor keeps the thresholds and bins derived from it positive */
  return max2(sum / (double)n, 1.0);
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
      if (g >= 0 && g < h) hist[(size_t)(g / step)]++;
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
  return normal + pdf_band_slack(pg, a, b);
}

double pdf_band_slack(const pdf_page *pg, size_t a, size_t b) {
  return max2(1.0, 0.1 * pdf_mean_height(pg, a, b));
}

static int push_band(pdf_bands *bs, const pdf_band *band) {
  if (bs->n == bs->cap) {
    size_t cap = bs->cap ? bs->cap * 2 : 16;
    pdf_band *v = realloc(bs->v, cap * sizeof *v);
    if (!v) return -1;
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
    if (!v) return -1;
    bs->cells = v;
    bs->cells_cap = cap;
  }
  bs->cells[bs->ncells++] = (pdf_cell){x0, x1};
  return 0;
}

/* Left edges of the cells of a band that a table rules: the vertical rules
 * crossing the whole band (none unless three cross it: two columns). */
static size_t ruled_edges(const pdf_page *pg, const pdf_band *band, double *xs) {
  if (!pg->vrules.n) return 0;
  size_t n = pdf_rules_columns(pg, band->box.y0, band->box.y1, xs, PDF_MAX_COLS);
  return n >= 3 ? n : 0;
}

/* Cells of a band: its words' x-ranges merged unless a gutter wider than a
 * space separates them, or, in a ruled table, unless a rule does (a cell's
 * words may leave wide gaps, as a centred header spanning two columns does). */
static int band_cells(pdf_bands *bs, pdf_band *band, const pdf_page *pg, keyed *tmp) {
  size_t n = 0;
  for (size_t i = band->first; i < band->first + band->count; i++) {
    const pdf_line *l = &pg->lines[i];
    for (size_t k = l->first; k < l->first + l->count; k++)
      tmp[n++] = (keyed){pg->words[k].box.x0, pg->words[k].box.x1, k};
  }
  keyed_sort(tmp, n, tmp + n);
  double gap = WORD_GAP * pdf_mean_height(pg, band->first, band->first + band->count);
  double edges[PDF_MAX_COLS];
  size_t nedges = ruled_edges(pg, band, edges), e = 0;
  band->ruled = nedges > 0;
  band->cell0 = bs->ncells;
  double x0 = tmp[0].key, x1 = tmp[0].key2;
  while (e < nedges && edges[e] < (x0 + x1) / 2)
    e++;
  for (size_t i = 1; i < n; i++) {
    /* a rule left of this word's centre and not of the last one's parts them */
    size_t passed = e;
    while (e < nedges && edges[e] < (tmp[i].key + tmp[i].key2) / 2)
      e++;
    if (nedges ? e > passed : tmp[i].key > x1 + gap) {
      if (push_cell(bs, x0, x1)) return -1;
      x0 = tmp[i].key;
    }
    x1 = max2(x1, tmp[i].key2);
  }
  if (push_cell(bs, x0, x1)) return -1;
  band->ncells = bs->ncells - band->cell0;
  return 0;
}

/* True when vertical rules cross the line: it lies in a table's frame, so
 * that a rule above or below it is the table's, not a heading's underline. */
static int framed(const pdf_page *pg, const pdf_line *l) {
  double xs[PDF_MAX_COLS];
  return pdf_rules_columns(pg, l->box.y0, l->box.y1, xs, PDF_MAX_COLS) >= 2;
}

/* True when line l continues the band: no rule parts them, and their gap is
 * a line gap or they share a row of a ruled table; and, with a number column
 * at numbered_left (-DBL_MAX for none), l does not start a row. */
static int joins_band(const pdf_page *pg, const pdf_band *band, const pdf_line *l, double threshold,
                      double numbered_left, int aligned) {
  const pdf_line *prev = &pg->lines[band->first + band->count - 1];
  double top = (prev->box.y0 + prev->box.y1) / 2, bottom = (l->box.y0 + l->box.y1) / 2;
  if (pg->hrules.n && pdf_rules_between(pg, top, bottom, l->box.x0, l->box.x1) &&
      (framed(pg, prev) || framed(pg, l)))
    return 0;
  if (numbered_left > -DBL_MAX && pdf_row_starts(pg, band, l, numbered_left, aligned)) return 0;
  if (l->box.y0 <= band->box.y1 + threshold) return 1;
  return pg->vrules.n && pdf_rules_row_ruled(pg, band->box.y0, l->box.y1);
}

int pdf_bands_build(pdf_bands *bs, const pdf_page *pg, size_t a, size_t b, double threshold,
                    int numbered) {
  bs->n = bs->ncells = 0;
  keyed *tmp = malloc((2 * pg->nwords + 1) * sizeof *tmp); /* words, and sort space */
  if (!tmp) return -1;
  int rc = 0;
  /* the page's edge: the lines given may be the rest of one column's cell */
  double left = numbered ? pdf_left_edge(pg) : -DBL_MAX;
  /* rows are cut by the tops of their cells only where no number column
   * cuts them (cells centred in their rows would start mid-row) */
  int aligned = numbered && pdf_number_cells(pg) < 2;
  for (size_t i = a; i < b && !rc; i++) {
    const pdf_line *l = &pg->lines[i];
    pdf_band *last = bs->n ? &bs->v[bs->n - 1] : NULL;
    if (last && joins_band(pg, last, l, threshold, left, aligned)) {
      box_union(&last->box, &l->box);
      last->count++;
    } else {
      rc = push_band(bs, &(pdf_band){l->box, i, 1, 0, 0, 0});
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

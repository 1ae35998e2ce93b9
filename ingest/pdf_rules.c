/*
 * Ruling lines: the strokes and thin filled rectangles a page draws as the
 * row and column boundaries of its tables.
 *
 * Poppler's glib API gives no paths, so the page is rendered with cairo at a
 * low resolution and long thin runs of ink are read off the raster. A vector
 * route (a recording or script surface) costs the same: nearly all of a
 * render's time is Poppler interpreting the page, not cairo drawing it.
 */
#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* Pixels per point: 3 pt between table rows must still leave white pixels
 * between the text and a rule. */
#define SCALE 1.5
/* A pixel is ink when its darkest channel is below this: hairlines are drawn
 * light grey after antialiasing. */
#define INK 235
/* A rule's side is clear when under this share of the pixels beside it are
 * ink; glyphs touching a rule make a few. */
#define SIDE_INK 0.3
/* Pixels from a run to the pixels beside it: rules up to 2 pt thick. */
#define SIDE 4
/* Shortest horizontal rule, in points: a narrow number column's width, longer
 * than a dash or an underlined short word. */
#define MIN_HRULE 20.0
/* Shortest vertical rule, in mean word heights: longer than any glyph stem. */
#define MIN_VRULE 1.3
/* Cells of a band that make it a table row. */
#define ROW_CELLS 3

/* A render costs about as much again as reading the page's text, so it is
 * spent only where the word gaps fail: a band of table cells holding two row
 * numbers of its first column (rows spaced as tightly as the lines of a
 * cell). Tables whose gaps part their rows are read from the gaps alone,
 * their spanning header cells and neighbouring tables included. */
int pdf_rules_wanted(const pdf_page *pg) {
  pdf_bands bs = {0};
  int spaced, yes = 0;
  if (pdf_number_cells(pg) < 2) return 0; /* no number column: spare the bands */
  if (pdf_bands_build(&bs, pg, 0, pg->nlines, pdf_band_threshold(pg, 0, pg->nlines, &spaced), 0))
    yes = -1;
  double left = pdf_left_edge(pg);
  for (size_t i = 0; i < bs.n && !yes; i++)
    yes = bs.v[i].ncells >= ROW_CELLS && pdf_band_numbers(pg, &bs.v[i], left) >= 2;
  pdf_bands_free(&bs);
  return yes;
}

/* The page's ink, one byte a pixel (1 for ink), row by row. */
typedef struct raster {
  unsigned char *ink;
  int w, h;
} raster;

/* Ink at a point of a run: `along` runs with it, `across` crosses it. */
static inline int ink_at(const raster *r, int along, int across, int horizontal) {
  int x = horizontal ? along : across, y = horizontal ? across : along;
  if (x < 0 || y < 0 || x >= r->w || y >= r->h) return 0;
  return r->ink[(size_t)y * (size_t)r->w + (size_t)x];
}

/* Marks the ink of an RGB24 image: dark in any channel. */
static int raster_of(raster *r, cairo_surface_t *s) {
  const unsigned char *px = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  r->w = cairo_image_surface_get_width(s);
  r->h = cairo_image_surface_get_height(s);
  r->ink = malloc((size_t)r->w * (size_t)r->h);
  if (!r->ink) return -1;
  for (int y = 0; y < r->h; y++) {
    const uint32_t *p = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
    unsigned char *o = r->ink + (size_t)y * (size_t)r->w;
    for (int x = 0; x < r->w; x++) /* branch-free, so that it vectorises */
      o[x] = (unsigned char)(((p[x] & 0xFF) < INK) | (((p[x] >> 8) & 0xFF) < INK) |
                             (((p[x] >> 16) & 0xFF) < INK));
  }
  return 0;
}

static int push_rule(pdf_rules *rs, double at, double a0, double a1) {
  if (rs->n == rs->cap) {
    size_t cap = rs->cap ? 2 * rs->cap : 32;
    pdf_rule *v = realloc(rs->v, cap * sizeof *v);
    if (!v) return -1;
    rs->v = v;
    rs->cap = cap;
  }
  rs->v[rs->n++] = (pdf_rule){at, a0, a1};
  return 0;
}

/* True when the run [a, b) at `at` is thin: the pixels SIDE away on both
 * sides are mostly white. */
static int thin(const raster *r, int at, int a, int b, int horizontal) {
  int before = 0, after = 0;
  for (int i = a; i < b; i++) {
    before += ink_at(r, i, at - SIDE, horizontal);
    after += ink_at(r, i, at + SIDE, horizontal);
  }
  double limit = SIDE_INK * (b - a);
  return before < limit && after < limit;
}

/* Adds the run as a rule, or widens the rule of the next pixel line that
 * it touches (a rule is a few pixels thick). */
static int add_run(pdf_rules *rs, int at, int a, int b) {
  double pos = (at + 0.5) / SCALE, a0 = a / SCALE, a1 = b / SCALE;
  for (size_t i = rs->n; i-- > 0;) {
    pdf_rule *q = &rs->v[i];
    if (fabs(pos - q->at) <= 2.0 / SCALE && a0 < q->a1 && q->a0 < a1) {
      q->at = (q->at + pos) / 2;
      q->a0 = fmin(q->a0, a0);
      q->a1 = fmax(q->a1, a1);
      return 0;
    }
  }
  return push_rule(rs, pos, a0, a1);
}

/* A vertical run of ink that ended: column x, rows [start, end). */
typedef struct ended_run {
  int x, start, end;
} ended_run;

static int ended_cmp(const void *a, const void *b) {
  const ended_run *p = a, *q = b;
  if (p->start != q->start) return p->start < q->start ? -1 : 1;
  return (p->x > q->x) - (p->x < q->x);
}

/* Adds the runs that end at one row, in the order in which they grew long
 * (add_run merges neighbours in the order it meets them). */
static int vertical_ends(const raster *r, pdf_rules *v, ended_run *ends, size_t n) {
  qsort(ends, n, sizeof *ends, ended_cmp);
  for (size_t i = 0; i < n; i++)
    if (thin(r, ends[i].x, ends[i].start, ends[i].end, 0) &&
        add_run(v, ends[i].x, ends[i].start, ends[i].end))
      return -1;
  return 0;
}

/* Updates the vertical runs with row y: a column whose ink starts there
 * starts a run, one whose ink stops ends it, and a run at least min long is
 * checked as a rule. Only the columns where the row differs from the one
 * above are visited, eight at a time past the others: a page is mostly
 * white, and its ink mostly short strokes. */
static int vertical_row(const raster *r, pdf_rules *v, int *start, ended_run *ends, int y,
                        int min) {
  const unsigned char *row = r->ink + (size_t)y * (size_t)r->w;
  const unsigned char *above = y ? row - r->w : NULL;
  size_t n = 0;
  for (int x = 0; x < r->w;) {
    if (x + 8 <= r->w) {
      uint64_t a = 0, b;
      memcpy(&b, row + x, 8);
      if (above) memcpy(&a, above + x, 8);
      if (a == b) {
        x += 8;
        continue;
      }
    }
    for (int end = x + 8 < r->w ? x + 8 : r->w; x < end; x++) {
      int was = above ? above[x] : 0;
      if (row[x] && !was)
        start[x] = y;
      else if (!row[x] && was && y - start[x] >= min)
        ends[n++] = (ended_run){x, start[x], y};
    }
  }
  if (y + 1 == r->h) /* the page's edge ends the runs still going */
    for (int x = 0; x < r->w; x++)
      if (row[x] && y + 1 - start[x] >= min) ends[n++] = (ended_run){x, start[x], y + 1};
  return n ? vertical_ends(r, v, ends, n) : 0;
}

/* Adds the long thin horizontal runs of row y. */
static int horizontal_row(const raster *r, pdf_rules *h, int y, int min) {
  const unsigned char *row = r->ink + (size_t)y * (size_t)r->w, *end = row + r->w;
  for (const unsigned char *p = row; (p = memchr(p, 1, (size_t)(end - p)));) {
    const unsigned char *q = memchr(p, 0, (size_t)(end - p));
    if (!q) q = end;
    int x0 = (int)(p - row), x1 = (int)(q - row);
    if (x1 - x0 >= min && thin(r, y, x0, x1, 1) && add_run(h, y, x0, x1)) return -1;
    p = q;
  }
  return 0;
}

/* Finds the thin runs of ink, horizontal ones of at least hmin points and
 * vertical ones of at least vmin, in one pass over the rows (a pass down
 * each column would read the raster against the cache). */
static int scan(const raster *r, pdf_rules *h, pdf_rules *v, double hmin, double vmin) {
  int hpx = (int)(hmin * SCALE), vpx = (int)fmin(vmin * SCALE, 60000);
  int *start = malloc((size_t)r->w * sizeof *start); /* first row of each column's run */
  ended_run *ends = malloc((size_t)r->w * sizeof *ends);
  int rc = start && ends ? 0 : -1;
  for (int y = 0; y < r->h && !rc; y++) {
    rc = vertical_row(r, v, start, ends, y, vpx < 1 ? 1 : vpx);
    if (!rc) rc = horizontal_row(r, h, y, hpx);
  }
  free(start);
  free(ends);
  return rc;
}

/* Moves rules found on the page as drawn into the upright page's coordinates
 * (see make_upright in pdf.c): the page as drawn is w wide; turned a quarter
 * its horizontal rules become vertical ones, and the other way round. */
static void turn_rules(pdf_page *pg, int turn, double w, double h) {
  pdf_rules drawn_h = pg->hrules, drawn_v = pg->vrules;
  for (size_t i = 0; i < drawn_h.n; i++) {
    pdf_rule q = drawn_h.v[i];
    drawn_h.v[i] =
        turn > 0 ? (pdf_rule){q.at, w - q.a1, w - q.a0} : (pdf_rule){h - q.at, q.a0, q.a1};
  }
  for (size_t i = 0; i < drawn_v.n; i++) {
    pdf_rule q = drawn_v.v[i];
    drawn_v.v[i] =
        turn > 0 ? (pdf_rule){w - q.at, q.a0, q.a1} : (pdf_rule){q.at, h - q.a1, h - q.a0};
  }
  pg->hrules = drawn_v;
  pg->vrules = drawn_h;
}

cairo_surface_t *pdf_render(PopplerPage *page, int width, int height, double scale) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status(s)) {
    cairo_surface_destroy(s);
    return NULL;
  }
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  poppler_page_render(page, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  return s;
}

int pdf_rules_read(PopplerPage *page, pdf_page *pg, int turn) {
  /* a turned page is drawn with its sides swapped */
  double pw = turn ? pg->height : pg->width, ph = turn ? pg->width : pg->height;
  int w = (int)ceil(pw * SCALE), h = (int)ceil(ph * SCALE);
  if (w <= 0 || h <= 0 || w > 20000 || h > 20000) return 0;
  cairo_surface_t *s = pdf_render(page, w, h, SCALE);
  if (!s) return -1;
  raster r;
  int rc = raster_of(&r, s);
  cairo_surface_destroy(s);
  /* the shortest rules as the upright page reads them */
  double across = MIN_HRULE, down = MIN_VRULE * pdf_mean_height(pg, 0, pg->nlines);
  if (!rc)
    rc = turn ? scan(&r, &pg->hrules, &pg->vrules, down, across)
              : scan(&r, &pg->hrules, &pg->vrules, across, down);
  free(r.ink);
  if (!rc && turn) turn_rules(pg, turn, pw, ph);
  return rc;
}

void pdf_rules_free(pdf_rules *rs) {
  free(rs->v);
}

/* Tolerance in points for a rule to reach a box's edge. */
#define REACH 2.0

int pdf_rules_between(const pdf_page *pg, double y0, double y1, double x0, double x1) {
  const pdf_rules *rs = &pg->hrules;
  double overlap = 0.5 * (x1 - x0);
  for (size_t i = 0; i < rs->n; i++) {
    const pdf_rule *q = &rs->v[i];
    if (q->at > y0 - 0.5 && q->at < y1 + 0.5 && fmin(q->a1, x1) - fmax(q->a0, x0) > overlap)
      return 1;
  }
  return 0;
}

size_t pdf_rules_columns(const pdf_page *pg, double y0, double y1, double *xs, size_t max) {
  const pdf_rules *rs = &pg->vrules;
  size_t n = 0;
  for (size_t i = 0; i < rs->n && n < max; i++) {
    const pdf_rule *q = &rs->v[i];
    if (q->a0 <= y0 + REACH && q->a1 >= y1 - REACH) xs[n++] = q->at;
  }
  /* few, so insertion sort */
  for (size_t i = 1; i < n; i++) {
    double x = xs[i];
    size_t j = i;
    while (j && xs[j - 1] > x) {
      xs[j] = xs[j - 1];
      j--;
    }
    xs[j] = x;
  }
  /* a thick rule may be found twice, a pixel apart */
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (!m || xs[i] - xs[m - 1] > REACH) xs[m++] = xs[i];
  return m;
}

/* Horizontal rules inside the vertical rules' extent that make a table ruled
 * row by row: its top, the header's bottom, one between rows, its bottom. A
 * table with fewer draws its columns only, and its rows come from gaps. */
#define RULED_ROWS 4

int pdf_rules_row_ruled(const pdf_page *pg, double y0, double y1) {
  double xs[PDF_MAX_COLS];
  size_t n = pdf_rules_columns(pg, y0, y1, xs, PDF_MAX_COLS);
  if (n < 3) return 0;
  double top = y0, bottom = y1;
  for (size_t i = 0; i < pg->vrules.n; i++) {
    const pdf_rule *q = &pg->vrules.v[i];
    if (q->at >= xs[0] - REACH && q->at <= xs[n - 1] + REACH && q->a0 <= y0 + REACH &&
        q->a1 >= y1 - REACH) {
      top = fmin(top, q->a0);
      bottom = fmax(bottom, q->a1);
    }
  }
  size_t rows = 0;
  for (size_t i = 0; i < pg->hrules.n; i++) {
    const pdf_rule *q = &pg->hrules.v[i];
    rows += q->at >= top - REACH && q->at <= bottom + REACH &&
            fmin(q->a1, xs[n - 1]) - fmax(q->a0, xs[0]) > 0.5 * (xs[n - 1] - xs[0]);
  }
  return rows >= RULED_ROWS;
}

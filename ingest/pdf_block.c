/*
 * Blocks of a page: table regions and paragraphs, in reading order.
 *
 * A band (lines without a wide vertical gap) with several cells side by side
 * is a table row candidate; runs of such bands form a table region, which also
 * takes in the narrow one-cell bands around it (a row whose other cells are
 * empty, a row's remainder at the top of a page). Everything else is body
 * text, cut into paragraphs at wide gaps and at bullet or outline-number lines.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* A gap between rows wider than the table's usual one by this many line
 * heights ends the table; a one-cell band joins it within a quarter of that. */
#define ROW_BREAK 0.5
#define ROW_JOIN 0.25
/* Cells of a lone row ending a page that make it a table's header. */
#define LONE_HEADER 4
/* A one-cell band narrower than this share of the table may be one of its rows. */
#define NARROW 0.5
/* A line ending short of the right edge by this share of the width ends its
 * paragraph (ragged lines stop within about a long word of the edge). */
#define SHORT_LINE 0.2
/* A column wider than this share of the page holds body text (not a
 * signature or a cell set beside others). */
#define WIDE_COLUMN 0.5
/* Widest gap, in line heights, between a list label and its text; a wider
 * one parts two cells set side by side. */
#define LABEL_GAP 2.0

typedef struct region {
  size_t a, b; /* bands */
  double rowgap, x0, x1;
} region;

typedef struct emitter {
  parx_doc *doc;
  pdf_buf buf;
  pdf_table_state table;
  int item;     /* the paragraph in buf opens with a list mark or an indented line */
  int full;     /* the last line added to buf reaches the right edge of a wide column */
  int open_end; /* so did the last line of the last paragraph added to doc */
} emitter;

static int buf_append(pdf_buf *b, const char *s, size_t n, int space) {
  if (b->len + n + 2 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 2)
      cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) return -1;
    b->s = p;
    b->cap = cap;
  }
  if (b->len && space) b->s[b->len++] = ' ';
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
  return 0;
}

int pdf_buf_add(pdf_buf *b, const char *s, size_t n) {
  return buf_append(b, s, n, 1);
}

/* Length of a run of 1 to max digits at s. */
static size_t digits(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n] >= '0' && s[n] <= '9')
    n++;
  return n;
}

/* True for "d/m/yyyy", punctuation after it aside. */
static int is_date(const char *s) {
  size_t d = digits(s, 2), m = d && s[d] == '/' ? digits(s + d + 1, 2) : 0;
  if (!m || s[d + 1 + m] != '/' || digits(s + d + m + 2, 4) != 4) return 0;
  return strspn(s + d + m + 6, ".,;:)") == strlen(s + d + m + 6);
}

/* True when the word completes a date that a narrow column broke over two
 * lines ("15/11/20" then "22"): it is glued to the text before it. */
static int completes_date(const pdf_buf *b, const char *s, size_t n) {
  char date[32];
  size_t start = b->len;
  while (start && b->s[start - 1] != ' ')
    start--;
  size_t la = b->len - start;
  if (!la || la + n >= sizeof date) return 0;
  memcpy(date, b->s + start, la);
  date[la] = '\0';
  if (is_date(date)) return 0;
  memcpy(date + la, s, n);
  date[la + n] = '\0';
  return is_date(date);
}

int pdf_text_of(pdf_buf *buf, const pdf_page *pg, size_t a, size_t b, double x0, double x1) {
  for (size_t i = a; i < b; i++) {
    const pdf_line *l = &pg->lines[i];
    int line_start = 1;
    for (size_t k = l->first; k < l->first + l->count; k++) {
      const pdf_word *w = &pg->words[k];
      double cx = (w->box.x0 + w->box.x1) / 2;
      if (cx < x0 || cx > x1) continue;
      const char *s = pg->text + w->off;
      int glue = line_start && completes_date(buf, s, w->len);
      if (buf_append(buf, s, w->len, !glue)) return -1;
      line_start = 0;
    }
  }
  return 0;
}

/* --- paragraphs ----------------------------------------------------------- */

/* True when the line's first word in [x0, x1] opens a list item or a section. */
static int starts_item(const pdf_page *pg, const pdf_line *l, double x0, double x1) {
  for (size_t k = l->first; k < l->first + l->count; k++) {
    const pdf_word *w = &pg->words[k];
    double cx = (w->box.x0 + w->box.x1) / 2;
    if (cx < x0 || cx > x1) continue;
    const char *s = pg->text + w->off;
    if (w->len == 5 && !memcmp(s, "\xC4\x90i\xE1\xBB\x81u", 5) && k + 1 < l->first + l->count)
      return g_ascii_isdigit(pg->text[pg->words[k + 1].off]); /* "Điều 3." */
    return parx_is_list_marker(s, w->len);
  }
  return 0;
}

/* A paragraph cut by the page break continues the last block, which ends
 * mid-sentence on the page before: it starts in lower case, or it starts with
 * a capital (a name: "Sở Nội vụ") at the column's edge without a list mark,
 * and the block's last line ran to the right edge of the body text, as a line
 * the break cut does. */
static int continues_previous(const emitter *em, int page, const char *clean) {
  const parx_doc *doc = em->doc;
  if (!doc->nblocks) return 0;
  const parx_block *last = &doc->blocks[doc->nblocks - 1];
  if (last->kind != PARX_BLOCK_PARAGRAPH || last->page != page - 1 ||
      parx_ends_sentence(last->text, strlen(last->text)))
    return 0;
  gunichar c = g_utf8_get_char(clean);
  return g_unichar_islower(c) || (g_unichar_isupper(c) && em->open_end && !em->item);
}

static int flush_paragraph(emitter *em, int page, int first_on_page) {
  parx_doc *doc = em->doc;
  if (!em->buf.len) return 0;
  char *clean = parx_collapse_space(em->buf.s, em->buf.len);
  em->buf.len = 0;
  if (!clean) return -1;
  int rc = 0;
  if (*clean && first_on_page && continues_previous(em, page, clean)) {
    parx_block *last = &doc->blocks[doc->nblocks - 1];
    size_t la = strlen(last->text), lb = strlen(clean);
    char *joined = realloc(last->text, la + lb + 2);
    if (joined) {
      joined[la] = ' ';
      memcpy(joined + la + 1, clean, lb + 1);
      last->text = joined;
    }
    rc = joined ? 0 : -1;
  } else if (*clean) {
    rc = parx_doc_add_paragraph(doc, clean, strlen(clean), doc->next_line, page);
    doc->next_line += !rc;
  }
  em->open_end = em->full;
  free(clean);
  return rc;
}

/* Right end of the line's words in [x0, x1]. */
static double line_right(const pdf_page *pg, const pdf_line *l, double x0, double x1) {
  double right = x0;
  for (size_t k = l->first; k < l->first + l->count; k++) {
    const pdf_box *b = &pg->words[k].box;
    double cx = (b->x0 + b->x1) / 2;
    if (cx >= x0 && cx <= x1) right = fmax(right, b->x1);
  }
  return right;
}

/* True when the text ends a sentence or a heading ("1. Mục tiêu:"), emphasis
 * markers aside. */
static int ends_clause(const pdf_buf *b) {
  size_t n = b->len;
  while (n && b->s[n - 1] == '*')
    n--;
  return n && strchr(".:;!?", b->s[n - 1]);
}

/* Paragraphs of lines [a, b) from their words in [x0, x1]. A paragraph ends
 * before a bullet or outline number, and after a line stopping short of the
 * right edge (only the last line of a paragraph does) when the line ends a
 * clause or the line gaps cannot tell (split_short). */
static int emit_paragraphs(emitter *em, const pdf_page *pg, size_t a, size_t b, double x0,
                           double x1, int split_short, int first_on_page) {
  int after_short = 0;
  for (size_t i = a; i < b; i++) {
    const pdf_line *l = &pg->lines[i];
    if (em->buf.len && (after_short || starts_item(pg, l, x0, x1))) {
      if (flush_paragraph(em, pg->number, first_on_page)) return -1;
      first_on_page = 0;
    }
    double h = l->box.y1 - l->box.y0;
    if (!em->buf.len) em->item = starts_item(pg, l, x0, x1) || l->box.x0 > x0 + h;
    if (pdf_text_of(&em->buf, pg, i, i + 1, x0, x1)) return -1;
    int reaches = line_right(pg, l, x0, x1) >= x1 - SHORT_LINE * (x1 - x0);
    em->full = reaches && x1 - x0 > WIDE_COLUMN * pg->width;
    after_short = !reaches && (split_short || ends_clause(&em->buf));
  }
  return flush_paragraph(em, pg->number, first_on_page);
}

/* True when a band of body text is one list label and its text, which a tab
 * set apart ("I.      KẾT QUẢ …"): two cells, the first holding a single
 * marker on the band's first line, near the second. */
static int labelled(const pdf_page *pg, const pdf_band *band, const pdf_cell *cells) {
  const pdf_line *first = &pg->lines[band->first];
  if (band->ncells != 2 || cells[1].x0 - cells[0].x1 > LABEL_GAP * (first->box.y1 - first->box.y0))
    return 0;
  size_t in_label = 0;
  const pdf_word *label = NULL;
  for (size_t i = band->first; i < band->first + band->count; i++)
    for (size_t k = pg->lines[i].first; k < pg->lines[i].first + pg->lines[i].count; k++)
      if ((pg->words[k].box.x0 + pg->words[k].box.x1) / 2 <= cells[0].x1) {
        in_label++;
        label = &pg->words[k];
      }
  return in_label == 1 && label >= &pg->words[first->first] &&
         label < &pg->words[first->first + first->count] && first->count > 1 &&
         parx_is_list_marker(pg->text + label->off, label->len);
}

/* Body text of lines [a, b): bands by the body's own line spacing; a band
 * with cells side by side (a signature block) is read cell by cell, a list
 * label and its text as one. */
static int emit_body(emitter *em, const pdf_page *pg, size_t a, size_t b, int first_on_page) {
  pdf_bands bands = {0};
  int spaced;
  int rc = pdf_bands_build(&bands, pg, a, b, pdf_band_threshold(pg, a, b, &spaced), 0);
  for (size_t i = 0; i < bands.n && !rc; i++) {
    const pdf_band *band = &bands.v[i];
    const pdf_cell *cells = &bands.cells[band->cell0];
    pdf_cell whole = {cells[0].x0, cells[band->ncells - 1].x1};
    int one = labelled(pg, band, cells);
    for (size_t c = 0; c < (one ? 1 : band->ncells) && !rc; c++) {
      const pdf_cell *cell = one ? &whole : &cells[c];
      rc = emit_paragraphs(em, pg, band->first, band->first + band->count, cell->x0, cell->x1,
                           spaced, first_on_page && i == 0 && c == 0);
    }
  }
  pdf_bands_free(&bands);
  return rc;
}

/* --- table regions -------------------------------------------------------- */

static double band_gap(const pdf_bands *bs, size_t i) {
  return bs->v[i + 1].box.y0 - bs->v[i].box.y1;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median gap between consecutive multi-cell bands of [a, b); negative when
 * there is none. */
static double median_gap(const pdf_bands *bs, size_t a, size_t b, double *tmp) {
  size_t n = 0;
  for (size_t i = a; i + 1 < b; i++)
    if (bs->v[i].ncells >= 2 && bs->v[i + 1].ncells >= 2) tmp[n++] = band_gap(bs, i);
  if (!n) return -1;
  qsort(tmp, n, sizeof *tmp, cmp_double);
  return tmp[n / 2];
}

/* Columns of rules that make a table's rows one table across the gap between
 * them, however wide. */
#define RULED_COLUMNS 3

/* True when bands k and k + 1 are rows of one ruled table: its column rules
 * run through the gap between them. Their gap tells nothing then: a row's
 * text may sit in the middle of a tall row. */
static int ruled_through(const pdf_page *pg, const pdf_bands *bs, size_t k) {
  double xs[PDF_MAX_COLS];
  return bs->v[k].ruled && bs->v[k + 1].ruled &&
         pdf_rules_columns(pg, bs->v[k].box.y1, bs->v[k + 1].box.y0, xs, PDF_MAX_COLS) >=
             RULED_COLUMNS;
}

/* Splits runs of multi-cell bands into regions at gaps wider than usual,
 * except within a ruled table. A run of one band takes the page's usual row
 * gap. */
static size_t find_runs(const pdf_page *pg, const pdf_bands *bs, double h, region *out,
                        double *tmp) {
  double page_rowgap = median_gap(bs, 0, bs->n, tmp);
  if (page_rowgap < 0) page_rowgap = ROW_JOIN * h;
  size_t n = 0;
  for (size_t i = 0; i < bs->n;) {
    if (bs->v[i].ncells < 2) {
      i++;
      continue;
    }
    size_t j = i + 1;
    while (j < bs->n && bs->v[j].ncells >= 2)
      j++;
    double rowgap = j - i > 1 ? median_gap(bs, i, j, tmp) : page_rowgap;
    size_t start = i;
    for (size_t k = i; k < j; k++) {
      if (k + 1 == j || (band_gap(bs, k) > rowgap + ROW_BREAK * h && !ruled_through(pg, bs, k))) {
        out[n++] = (region){start, k + 1, rowgap, 0, 0};
        start = k + 1;
      }
    }
    i = j;
  }
  return n;
}

static void region_extent(const pdf_bands *bs, region *r) {
  r->x0 = INFINITY;
  r->x1 = -INFINITY;
  for (size_t i = r->a; i < r->b; i++) {
    r->x0 = fmin(r->x0, bs->v[i].box.x0);
    r->x1 = fmax(r->x1, bs->v[i].box.x1);
  }
}

/* Right end of the run of cells, in the region's rows of several cells, that
 * covers x; x itself when no cell does. */
static double covered_to(const pdf_bands *bs, const region *r, double x) {
  double end = x, reached;
  do {
    reached = end;
    for (size_t i = r->a; i < r->b; i++)
      for (size_t k = 0; bs->v[i].ncells >= 2 && k < bs->v[i].ncells; k++) {
        const pdf_cell *c = &bs->cells[bs->v[i].cell0 + k];
        if (c->x0 <= reached && c->x1 > end) end = c->x1;
      }
  } while (end > reached);
  return end;
}

/* Left end of the first cell, in the region's rows of several cells, that
 * starts right of x; INFINITY when none does. */
static double next_cell(const pdf_bands *bs, const region *r, double x) {
  double next = INFINITY;
  for (size_t i = r->a; i < r->b; i++)
    for (size_t k = 0; bs->v[i].ncells >= 2 && k < bs->v[i].ncells; k++) {
      const pdf_cell *c = &bs->cells[bs->v[i].cell0 + k];
      if (c->x0 > x) next = fmin(next, c->x0);
    }
  return next;
}

/* True when the band's text runs across a gutter of the region, a gap that
 * no row of several cells writes in: the band is not set in the table's
 * columns (a heading or a paragraph by a table starts at the text's left
 * edge and runs over the first column's gutter; a row whose other cells are
 * empty stays in its column). A gutter the band starts in is no sign: a
 * centred cell may reach into it. */
static int crosses_gutter(const pdf_bands *bs, const region *r, const pdf_band *b) {
  double x = fmax(b->box.x0, r->x0);
  if (covered_to(bs, r, x) == x) x = next_cell(bs, r, x);
  return next_cell(bs, r, covered_to(bs, r, x)) < b->box.x1;
}

/* True when the band is one line opening with an outline number followed
 * by its text ("III. KINH PHÍ", "2. Nhiệm vụ"), at the table's left edge or
 * left of it: a heading of the body (a table sets its row numbers in a
 * column of their own). */
static int outline_heading(const pdf_page *pg, const pdf_band *b, const region *r) {
  const pdf_line *l = &pg->lines[b->first];
  const pdf_word *w = &pg->words[l->first];
  const char *s = pg->text + w->off;
  return b->count == 1 && l->count >= 2 && b->box.x0 <= r->x0 + (l->box.y1 - l->box.y0) &&
         parx_is_list_marker(s, w->len) && strchr(".)", s[w->len - 1]);
}

/* True when the band's text ends with a colon and a row of several cells
 * follows it: the paragraph introducing the table below. */
static int introduces_rows(const pdf_page *pg, const pdf_bands *bs, size_t band) {
  const pdf_band *b = &bs->v[band];
  const pdf_line *l = &pg->lines[b->first + b->count - 1];
  const pdf_word *w = &pg->words[l->first + l->count - 1];
  return pg->text[w->off + w->len - 1] == ':' && band + 1 < bs->n && bs->v[band + 1].ncells >= 2;
}

/* True when a band by a table without rules is no row of it: it introduces
 * the rows below it, or, at the table's outer edge (`outer`), its text runs
 * across the table's columns or it is a heading; between two runs of rows, a
 * heading's shape is a group's title, and a line wider than its column the
 * rest of a cell (quangdien's "… CHỈ" + "TIÊU PHÁT TRIỂN KT-XH: 4đ"). */
static int outside_table(const pdf_page *pg, const pdf_bands *bs, const region *r, size_t band,
                         int outer) {
  const pdf_band *b = &bs->v[band];
  return introduces_rows(pg, bs, band) ||
         (outer && (crosses_gutter(bs, r, b) || outline_heading(pg, b, r)));
}

/* A narrow one-cell band joins a region when the gaps on both its sides are
 * row gaps (or the page ends there), a stamp or a heading next to a table
 * being set apart on its other side, and, by a table without rules, when it
 * is set as a row (a body's paragraphs may be spaced like the table's rows). */
static int joins(const pdf_page *pg, const pdf_bands *bs, const region *r, size_t band, double h,
                 int outer) {
  const pdf_band *b = &bs->v[band];
  double limit = r->rowgap + ROW_JOIN * h;
  if (b->ncells != 1 || b->box.x1 - b->box.x0 >= NARROW * (r->x1 - r->x0)) return 0;
  /* outside the rules of a ruled table, or the columns of a table without */
  if (bs->v[r->a].ruled ? !b->ruled : outside_table(pg, bs, r, band, outer)) return 0;
  return (band == 0 || band_gap(bs, band - 1) <= limit) &&
         (band + 1 == bs->n || band_gap(bs, band) <= limit);
}

/* Takes in the narrow one-cell bands next to each region, then merges regions
 * that now touch. Returns the new region count. */
static size_t grow_regions(const pdf_page *pg, const pdf_bands *bs, double h, region *r, size_t n) {
  for (size_t i = 0; i < n; i++) {
    region_extent(bs, &r[i]);
    size_t floor = i ? r[i - 1].b : 0, ceil = i + 1 < n ? r[i + 1].a : bs->n;
    /* a band right after the region before, or before the next, is between two */
    while (r[i].a > floor && joins(pg, bs, &r[i], r[i].a - 1, h, !i || r[i].a - 1 > floor))
      r[i].a--;
    while (r[i].b < ceil && joins(pg, bs, &r[i], r[i].b, h, i + 1 == n || r[i].b + 1 < ceil))
      r[i].b++;
  }
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (m && r[m - 1].b == r[i].a && band_gap(bs, r[i].a - 1) <= r[m - 1].rowgap + ROW_JOIN * h)
      r[m - 1].b = r[i].b;
    else
      r[m++] = r[i];
  }
  return m;
}

/* A region is a table when it has several rows of three or more cells, or
 * several rows that rules part into cells (a small grid of two columns), or
 * is a header row ending a page, or continues the open table. */
static int is_table(const emitter *em, const pdf_page *pg, const pdf_bands *bs, const region *r) {
  size_t maxcells = 0, multi = 0, ruled = 0;
  for (size_t i = r->a; i < r->b; i++) {
    maxcells = bs->v[i].ncells > maxcells ? bs->v[i].ncells : maxcells;
    multi += bs->v[i].ncells >= 2;
    ruled += bs->v[i].ncells >= 2 && bs->v[i].ruled;
  }
  if ((maxcells >= 3 || ruled == multi) && multi >= 2) return 1;
  if (maxcells >= LONE_HEADER && r->b == bs->n)
    return 1; /* a header row that the page break parted from its table */
  return (maxcells >= 2 || r->a == 0) &&
         pdf_table_continued_by(em->doc, &em->table, pg, bs, r->a, r->b);
}

static int emit_table(emitter *em, const pdf_page *pg, size_t a, size_t b, int first_on_page) {
  pdf_bands rows = {0};
  int spaced;
  double threshold = pdf_band_threshold(pg, a, b, &spaced);
  /* widely spaced table lines are rows of one-line cells, not lines of a cell */
  int rc = pdf_bands_build(&rows, pg, a, b, spaced ? pdf_band_slack(pg, a, b) : threshold, 1);
  if (!rc) rc = pdf_table_emit(em->doc, &em->table, pg, &rows, first_on_page);
  pdf_bands_free(&rows);
  return rc;
}

static size_t band_end(const pdf_bands *bs, size_t i) {
  return bs->v[i].first + bs->v[i].count;
}

/* Emits the bands of a page: the body text before each candidate region, then
 * the region as a table or as body text. A region is judged only once what
 * precedes it is emitted, since whether it continues a table depends on that. */
static int emit_regions(emitter *em, const pdf_page *pg, const pdf_bands *bs, const region *r,
                        size_t n) {
  size_t next = 0; /* first band not emitted */
  int rc = 0;
  for (size_t i = 0; i <= n && !rc; i++) {
    size_t end = i < n ? r[i].a : bs->n;
    if (end > next) rc = emit_body(em, pg, bs->v[next].first, band_end(bs, end - 1), next == 0);
    next = end;
    if (i == n || rc) continue;
    size_t a = bs->v[r[i].a].first, b = band_end(bs, r[i].b - 1);
    if (is_table(em, pg, bs, &r[i]))
      rc = emit_table(em, pg, a, b, r[i].a == 0);
    else
      rc = emit_body(em, pg, a, b, r[i].a == 0);
    next = r[i].b;
  }
  return rc;
}

/* Makes a region of the one-cell bands opening the page when they are the rest
 * of the table's last row (the page break cut it). Returns the region count. */
static size_t add_rest(const emitter *em, const pdf_bands *bs, region *r, size_t n) {
  size_t end = n ? r[0].a : bs->n, k = 0;
  while (k < end &&
         pdf_table_takes_rest(em->doc, &em->table, &bs->v[k], &bs->cells[bs->v[k].cell0]))
    k++;
  if (!k) return n;
  memmove(r + 1, r, n * sizeof *r);
  r[0] = (region){0, k, 0, 0, 0};
  return n + 1;
}

static int emit_page(emitter *em, const pdf_page *pg) {
  pdf_bands bs = {0};
  double h = pdf_mean_height(pg, 0, pg->nlines);
  int spaced;
  int rc =
      pdf_bands_build(&bs, pg, 0, pg->nlines, pdf_band_threshold(pg, 0, pg->nlines, &spaced), 1);
  region *r = malloc((bs.n + 1) * sizeof *r);
  double *tmp = malloc((bs.n + 1) * sizeof *tmp);
  if (!rc && r && tmp) {
    size_t n = add_rest(em, &bs, r, grow_regions(pg, &bs, h, r, find_runs(pg, &bs, h, r, tmp)));
    rc = emit_regions(em, pg, &bs, r, n);
  } else {
    rc = -1;
  }
  free(r);
  free(tmp);
  pdf_bands_free(&bs);
  return rc;
}

/* True when page `number` was recognised as an image. */
static int recognised(const parx_doc *doc, int number) {
  for (size_t i = 0; i < doc->nocr; i++)
    if (doc->ocr[i].page == number) return 1;
  return 0;
}

int pdf_doc_emit(parx_doc *doc, pdf_page *pages, size_t npages) {
  emitter em = {doc, {0}, {-1, 0, 0, {0}, 0, 1, 0}, 0, 0, 0};
  int rc = 0;
  for (size_t p = 0; p < npages && !rc; p++) {
    if (!pages[p].nwords)
      rc = parx_doc_warn(doc,
                         recognised(doc, pages[p].number)
                             ? "page %d: recognised, but no text was found on it (a blank page?)"
                             : "page %d: no text layer (scanned image?); its text was not read",
                         pages[p].number);
    else if (pages[p].nlines)
      rc = emit_page(&em, &pages[p]);
  }
  free(em.buf.s);
  for (size_t i = 0; i < doc->nblocks && !rc; i++)
    if (doc->blocks[i].kind == PARX_BLOCK_TABLE) parx_table_tidy(&doc->blocks[i]);
  return rc;
}

/*
 * Pages read by recognising their image: which pages, their rendering, and
 * their words turned into the page model the layout analysis reads, so that
 * a scan's paragraphs and tables are found as a text layer's are.
 *
 * The OCR module (ocr/ocr.h) is loaded only here, when a page needs it.
 * Pages are rendered one at a time (a Poppler document is not to be used by
 * two threads) and recognised by up to one thread per CPU, each with its own
 * Tesseract engine; at most one rendered page waits per thread, so memory
 * stays at a few page images whatever the document's length.
 */
#include <cairo.h>
#include <dlfcn.h>
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ocr/ocr.h"
#include "pdf_internal.h"

/* Largest page image recognised, in pixels: A2 at PARX_OCR_DPI. */
#define MAX_PIXELS (60.0 * 1000 * 1000)
/* An image covering this share of a page makes it a scan. */
#define SCAN_COVER 0.8
/* Share of a text layer's words that must read as words or numbers for the
 * layer to be kept on a scanned page. */
#define CLEAN_WORDS 0.7

/* True when the page is mostly one image: a scan, with or without a layer of
 * invisible text. */
static int is_scan(PopplerPage *page, const pdf_page *pg) {
  GList *images = poppler_page_get_image_mapping(page);
  double covered = 0;
  for (GList *l = images; l; l = l->next) {
    const PopplerRectangle *a = &((PopplerImageMapping *)l->data)->area;
    covered = fmax(covered, fabs(a->x2 - a->x1) * fabs(a->y2 - a->y1));
  }
  poppler_page_free_image_mapping(images);
  return covered >= SCAN_COVER * pg->width * pg->height;
}

enum char_kind { KIND_LETTER, KIND_DIGIT, KIND_PUNCT, KIND_OTHER };

/* What a character counts as in a word (ASCII tested inline: most
 * characters of a text layer are). */
static enum char_kind char_kind(gunichar c) {
  if (c < 0x80) {
    if (g_ascii_isalpha(c)) return KIND_LETTER;
    if (g_ascii_isdigit(c)) return KIND_DIGIT;
    return strchr(".,;:!?()\"'/%-", (int)c) ? KIND_PUNCT : KIND_OTHER;
  }
  if (g_unichar_isalpha(c) || g_unichar_ismark(c)) return KIND_LETTER;
  return g_unichar_isdigit(c) ? KIND_DIGIT : KIND_OTHER;
}

/* True when a word reads as a word or a number: letters (with their marks),
 * or digits with their separators, with punctuation only around them.
 * Recognition of poor quality leaves broken glyphs and stray symbols. */
static int word_is_clean(const char *s, size_t len) {
  const char *end = s + len;
  size_t letters = 0, digits = 0;
  for (const char *p = s; p < end; p = g_utf8_next_char(p)) {
    enum char_kind kind =
        char_kind((unsigned char)*p < 0x80 ? (unsigned char)*p : g_utf8_get_char(p));
    if (kind == KIND_OTHER) return 0;
    letters += kind == KIND_LETTER;
    digits += kind == KIND_DIGIT;
  }
  return (letters > 0) != (digits > 0) || (letters && digits && letters <= 2);
}

/* The judgement of an invisible text layer (a scan another program
 * recognised): poor when too few of its words read as words or numbers.
 * The count stops once enough words are clean, as on nearly every page of
 * a text PDF. */
static int layer_is_poor(const pdf_page *pg) {
  double enough = CLEAN_WORDS * (double)pg->nwords;
  size_t clean = 0;
  for (size_t i = 0; i < pg->nwords && (double)clean < enough; i++)
    clean += word_is_clean(pg->text + pg->words[i].off, pg->words[i].len);
  return (double)clean < enough;
}

static int page_is_scan(PopplerDocument *pd, const pdf_page *pg) {
  PopplerPage *page = poppler_document_get_page(pd, pg->number - 1);
  int yes = page && is_scan(page, pg);
  if (page) g_object_unref(page);
  return yes;
}

static int page_wanted(PopplerDocument *pd, const pdf_page *pg, parx_ocr_mode mode) {
  if (mode == PARX_OCR_ALWAYS) return 1;
  if (mode == PARX_OCR_NEVER || (pg->nwords && !layer_is_poor(pg))) return 0;
  return page_is_scan(pd, pg);
}

/* One page to recognise: its image, then what came of it. */
typedef struct ocr_job {
  pdf_page *pg;
  unsigned char *grey;
  int width, height;
  parx_ocr_page result;
  int failed;
  char why[256];
} ocr_job;

typedef struct ocr_run {
  const parx_ocr_api *ocr;
  ocr_job *jobs;
  size_t njobs;
  pthread_mutex_t lock;
  pthread_cond_t changed;
  size_t rendered, taken, waiting; /* waiting: rendered and not yet recognised */
  int rendering_done;
} ocr_run;

/* A pixel is red ink when its red exceeds both other channels by this. */
#define RED_INK 48

/* The grey of an image: its luminance, except that red ink (a seal stamped
 * over the signature) takes its red channel, in which it is as light as the
 * paper, while black and blue ink stay dark. Transparent parts are white. */
static unsigned char *grey_of(cairo_surface_t *s) {
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  int stride = cairo_image_surface_get_stride(s);
  int alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
  const unsigned char *px = cairo_image_surface_get_data(s);
  unsigned char *grey = malloc((size_t)w * (size_t)h);
  for (int y = 0; grey && y < h; y++) {
    const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
    unsigned char *out = grey + (size_t)y * (size_t)w;
    for (int x = 0; x < w; x++) {
      uint32_t p = row[x], paper = alpha ? 255 - (p >> 24) : 0; /* premultiplied */
      uint32_t r = (p >> 16 & 0xFF) + paper, g = (p >> 8 & 0xFF) + paper, b = (p & 0xFF) + paper;
      uint32_t lum = (299 * r + 587 * g + 114 * b) / 1000;
      out[x] = (unsigned char)(r > g + RED_INK && r > b + RED_INK ? r : lum);
    }
  }
  return grey;
}

/* The page rendered as grey pixels at PARX_OCR_DPI (see grey_of). Not its
 * embedded scan: Poppler decodes an image whole, whatever its size, where a
 * render scales it down as it reads it. NULL when the page is too large or
 * memory runs out. */
static unsigned char *page_grey(PopplerPage *page, int *width, int *height) {
  double w = 0, h = 0, scale = PARX_OCR_DPI / 72.0;
  poppler_page_get_size(page, &w, &h);
  if (!(w > 0 && h > 0) || w * scale * h * scale > MAX_PIXELS) return NULL;
  cairo_surface_t *s = pdf_render(page, (int)ceil(w * scale), (int)ceil(h * scale), scale);
  if (!s) return NULL;
  *width = cairo_image_surface_get_width(s);
  *height = cairo_image_surface_get_height(s);
  unsigned char *grey = grey_of(s);
  cairo_surface_destroy(s);
  return grey;
}

static void *recognise_pages(void *arg) {
  ocr_run *run = arg;
  char why[256] = "";
  parx_ocr *engine = run->ocr->engine_new("vie", why, sizeof why);
  for (;;) {
    pthread_mutex_lock(&run->lock);
    while (run->taken == run->rendered && !run->rendering_done)
      pthread_cond_wait(&run->changed, &run->lock);
    if (run->taken == run->rendered) {
      pthread_mutex_unlock(&run->lock);
      break;
    }
    ocr_job *job = &run->jobs[run->taken++];
    pthread_mutex_unlock(&run->lock);
    if (!job->grey) {
      job->failed = 1;
      snprintf(job->why, sizeof job->why, "its image could not be rendered (too large?)");
    } else if (!engine) {
      job->failed = 1;
      snprintf(job->why, sizeof job->why, "%s", why);
    } else {
      job->failed = run->ocr->read(engine, job->grey, job->width, job->height, (size_t)job->width,
                                   PARX_OCR_DPI, &job->result, job->why, sizeof job->why) != 0;
    }
    free(job->grey);
    job->grey = NULL;
    pthread_mutex_lock(&run->lock);
    run->waiting--;
    pthread_cond_broadcast(&run->changed);
    pthread_mutex_unlock(&run->lock);
  }
  if (engine) run->ocr->engine_free(engine);
  return NULL;
}

/* Renders the jobs' pages in order, never more than `ahead` waiting. */
static void render_pages(ocr_run *run, PopplerDocument *pd, size_t ahead) {
  for (size_t i = 0; i < run->njobs; i++) {
    pthread_mutex_lock(&run->lock);
    while (run->waiting >= ahead)
      pthread_cond_wait(&run->changed, &run->lock);
    pthread_mutex_unlock(&run->lock);
    ocr_job *job = &run->jobs[i];
    PopplerPage *page = poppler_document_get_page(pd, job->pg->number - 1);
    job->grey = page ? page_grey(page, &job->width, &job->height) : NULL;
    if (page) g_object_unref(page);
    pthread_mutex_lock(&run->lock);
    run->rendered++;
    run->waiting++;
    pthread_cond_broadcast(&run->changed);
    pthread_mutex_unlock(&run->lock);
  }
  pthread_mutex_lock(&run->lock);
  run->rendering_done = 1;
  pthread_cond_broadcast(&run->changed);
  pthread_mutex_unlock(&run->lock);
}

static int push_rules(pdf_rules *to, const parx_ocr_rule *from, size_t n, double scale) {
  to->v = malloc((n ? n : 1) * sizeof *to->v);
  if (!to->v) return -1;
  for (size_t i = 0; i < n; i++)
    to->v[i] = (pdf_rule){from[i].at * scale, from[i].a0 * scale, from[i].a1 * scale};
  to->n = to->cap = n;
  return 0;
}

/* Replaces the page's text layer by the recognised words: the page text is
 * the words, one blank apart, and each character of a word gets the word's
 * box, in points. 0, or -1 when out of memory. */
static int page_of_words(pdf_page *pg, const parx_ocr_page *r) {
  int number = pg->number;
  pdf_page_free(pg);
  *pg = (pdf_page){.number = number};
  double scale = 72.0 / PARX_OCR_DPI;
  pg->width = r->width * scale;
  pg->height = r->height * scale;
  size_t bytes = 1, chars = 0;
  for (size_t i = 0; i < r->nwords; i++) {
    bytes += strlen(r->words[i].text) + 1;
    chars += (size_t)g_utf8_strlen(r->words[i].text, -1) + 1;
  }
  pg->text = g_malloc(bytes);
  pdf_box *boxes = malloc((chars ? chars : 1) * sizeof *boxes);
  int rc = boxes ? 0 : -1;
  size_t at = 0, k = 0;
  for (size_t i = 0; i < r->nwords && !rc; i++) {
    const parx_ocr_word *w = &r->words[i];
    pdf_box box = {w->x0 * scale, w->y0 * scale, w->x1 * scale, w->y1 * scale};
    size_t len = strlen(w->text), n = (size_t)g_utf8_strlen(w->text, -1);
    memcpy(pg->text + at, w->text, len);
    at += len;
    pg->text[at++] = ' ';
    for (size_t c = 0; c <= n; c++) /* the blank after the word too */
      boxes[k++] = box;
  }
  pg->text[at] = '\0';
  if (!rc) rc = pdf_page_build(pg, boxes, k);
  free(boxes);
  if (!rc) rc = push_rules(&pg->hrules, r->hrules, r->nhrules, scale);
  if (!rc) rc = push_rules(&pg->vrules, r->vrules, r->nvrules, scale);
  return rc;
}

static size_t thread_count(int wanted, size_t pages) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  size_t n = wanted > 0 ? (size_t)wanted : cpus > 0 ? (size_t)cpus : 1;
  return n < pages ? n : pages;
}

/* Runs the jobs on up to `threads` threads; the caller renders. */
static void run_jobs(ocr_run *run, PopplerDocument *pd, size_t threads) {
  pthread_t tid[64];
  size_t started = 0;
  if (threads > 64) threads = 64;
  pthread_mutex_init(&run->lock, NULL);
  pthread_cond_init(&run->changed, NULL);
  for (size_t i = 0; i < threads; i++)
    if (!pthread_create(&tid[started], NULL, recognise_pages, run)) started++;
  if (started) {
    render_pages(run, pd, started + 1);
  } else {
    for (size_t i = 0; i < run->njobs; i++) {
      run->jobs[i].failed = 1;
      snprintf(run->jobs[i].why, sizeof run->jobs[i].why, "no thread could be started");
    }
  }
  for (size_t i = 0; i < started; i++)
    pthread_join(tid[i], NULL);
  pthread_cond_destroy(&run->changed);
  pthread_mutex_destroy(&run->lock);
}

/* Takes in the results: the pages recognised replace their text layer and
 * are noted in doc; a page that failed keeps its text layer, with a warning. */
/* Repairs the list markers that open the lines of a recognised page (a
 * line's words share its top and bottom), in reading order across pages. */
static int repair_marks(parx_ocr_page *r, int *last) {
  for (size_t i = 0; i < r->nwords; i++) {
    const parx_ocr_word *w = &r->words[i], *prev = i ? &r->words[i - 1] : NULL;
    int opens = !prev || prev->y0 != w->y0 || prev->y1 != w->y1;
    if (opens &&
        (pdf_ocr_repair_mark(&r->words[i].text, last) || pdf_ocr_repair_bullet(&r->words[i].text)))
      return -1;
  }
  return 0;
}

static int take_results(ocr_run *run, parx_doc *doc, size_t *unread) {
  int rc = 0, last_mark = -1;
  for (size_t i = 0; i < run->njobs; i++) {
    ocr_job *job = &run->jobs[i];
    if (!rc && !job->failed) rc = repair_marks(&job->result, &last_mark);
    if (!rc && job->failed) {
      rc = parx_doc_warn(doc, "page %d: not recognised: %s", job->pg->number, job->why);
      *unread += !job->pg->nwords;
    } else if (!rc) {
      rc = page_of_words(job->pg, &job->result);
      if (!rc) rc = parx_doc_note_ocr(doc, job->pg->number, job->result.confidence);
    }
    if (!job->failed) run->ocr->page_free(&job->result);
  }
  return rc;
}

/* Recognises the pages of the jobs, or says why none could be. */
static int recognise_jobs(ocr_run *run, PopplerDocument *pd, const parx_ingest_options *options,
                          parx_doc *doc, size_t *unread) {
  void *module =
      options && options->ocr_module ? dlopen(options->ocr_module, RTLD_NOW | RTLD_LOCAL) : NULL;
  if (module) run->ocr = dlsym(module, PARX_OCR_SYMBOL);
  /* the module stays loaded: Tesseract's threads and caches outlive a call */
  if (!run->ocr) {
    const char *why = dlerror();
    for (size_t i = 0; i < run->njobs; i++)
      *unread += !run->jobs[i].pg->nwords;
    return parx_doc_warn(doc, "%zu page(s) not recognised: the OCR module could not be loaded (%s)",
                         run->njobs, why ? why : "no OCR module");
  }
  run_jobs(run, pd, thread_count(options ? options->ocr_threads : 0, run->njobs));
  return take_results(run, doc, unread);
}

int pdf_ocr_pages(PopplerDocument *pd, pdf_page *pages, size_t npages,
                  const parx_ingest_options *options, parx_doc *doc, size_t *unread) {
  parx_ocr_mode mode = options ? options->ocr : PARX_OCR_AUTO;
  ocr_run run = {0};
  *unread = 0;
  run.jobs = calloc(npages ? npages : 1, sizeof *run.jobs);
  if (!run.jobs) return -1;
  size_t over = 0;
  for (size_t i = 0; i < npages; i++) {
    if (!page_wanted(pd, &pages[i], mode))
      *unread += mode == PARX_OCR_NEVER && !pages[i].nwords && page_is_scan(pd, &pages[i]);
    else if (run.njobs < PARX_MAX_OCR_PAGES)
      run.jobs[run.njobs++].pg = &pages[i];
    else
      over++;
  }
  int rc = over ? parx_doc_warn(doc, "%zu page(s) not recognised: past the limit of %d a document",
                                over, PARX_MAX_OCR_PAGES)
                : 0;
  if (!rc && run.njobs) rc = recognise_jobs(&run, pd, options, doc, unread);
  free(run.jobs);
  return rc;
}

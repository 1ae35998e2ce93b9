/*
 * The PDF reader: poppler opens the document and gives each page's text with
 * one box per character; the layout analysis (pdf_layout.c, pdf_block.c,
 * pdf_table.c) turns those boxes into paragraphs and tables.
 */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <unistd.h>

#include "error.h"
#include "ingest.h"
#include "pdf_internal.h"

/*
 * poppler-glib creates its process-wide GlobalParams (Unicode tables,
 * encodings: 4M instructions, 3% of pdftotext's time on a 20-page plan)
 * when a document is opened, and destroys them when the last open document
 * is freed, so every document read would build them anew. Older versions do
 * so without a lock: two threads opening their first PDFs at once would
 * race. The module therefore opens an empty document while it is being
 * loaded (the dynamic loader runs constructors once, and other threads'
 * dlopen of the module waits for them) and holds it until the process
 * exits. Written only then, this is the module's one static.
 */
static PopplerDocument *params_holder;

/* Run by exit before Poppler's own static objects are destroyed (they were
 * registered earlier): a destructor of the module would run after them. */
static void release_params(void) {
  g_object_unref(params_holder);
}

__attribute__((constructor)) static void pdf_module_loaded(void) {
  static const char empty_pdf[] = "%PDF-1.0\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                                  "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                                  "trailer<</Root 1 0 R>>\n%%EOF\n";
  GBytes *data = g_bytes_new_static(empty_pdf, sizeof empty_pdf - 1);
  params_holder = poppler_document_new_from_bytes(data, NULL, NULL);
  g_bytes_unref(data);
  if (params_holder && atexit(release_params)) release_params();
}

/*
 * poppler-glib (22.x) retries a wrong password on a document read from memory
 * with a stream it failed to copy, and crashes; from a file it retries
 * safely. An encrypted document is therefore opened from a temporary copy.
 */
static PopplerDocument *open_encrypted(const unsigned char *bytes, size_t len, const char *password,
                                       GError **gerr) {
  char *path = NULL;
  int fd = g_file_open_tmp("parx-XXXXXX.pdf", &path, gerr);
  if (fd < 0) return NULL;
  PopplerDocument *pd = NULL;
  size_t done = 0;
  ssize_t n = 0;
  while (done < len && (n = write(fd, bytes + done, len - done)) > 0)
    done += (size_t)n;
  if (done < len) {
    g_set_error(gerr, G_FILE_ERROR, g_file_error_from_errno(errno),
                "cannot write a temporary copy: %s", g_strerror(errno));
  } else {
    char *uri = g_filename_to_uri(path, NULL, gerr);
    pd = uri ? poppler_document_new_from_file(uri, password, gerr) : NULL;
    g_free(uri);
  }
  close(fd);
  g_unlink(path); /* poppler keeps its own descriptor */
  g_free(path);
  return pd;
}

static PopplerDocument *open_document(const unsigned char *bytes, size_t len, const char *name,
                                      const char *password, parx_error *err) {
  GBytes *data = g_bytes_new_static(bytes, len);
  GError *gerr = NULL;
  PopplerDocument *pd = poppler_document_new_from_bytes(data, NULL, &gerr);
  g_bytes_unref(data);
  if (!pd && password && g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)) {
    g_clear_error(&gerr);
    pd = open_encrypted(bytes, len, password, &gerr);
  }
  if (pd) return pd;
  if (g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED) && password)
    parx_error_set(err, PARX_ERR_PASSWORD, "%s: the password given for the encrypted PDF is wrong",
                   name);
  else if (g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    parx_error_set(err, PARX_ERR_PASSWORD,
                   "%s: the PDF is encrypted; give its password with --password, "
                   "--password-file or PARX_PASSWORD",
                   name);
  else if (gerr && gerr->domain == G_FILE_ERROR)
    parx_error_set(err, PARX_ERR_IO, "%s: cannot open the encrypted PDF: %s", name, gerr->message);
  else
    parx_error_set(err, PARX_ERR_FORMAT, "%s: not a readable PDF: %s", name,
                   gerr ? gerr->message : "unknown error");
  g_clear_error(&gerr);
  return NULL;
}

/*
 * Which way the page's text runs: 0 left to right, 1 top to bottom (a page
 * turned a quarter clockwise, by /Rotate or by its text matrix), -1 bottom to
 * top. Decided by the steps between consecutive glyphs of the same word.
 */
static int text_turn(const char *text, const pdf_box *b, size_t n) {
  size_t across = 0, down = 0, up = 0;
  const char *s = text;
  for (size_t i = 0; i + 1 < n && *s; i++) {
    const char *next = g_utf8_next_char(s);
    if ((unsigned char)*s > ' ' && (unsigned char)*next > ' ') {
      double dx = b[i + 1].x0 + b[i + 1].x1 - b[i].x0 - b[i].x1;
      double dy = b[i + 1].y0 + b[i + 1].y1 - b[i].y0 - b[i].y1;
      if (fabs(dx) >= fabs(dy))
        across++;
      else if (dy > 0)
        down++;
      else
        up++;
    }
    s = next;
  }
  if (down > 2 * across && down > up) return 1;
  return up > 2 * across && up > down ? -1 : 0;
}

/* Turns the boxes of a page whose text runs vertically so that it reads left
 * to right, and swaps the page's width and height. */
static void make_upright(pdf_page *pg, pdf_box *b, size_t n, int turn) {
  double w = pg->width, h = pg->height;
  for (size_t i = 0; i < n; i++) {
    pdf_box o = b[i];
    b[i] = turn > 0 ? (pdf_box){o.y0, w - o.x1, o.y1, w - o.x0}
                    : (pdf_box){h - o.y1, o.x0, h - o.y0, o.x1};
  }
  pg->width = h;
  pg->height = w;
}

/* Poppler's character rectangles as boxes, converted where they lie: both
 * are four doubles, left, top, right, bottom (a copy would double them). */
static pdf_box *boxes_in_place(PopplerRectangle *rects, guint n) {
  _Static_assert(sizeof(PopplerRectangle) == sizeof(pdf_box), "a rectangle is a box");
  pdf_box *boxes = (pdf_box *)rects;
  for (guint i = 0; i < n; i++) {
    PopplerRectangle r = rects[i];
    boxes[i] = (pdf_box){r.x1, r.y1, r.x2, r.y2};
  }
  return boxes;
}

/* The ruling lines of page `index`, from a Poppler page of its own (the one
 * that gave the text is freed by then). 0, or -1 when out of memory. */
static int read_rules(PopplerDocument *pd, int index, pdf_page *pg, int turn) {
  PopplerPage *page = poppler_document_get_page(pd, index);
  if (!page) return 0;
  int rc = pdf_rules_read(page, pg, turn);
  g_object_unref(page);
  return rc;
}

/* Reads one page's text and character boxes into pg. -1 when out of memory. */
static int read_page(PopplerDocument *pd, int index, pdf_page *pg) {
  PopplerPage *page = poppler_document_get_page(pd, index);
  pg->number = index + 1;
  if (!page) return 0; /* an unreadable page reads as one without text */
  poppler_page_get_size(page, &pg->width, &pg->height);
  pg->text = poppler_page_get_text(page);
  PopplerRectangle *rects = NULL;
  guint n = 0;
  if (pg->text && *pg->text && !poppler_page_get_text_layout(page, &rects, &n)) n = 0;
  /* Poppler's words of the page (most of a page's memory) are freed before
   * the layout allocates its own, so that the two are never held at once */
  g_object_unref(page);
  pdf_box *boxes = boxes_in_place(rects, n);
  int turn = n ? text_turn(pg->text, boxes, n) : 0;
  if (turn) make_upright(pg, boxes, n, turn);
  int rc = pdf_page_build(pg, boxes, n);
  g_free(rects);
  int want = rc ? 0 : pdf_rules_wanted(pg);
  if (want) rc = want < 0 ? -1 : read_rules(pd, index, pg, turn);
  return rc;
}

static int read_pages(PopplerDocument *pd, pdf_page *pages, size_t npages) {
  for (size_t i = 0; i < npages; i++)
    if (read_page(pd, (int)i, &pages[i])) return -1;
  return 0;
}

/* The failure of a document of page images that were not recognised: no
 * text at all, and what would read it. */
static void no_text(const char *name, const parx_ingest_options *options, const parx_doc *doc,
                    parx_error *err) {
  if (options && options->ocr == PARX_OCR_NEVER)
    parx_error_set(err, PARX_ERR_NO_TEXT,
                   "%s: no text: its pages are images without a text layer; run with --ocr auto "
                   "to recognise them",
                   name);
  else
    parx_error_set(err, PARX_ERR_NO_TEXT,
                   "%s: no text: its pages are images without a text layer, and they could not be "
                   "recognised (%s); install tesseract-ocr-vie, then run with --ocr auto",
                   name, doc->nwarnings ? doc->warnings[doc->nwarnings - 1] : "OCR unavailable");
}

static int any_words(const pdf_page *pages, size_t npages) {
  for (size_t i = 0; i < npages; i++)
    if (pages[i].nwords) return 1;
  return 0;
}

PARX_PDF_EXPORT parx_doc *parx_pdf_ingest(const unsigned char *bytes, size_t len, const char *name,
                                          const parx_ingest_options *options, parx_error *err) {
  PopplerDocument *pd = open_document(bytes, len, name, options ? options->password : NULL, err);
  if (!pd) return NULL;
  int n = poppler_document_get_n_pages(pd);
  size_t npages = n > 0 ? (size_t)n : 0, unread = 0;
  parx_doc *doc = parx_doc_new("pdf");
  pdf_page *pages = calloc(npages ? npages : 1, sizeof *pages);
  int rc = doc && pages ? read_pages(pd, pages, npages) : -1;
  if (!rc) rc = pdf_ocr_pages(pd, pages, npages, options, doc, &unread);
  g_object_unref(pd); /* the pages hold all that the analysis needs */
  int failed = !rc && unread && !any_words(pages, npages);
  if (failed) no_text(name, options, doc, err);
  if (!rc && !failed) {
    doc->pages = (int)npages;
    pdf_margins_drop(pages, npages);
    rc = pdf_doc_emit(doc, pages, npages);
  }
  for (size_t i = 0; pages && i < npages; i++)
    pdf_page_free(&pages[i]);
  free(pages);
  if (rc || failed) {
    parx_doc_free(doc);
    if (rc) parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory while reading the PDF", name);
    return NULL;
  }
  return doc;
}

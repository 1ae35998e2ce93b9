/*
 * ocr: page images to words with their boxes, through Tesseract and
 * Leptonica. This header is the stage's whole interface.
 *
 * The stage is a module of its own (parx-ocr.so), loaded by the PDF reader
 * only when a page has to be recognised: Tesseract and its model take longer
 * to load than parx takes to read a text plan. The reader finds the module's
 * one exported symbol, PARX_OCR_SYMBOL, a table of the functions below.
 *
 * A page goes in as 8-bit grey (0 black, 255 white) with its resolution. The
 * module turns it upright (a page scanned a quarter turn off), straightens
 * its skew, finds the ruling lines of its tables, recognises every ruled
 * cell on its own (whole-page recognition interleaves a table's columns and
 * drops the dots of codes) and the rest of the page as text, repairs the
 * codes of a table's number column from their neighbours, and gives back
 * words and rules in the pixels of the upright page.
 *
 * Ownership: the image is borrowed for the call; a page filled by read is the
 * caller's, freed with page_free; an engine is used by one thread at a time.
 */
#ifndef PARX_OCR_H
#define PARX_OCR_H

#include <stddef.h>

#define PARX_OCR_SYMBOL "parx_ocr_module"

/* The resolution pages are handed over at, in pixels per inch: Tesseract's
 * models are trained on text of about this size in pixels. */
#define PARX_OCR_DPI 300

/* A recognised word: its UTF-8 text and box. Words of one text line share
 * the line's top and bottom, so that accents do not part them into lines. */
typedef struct parx_ocr_word {
  char *text;
  double x0, y0, x1, y1;
  float confidence; /* 0-100 */
} parx_ocr_word;

/* A ruling line: horizontal at y = at from x = a0 to a1, or vertical at
 * x = at from y = a0 to a1. */
typedef struct parx_ocr_rule {
  double at, a0, a1;
} parx_ocr_rule;

typedef struct parx_ocr_page {
  int width, height; /* of the upright page, in pixels */
  parx_ocr_word *words;
  size_t nwords;
  parx_ocr_rule *hrules, *vrules;
  size_t nhrules, nvrules;
  size_t cells;        /* ruled table cells recognised one by one */
  double confidence;   /* mean word confidence, 0-100 (0 without words) */
  int quarter_turns;   /* clockwise quarter turns that made the page upright */
  double skew_degrees; /* the skew straightened */
} parx_ocr_page;

typedef struct parx_ocr parx_ocr;

typedef struct parx_ocr_api {
  /* Loads the model of `language` ("vie"). NULL, with the cause in `why`,
   * when Tesseract or the model is missing. */
  parx_ocr *(*engine_new)(const char *language, char *why, size_t why_len);
  void (*engine_free)(parx_ocr *ocr);
  /* Recognises a page. 0, or -1 with the cause in `why`. */
  int (*read)(parx_ocr *ocr, const unsigned char *grey, int width, int height, size_t stride,
              int dpi, parx_ocr_page *page, char *why, size_t why_len);
  void (*page_free)(parx_ocr_page *page);
} parx_ocr_api;

/* --- inside the module, shared by its files and unit tests -------------- */

/*
 * A code of a table's number column repaired from its neighbours: `code` as
 * read, `prev` and `next` the codes of the rows above and below (NULL or ""
 * when none). When `code` lost its dots (`622`) or had them read as commas
 * (`6,2,2`) and one code that may follow `prev` or precede `next` has the
 * same digits, that code is written to `out` (`cap` bytes) and 1 returned;
 * otherwise 0 and `out` is left alone.
 */
int parx_ocr_repair_code(const char *prev, const char *code, const char *next, char *out,
                         size_t cap);

#endif

/*
 * The OCR module's internals, shared by its files (not part of the stage's
 * interface): ocr_image.c prepares the page image, ocr_grid.c finds the
 * ruling lines and the cells they enclose, ocr_read.c runs Tesseract over
 * cells and page, ocr_codes.c and ocr_words.c repair codes and words.
 * Coordinates are pixels of the upright page, y growing downwards.
 */
#ifndef PARX_OCR_INTERNAL_H
#define PARX_OCR_INTERNAL_H

#include <leptonica/allheaders.h>
#include <stddef.h>

#include "ocr.h"

#define OCR_DPI PARX_OCR_DPI
/* A grey pixel darker than this is ink. */
#define OCR_INK 160

/* --- ocr_image.c ---------------------------------------------------------- */

/* A Leptonica image of the caller's grey pixels; NULL when out of memory. */
PIX *ocr_pix_of(const unsigned char *grey, int width, int height, size_t stride);

/* Paints the paper white: every pixel about as light as the most common
 * grey (the paper, with its grain) becomes 255. Tesseract thresholds each
 * cell on its own, and in a cell that is nearly all paper its threshold
 * falls inside the grain, whose specks it reads as letters. */
void ocr_whiten(PIX *grey, int paper);

/* The grey of the paper: the most common grey of the page. */
int ocr_paper(PIX *grey);

/* The ink of a grey image, one bit a pixel. */
PIX *ocr_binary(PIX *grey);

/* Pixels of ink in the box (x, y, w, h) of binary image b; 0 for a box that
 * leaves the image. */
l_int32 ocr_ink(PIX *b, l_int32 x, l_int32 y, l_int32 w, l_int32 h);

/* The page turned upright and its skew straightened (a new reference, to
 * pixDestroy); the quarter turns and the skew corrected are returned. */
PIX *ocr_upright(PIX *grey, int *quarter_turns, double *skew_degrees);

/* --- ocr_grid.c ----------------------------------------------------------- */

/* A cell of a ruled table: the box inside its rules. */
typedef struct ocr_cell {
  int x0, y0, x1, y1;
} ocr_cell;

typedef struct ocr_grid {
  ocr_cell *cells;
  size_t ncells;
  PIX *lines; /* the ink of the ruling lines, one bit a pixel (NULL: none) */
} ocr_grid;

/* Finds the ruling lines of the grey page, whose paper is `paper` grey (into
 * page->hrules and page->vrules), and the cells they enclose. 0, or -1 when
 * out of memory. */
int ocr_grid_find(PIX *grey, int paper, parx_ocr_page *page, ocr_grid *grid);
void ocr_grid_free(ocr_grid *grid);

#endif

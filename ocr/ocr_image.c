/*
 * The page image before recognition: a Leptonica grey image of the caller's
 * pixels, turned upright when it was scanned a quarter turn off, its skew
 * straightened.
 */
#include <math.h>

#include "ocr_internal.h"

PIX *ocr_pix_of(const unsigned char *grey, int width, int height, size_t stride) {
  PIX *pix = pixCreate(width, height, 8);
  if (!pix) return NULL;
  l_uint32 *data = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < height; y++) {
    const unsigned char *from = grey + (size_t)y * stride;
    l_uint32 *line = data + (size_t)y * (size_t)wpl;
    for (int x = 0; x < width; x++)
      SET_DATA_BYTE(line, x, from[x]);
  }
  pixSetResolution(pix, OCR_DPI, OCR_DPI);
  return pix;
}

PIX *ocr_binary(PIX *grey) {
  return pixThresholdToBinary(grey, OCR_INK);
}

l_int32 ocr_ink(PIX *b, l_int32 x, l_int32 y, l_int32 w, l_int32 h) {
  if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > pixGetWidth(b) || y + h > pixGetHeight(b))
    return 0;
  BOX *box = boxCreate(x, y, w, h);
  PIX *part = box ? pixClipRectangle(b, box, NULL) : NULL;
  l_int32 n = 0;
  if (part) pixCountPixels(part, &n, NULL);
  pixDestroy(&part);
  boxDestroy(&box);
  return n;
}

/* Quarter turns (clockwise) that make the text of binary image `b` read left
 * to right: Leptonica's test of ascenders and descenders, trusted only when
 * it is clearly sure. */
static int turns_needed(PIX *b) {
  l_float32 up = 0, left = 0;
  l_int32 orient = L_TEXT_ORIENT_UNKNOWN;
  if (pixOrientDetect(b, &up, &left, 0, 0) || makeOrientDecision(up, left, 0, 0, &orient, 0))
    return 0;
  switch (orient) {
  case L_TEXT_ORIENT_LEFT:
    return 1;
  case L_TEXT_ORIENT_DOWN:
    return 2;
  case L_TEXT_ORIENT_RIGHT:
    return 3;
  default:
    return 0;
  }
}

/* A skew under this is left alone (the rotation would only blur). */
#define MIN_SKEW 0.05
/* Radians in a degree. */
#define DEGREE 0.017453292519943295
/* Leptonica's confidence in a skew it found, under which it is not used. */
#define MIN_SKEW_CONFIDENCE 2.0

/* How much darker than the paper a pixel must be to be kept: the grain of
 * scanned paper is lighter than that, antialiased text edges darker. */
#define PAPER_GRAIN 30

int ocr_paper(PIX *grey) {
  NUMA *hist = pixGetGrayHistogram(grey, 1);
  l_float32 most = 0;
  l_int32 paper = 255;
  if (!hist || numaGetMax(hist, &most, &paper)) paper = 255;
  numaDestroy(&hist);
  return paper;
}

void ocr_whiten(PIX *grey, int paper) {
  if (paper > PAPER_GRAIN) pixThresholdToValue(grey, grey, paper - PAPER_GRAIN, 255);
}

PIX *ocr_upright(PIX *grey, int *quarter_turns, double *skew_degrees) {
  *quarter_turns = 0;
  *skew_degrees = 0;
  PIX *b = ocr_binary(grey);
  if (!b) return NULL;
  PIX *turned = NULL;
  int turns = turns_needed(b);
  if (turns) {
    turned = pixRotateOrth(grey, turns);
    PIX *tb = turned ? ocr_binary(turned) : NULL;
    pixDestroy(&b);
    if (!tb) {
      pixDestroy(&turned);
      return NULL;
    }
    b = tb;
    *quarter_turns = turns;
  }
  PIX *from = turned ? turned : grey;
  l_float32 angle = 0, conf = 0;
  PIX *out = NULL;
  if (!pixFindSkew(b, &angle, &conf) && conf >= MIN_SKEW_CONFIDENCE && fabsf(angle) >= MIN_SKEW) {
    out = pixRotate(from, (l_float32)(angle * DEGREE), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
    if (out) *skew_degrees = angle;
  }
  if (!out) out = pixClone(from);
  pixDestroy(&b);
  pixDestroy(&turned);
  return out;
}

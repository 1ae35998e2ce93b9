/* Writing HTML and SVG into a buffer (inside the report stage). */
#ifndef PARX_REPORT_HTML_H
#define PARX_REPORT_HTML_H

#include <jansson.h>

#include "buf.h"
#include "error.h" /* PARX_PRINTF */

/* Text, escaped for an element's content or an attribute's value. */
void html_text(parx_buf *b, const char *s);
/* Markup as given (never text from a document). */
void html_raw(parx_buf *b, const char *s);
void html_printf(parx_buf *b, const char *fmt, ...) PARX_PRINTF(2, 3);

/* A number as Vietnamese writes it (7,5; 79,21), or "—" for null. */
void html_number(parx_buf *b, const json_t *v);
/* Two number members of `item` as "a/b" ("7,5/10"), or "a" alone when `of`
 * is not a number: a score and its maximum, a rank and its total. */
void html_fraction(parx_buf *b, const json_t *item, const char *key, const char *of);
/* Where an item stands in its document: "dòng 46 · tr. 3". */
void html_loc(parx_buf *b, const json_t *item);

/* A string member of `o`, or NULL. */
const char *member_text(const json_t *o, const char *key);
/* A number member of `o`, or `fallback` when null or absent. */
double member_number(const json_t *o, const char *key, double fallback);

/* A horizontal bar chart: one row per bar, its label, value and maximum;
 * the bars are drawn in SVG against the largest maximum, `scale_max`. */
typedef struct bar {
  const char *label;
  const json_t *source; /* the item whose loc the row cites, or NULL */
  double value, max;    /* max NAN: not stated (no bar of the maximum) */
  double second;        /* a second bar (a target), or NAN */
} bar;
void chart_bars(parx_buf *b, const char *css_class, const bar *bars, size_t n, double scale_max);

#endif

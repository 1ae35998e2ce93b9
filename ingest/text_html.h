/*
 * HTML tables inside text: markdown converters (pandoc, and the like) write a
 * table whose cells hold paragraphs or lists as HTML ("<table><tr><td>…"),
 * between the text's own lines. The text reader finds where such a table
 * starts and ends; this reads its rows.
 */
#ifndef PARX_TEXT_HTML_H
#define PARX_TEXT_HTML_H

#include "ingest.h"

#include <stddef.h>

/* True when the n bytes at s (a line) open an HTML table ("<table", any case,
 * after spaces). */
int parx_html_table_opens(const char *s, size_t n);

/* Where the table opening s ends: the byte after its "</table>", or n when it
 * is not closed in the n bytes. */
size_t parx_html_table_end(const char *s, size_t n);

/* Adds the rows (<tr>) of the table in the n bytes at s to `table`, their
 * cells (<td>, <th>) as written; a cell spanning columns (colspan) or rows
 * (rowspan) leaves empty cells where it spans, as a converter of a merged
 * cell does. `line` is the number of the text's line that s starts; each
 * row has the number of the line its <tr> is on. -1 when out of memory. */
int parx_html_table_rows(parx_block *table, const char *s, size_t n, int line);

#endif

/*
 * Text whose paragraphs were broken into lines at a page's width, as
 * pdftotext, e-mail clients and the "save as text" of paged sources write
 * it (and converters of PDF to DOCX, a line a paragraph). parx's text form is
 * a paragraph a line; the text reader and the tidying of a document ask
 * whether a text is wrapped and, line by line, whether a line goes on with
 * the paragraph before it.
 */
#ifndef PARX_TEXT_WRAP_H
#define PARX_TEXT_WRAP_H

#include "ingest.h"

#include <stddef.h>

/* The width in characters that the lines of a wrapped text run to, or 0
 * when its lines are its paragraphs. Judged on the text's first lines: many
 * of them start in lower case (a sentence going on, which a paragraph a line
 * almost never does). */
size_t parx_text_wrap_width(const char *text, size_t len);

/* The same of a document read a paragraph a line: a DOCX that a converter
 * made of a paged source, each line of the page a paragraph. */
size_t parx_doc_wrap_width(const parx_doc *doc);

/* True when the line `next` goes on with the paragraph whose last line is
 * `prev`, in a text wrapped at `width` (> 0): it starts in lower case, or
 * `prev` ran to the width (the next line's first word did not fit on it) and
 * ended mid-sentence. A line opening with a list marker never goes on. */
int parx_text_wrap_continues(size_t width, const char *prev, size_t prev_n, const char *next,
                             size_t next_n);

#endif

/*
 * output: records as JSON (jansson), and a document's normalised text with
 * its line numbers. This header is the stage's whole interface.
 *
 * Ownership: the arguments are borrowed for the call; the strings returned
 * are malloc'd and the caller's.
 */
#ifndef PARX_OUTPUT_H
#define PARX_OUTPUT_H

#include <stddef.h>

#include "ingest/ingest.h"
#include "rules/rules.h"

typedef struct parx_source {
  const char *path;
  const char *format; /* "txt", "docx", "pdf" */
  size_t bytes;
  char sha256[65];
  int pages; /* 0: null (text) */
  const parx_page_ocr *ocr; /* the pages recognised as images (not written when none) */
  size_t nocr;
} parx_source;

/* The record as JSON text (malloc'd); pretty indents it, else one line. */
char *parx_output_json(const parx_rec *rec, const parx_source *source, int pretty);

/* Receives JSON text in pieces: 0 to go on, anything else to stop. */
typedef int (*parx_output_sink)(const char *bytes, size_t len, void *data);
/* The same text handed to `sink` item by item, never held whole: 0 when all
 * was written, the sink's non-zero answer, or -1 when out of memory. */
int parx_output_json_write(const parx_rec *rec, const parx_source *source, int pretty,
                           parx_output_sink sink, void *data);

/* The normalised text: one line per paragraph or table row, "LINE<TAB>TEXT",
 * table cells separated by " | " (malloc'd). */
char *parx_output_text(const parx_doc *doc);

/* The reader's warnings, one a line (malloc'd). */
char *parx_output_warnings(const parx_doc *doc);

#endif

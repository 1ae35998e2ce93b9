/*
 * The DOCX reader is a module (parx-docx.so) loaded the first time a ZIP
 * package is met, a DOCX to read or a ZIP to classify: libxml2, libzip and
 * the crypto library libzip needs are then mapped only by runs that read
 * one. These are its exported functions, found by name by docx_loader.c;
 * the tests that link the reader's objects call them directly.
 */
#ifndef PARX_INGEST_DOCX_MODULE_H
#define PARX_INGEST_DOCX_MODULE_H

#include <stddef.h>

#include "ingest.h"

#define PARX_DOCX_EXPORT __attribute__((visibility("default")))

/* Reads a DOCX (parx_ingest_docx, in the module). */
typedef parx_doc *parx_docx_reader(const unsigned char *bytes, size_t len, const char *name,
                                   parx_error *err);
PARX_DOCX_EXPORT parx_docx_reader parx_docx_ingest;

/* What a ZIP package holds: PARX_FORMAT_DOCX, or UNSUPPORTED or DAMAGED with
 * `what` (what_len bytes) saying what was found and what to do. */
typedef parx_format parx_zip_classifier(const unsigned char *bytes, size_t len, char *what,
                                        size_t what_len);
PARX_DOCX_EXPORT parx_zip_classifier parx_docx_classify;

/* parx_docx_classify, from the module loaded on demand; PARX_FORMAT_NO_READER
 * with `what` saying why when it cannot be loaded. */
parx_zip_classifier parx_classify_zip;

#endif

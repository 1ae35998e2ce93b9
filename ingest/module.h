/*
 * The readers built as modules (parx-pdf.so, parx-docx.so), loaded the first
 * time a document needs them: their libraries (Poppler; libxml2, libzip and
 * the crypto library libzip needs) cost start-up time and memory that a run
 * reading no such document should not pay. Internal to the ingest stage.
 */
#ifndef PARX_INGEST_MODULE_H
#define PARX_INGEST_MODULE_H

#include <stddef.h>

/* A module, and how a user who lacks it is told to get it. */
typedef struct parx_module {
  const char *reader; /* what it reads, for messages: "PDF reader" */
  const char *env;    /* the variable naming another copy: "PARX_PDF_MODULE" */
  const char *file;   /* its file name: "parx-pdf.so" */
  const char *(*locate)(char *out, size_t cap); /* where it is (common/locate.h) */
} parx_module;

/* Room for the message of parx_module_entry. */
enum { PARX_MODULE_WHY_MAX = 1024 };

/*
 * The address of the function `entry` of module m, the module loaded if it
 * is not yet (the dynamic loader keeps one copy: later calls only count a
 * reference). NULL when it cannot be loaded or lacks `entry`: `why` (why_len
 * bytes) then says what was tried and what to do, for a message that the
 * caller starts with the document's name.
 */
void *parx_module_entry(const parx_module *m, const char *entry, char *why, size_t why_len);

#endif

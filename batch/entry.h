/* The entries of a batch that are not records: error records and duplicates (sink.h). */
#ifndef PARX_BATCH_ENTRY_H
#define PARX_BATCH_ENTRY_H

#include "parx.h"

/* Why a document failed; the names are those of the error record's "kind". */
typedef enum failure_kind {
  FAILURE_NONE,
  FAILURE_IO,
  FAILURE_UNSUPPORTED,
  FAILURE_CORRUPT,
  FAILURE_ENCODING,
  FAILURE_PASSWORD,
  FAILURE_LIMIT,
  FAILURE_NO_TEXT,
  FAILURE_TIMEOUT,
  FAILURE_CRASH,
  FAILURE_KINDS
} failure_kind;

const char *failure_name(failure_kind kind);
failure_kind failure_of_status(parx_status status);

/* What the batch knows of an input file before it is extracted. */
typedef struct input_file {
  const char *path;
  char sha256[65]; /* "" when the file could not be read */
  long long bytes; /* -1 when the file could not be read */
} input_file;

/* An error record as one line of JSON (malloc'd), or NULL when out of memory. */
char *entry_error(const input_file *in, failure_kind kind, const char *message);

/* A duplicate of the document first written under `first_path` (malloc'd). */
char *entry_duplicate(const input_file *in, const char *first_path);

/* Hashes the file of `in->path` into in->sha256 and in->bytes. Returns 0,
 * or -1 and fills `message` ("PATH: cannot open: …"). */
int input_digest(input_file *in, char *message, size_t message_len);

#endif

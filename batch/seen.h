/*
 * What a batch has already written: the paths it has a line for, and the
 * first path of each document (by SHA-256). A batch consults it before it
 * extracts a document, so that a copy under another name, or a document
 * already in the output of an earlier run (--resume), is not extracted again.
 */
#ifndef PARX_BATCH_SEEN_H
#define PARX_BATCH_SEEN_H

#include <stddef.h>

typedef struct seen seen;

seen *seen_new(void);
void seen_free(seen *s);

/* Records that `path` has its entry, with the document's SHA-256 in hex
 * ("" when the file could not be read). The first path given for a SHA-256
 * stays its first path. Both strings are copied. Returns -1 when out of
 * memory, else 0. */
int seen_add(seen *s, const char *path, const char *sha256);

/* 1 when `path` already has its entry. */
int seen_has_path(const seen *s, const char *path);

/* The first path recorded for `sha256`, or NULL (owned by `s`). */
const char *seen_first_path(const seen *s, const char *sha256);

/* How many paths have their entry. */
size_t seen_count(const seen *s);

#endif

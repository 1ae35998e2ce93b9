/* Extracting many files on several threads, delivering records in input order. */
#ifndef PARX_CLI_THREADS_H
#define PARX_CLI_THREADS_H

#include <stddef.h>

#include "parx.h"

/* Called in input order on the calling thread: `record` is the file's record
 * (borrowed: freed when the call returns), or NULL and `error` says why the
 * file could not be read. */
typedef void (*threads_emit)(size_t index, const parx_record *record, const char *error,
                             void *user);

/* Extracts files[0..n) with `jobs` threads (1: on the calling thread only).
 * Returns 0, or -1 when threads could not be started (nothing was emitted). */
int threads_extract(const parx_engine *engine, char *const *files, size_t n,
                    const parx_options *options, int jobs, threads_emit emit, void *user);

#endif

/* Writing -o FILE without ever losing the file or an input. */
#ifndef PARX_CLI_SAFE_OUTPUT_H
#define PARX_CLI_SAFE_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

typedef struct safe_output {
  FILE *f;
  const char *target; /* NULL: standard output */
  char *temp;         /* the file written, renamed to target when complete */
} safe_output;

/*
 * Opens `target` (NULL: standard output) for writing: refuses a target that
 * is one of the `n` inputs (same device and inode), and writes to a new
 * file beside it. Returns 0, or -1 with a message on standard error.
 */
int safe_output_open(safe_output *out, const char *target, char *const *inputs, size_t n);

/*
 * Flushes and closes the output. A target is replaced by what was written
 * only when every write succeeded (otherwise the target is left as it was).
 * Standard output is flushed and closed, so that a full disk or a closed
 * pipe shows. Returns 0, or -1 with a message on standard error.
 */
int safe_output_close(safe_output *out);

#endif

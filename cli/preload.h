/*
 * The reader module of the first input (PDF or DOCX) loaded on a thread of
 * its own while the engine is built: loading Poppler and its libraries takes
 * about as long as compiling the rules, so a one-document run waits for the
 * longer of the two instead of both.
 */
#ifndef PARX_CLI_PRELOAD_H
#define PARX_CLI_PRELOAD_H

#include <pthread.h>
#include <stddef.h>

typedef struct cli_preload {
  pthread_t thread;
  int started;
  unsigned char head[1024]; /* the input's first bytes, which name its format */
  size_t len;
} cli_preload;

/* Starts loading the reader of the regular file at `path` (standard input,
 * a pipe or a device is left alone: bytes read here would be lost to the
 * reading). Nothing happens when the file cannot be read or no thread can be
 * started; the reading says why. */
void cli_preload_start(cli_preload *p, const char *path);
/* Waits for the loading to end (nothing when none was started). */
void cli_preload_finish(cli_preload *p);

#endif

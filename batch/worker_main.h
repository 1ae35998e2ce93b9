/* Inside a worker process: its loop and the message it sends back (workers.c). */
#ifndef PARX_BATCH_WORKER_MAIN_H
#define PARX_BATCH_WORKER_MAIN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "parx.h"

/* Before each result: its kind (a failure_kind) and the length of the text
 * that follows (the record's JSON, or the failure's message). A job is the
 * path's length (uint32_t) followed by the path. */
typedef struct worker_header {
  uint64_t len;
  uint32_t kind;
  uint32_t unused;
} worker_header;

/* Reads or writes all of `len` bytes, going on after a signal; 0, or -1
 * when the pipe ended or failed. */
int fd_read_all(int fd, void *data, size_t len);
int fd_write_all(int fd, const void *data, size_t len);

/* Reads jobs from `jobs_fd` until it ends, writes each result to
 * `results_fd`; returns the worker's exit status. `parent` is the batch's
 * process: the worker ends when it does. */
int worker_main(const parx_engine *engine, const parx_options *options, long memory_mb,
                pid_t parent, int jobs_fd, int results_fd);

#endif

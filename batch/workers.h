/*
 * Documents extracted in worker processes, so that a document that crashes
 * a library or never ends costs only itself: each worker is forked from the
 * caller (sharing its engine), runs one document at a time under a memory
 * limit, and is killed at its wall-clock limit; a worker that dies is
 * replaced. The caller must be single-threaded when it creates the pool.
 */
#ifndef PARX_BATCH_WORKERS_H
#define PARX_BATCH_WORKERS_H

#include <stddef.h>

#include "entry.h"
#include "parx.h"

typedef struct worker_limits {
  double seconds; /* wall-clock time a document may take; 0: no limit */
  long memory_mb; /* address space of a worker; 0: no limit */
} worker_limits;

typedef struct pool pool;

enum { POOL_ERR_LEN = 1024 };

/* A job that ended. */
typedef struct pool_result {
  size_t job;        /* as given to pool_submit */
  failure_kind kind; /* FAILURE_NONE: `text` is the record's JSON line */
  char *text;        /* the record, or the failure's message (malloc'd, the caller's) */
} pool_result;

/* Starts `workers` worker processes. The engine and the options must live
 * until pool_free. NULL and `err` filled when none could be started. */
pool *pool_new(const parx_engine *engine, const parx_options *options, int workers,
               worker_limits limits, char err[POOL_ERR_LEN]);

/* How many workers wait for a job, and how many have one. */
int pool_idle(const pool *p);
int pool_busy(const pool *p);

/* Gives `path` (copied) to an idle worker. 0, or -1 and `err` filled. */
int pool_submit(pool *p, size_t job, const char *path, char err[POOL_ERR_LEN]);

/* Waits until a job ends (done, failed, crashed or timed out) and fills
 * `r`. Returns 0; 1 when a signal interrupted the wait (nothing filled);
 * -1 and `err` filled when no worker could be started again. */
int pool_wait(pool *p, pool_result *r, char err[POOL_ERR_LEN]);

/* Kills the workers still running, reaps them all and frees the pool.
 * `peak_kb`, when not NULL, receives the largest resident size of any
 * worker that ended. */
void pool_free(pool *p, long *peak_kb);

#endif

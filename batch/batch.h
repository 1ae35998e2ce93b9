/*
 * parx batch: many documents, each extracted in a worker process (workers.h),
 * written in input order to a sink (sink.h), with copies and documents
 * already written (--resume) passed over (seen.h). The front end
 * (cli/batch_cmd.c) parses options, prints progress and picks exit codes.
 */
#ifndef PARX_BATCH_H
#define PARX_BATCH_H

#include <signal.h>
#include <stddef.h>

#include "entry.h"
#include "sink.h"
#include "workers.h"

typedef struct batch_counts {
  size_t total;      /* documents named */
  size_t done;       /* of them, those behind us: written, or found written before */
  size_t extracted;  /* records written */
  size_t duplicates; /* copies of a document written before, written as duplicates */
  size_t resumed;    /* found in the output of an earlier run and passed over */
  size_t failed;     /* error records written */
  size_t failures[FAILURE_KINDS];
} batch_counts;

/* After each entry: the counts, and what the entry was for. */
typedef void (*batch_progress)(const batch_counts *counts, const char *path, failure_kind kind,
                               const char *message, void *user);

typedef struct batch_config {
  char *const *paths;
  size_t npaths;
  sink_format format;
  const char *output; /* "-": JSON Lines on standard output */
  int resume;
  int jobs;
  worker_limits limits;
  const volatile sig_atomic_t *stop; /* set by a signal handler: stop soon */
  batch_progress progress;           /* may be NULL */
  void *user;
} batch_config;

typedef enum batch_outcome {
  BATCH_DONE,    /* every document has its entry in the output */
  BATCH_STOPPED, /* *stop was set: what was done is in OUTPUT.part */
  BATCH_FAILED   /* the output could not be written, or no worker started: `err` says why */
} batch_outcome;

enum { BATCH_ERR_LEN = 1024 };

/* Runs the batch. `counts` is filled as it goes; `peak_kb` receives the
 * largest resident size of a worker (0 when none ran). */
batch_outcome batch_run(const parx_engine *engine, const parx_options *options,
                        const batch_config *config, batch_counts *counts, long *peak_kb,
                        char err[BATCH_ERR_LEN]);

#endif

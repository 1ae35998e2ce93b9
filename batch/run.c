/*
 * The batch loop. A window of slots runs ahead of the next entry to write:
 * each slot is planned (read and hashed: passed over, a duplicate, a file
 * that cannot be read, or a job), its job goes to the next idle worker, and
 * entries are written strictly in input order as their slots complete.
 */
#include "batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Slots per worker: enough that a slow document does not leave workers idle. */
enum { SLOTS_PER_JOB = 8 };

typedef enum slot_state { SLOT_QUEUED, SLOT_RUNNING, SLOT_READY, SLOT_PASSED } slot_state;

typedef struct slot {
  slot_state state;
  input_file in;
  failure_kind kind;
  int duplicate;
  char *entry;   /* SLOT_READY: the line to write */
  char *message; /* SLOT_READY with a failure: its message */
} slot;

typedef struct run {
  const parx_engine *engine;
  const parx_options *options;
  const batch_config *c;
  batch_counts *counts;
  seen *done;
  sink *out;
  pool *workers;
  slot *slots;
  size_t nslots;
  char *err;
} run;

static void ready(slot *s, failure_kind kind, char *entry, char *message) {
  s->state = SLOT_READY;
  s->kind = kind;
  s->entry = entry;
  s->message = message;
}

static int out_of_memory(run *r) {
  snprintf(r->err, BATCH_ERR_LEN, "out of memory");
  return -1;
}

/* Decides what slot `s` needs for `path`. */
static int plan(run *r, slot *s, const char *path) {
  *s = (slot){.in = {.path = path}};
  if (seen_has_path(r->done, path)) {
    s->state = SLOT_PASSED;
    return 0;
  }
  char message[1024];
  if (input_digest(&s->in, message, sizeof message)) {
    char *copy = strdup(message);
    ready(s, FAILURE_IO, entry_error(&s->in, FAILURE_IO, message), copy);
  } else {
    const char *first = seen_first_path(r->done, s->in.sha256);
    if (first) {
      ready(s, FAILURE_NONE, entry_duplicate(&s->in, first), NULL);
      s->duplicate = 1;
    }
  }
  if (s->state == SLOT_READY && !s->entry) return out_of_memory(r);
  return seen_add(r->done, path, s->in.sha256) ? out_of_memory(r) : 0;
}

static int submit_queued(run *r, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    slot *s = &r->slots[i % r->nslots];
    if (s->state != SLOT_QUEUED) continue;
    if (!r->workers) {
      char err[POOL_ERR_LEN];
      r->workers = pool_new(r->engine, r->options, r->c->jobs, r->c->limits, err);
      if (!r->workers) return snprintf(r->err, BATCH_ERR_LEN, "%s", err), -1;
    }
    if (!pool_idle(r->workers)) return 0;
    char err[POOL_ERR_LEN];
    if (pool_submit(r->workers, i, s->in.path, err))
      return snprintf(r->err, BATCH_ERR_LEN, "%s", err), -1;
    s->state = SLOT_RUNNING;
  }
  return 0;
}

/* Takes the next job that ends. 0, 1 when interrupted, -1 on failure. */
static int collect(run *r) {
  pool_result res;
  char err[POOL_ERR_LEN];
  int rc = pool_wait(r->workers, &res, err);
  if (rc) {
    if (rc < 0) snprintf(r->err, BATCH_ERR_LEN, "%s", err);
    return rc;
  }
  slot *s = &r->slots[res.job % r->nslots];
  if (!res.text) return out_of_memory(r);
  if (*r->c->stop && res.kind != FAILURE_NONE) {
    /* a worker ended by the same signal that stops the batch: the document
     * did not fail; it stays to do (--resume) */
    free(res.text);
    return 1;
  }
  if (res.kind == FAILURE_NONE) {
    ready(s, FAILURE_NONE, res.text, NULL);
    return 0;
  }
  char *message = res.text;
  if (res.kind == FAILURE_LIMIT && r->c->limits.memory_mb && strstr(res.text, "out of memory")) {
    size_t len = strlen(res.text) + 64;
    if (!(message = malloc(len))) return free(res.text), out_of_memory(r);
    snprintf(message, len, "%s (--max-memory %ld MB)", res.text, r->c->limits.memory_mb);
    free(res.text);
  } else if (res.kind == FAILURE_TIMEOUT || res.kind == FAILURE_CRASH) {
    /* the library names the file in its messages; a worker's end does not */
    size_t len = strlen(s->in.path) + 2 + strlen(res.text) + 1;
    if (!(message = malloc(len))) return free(res.text), out_of_memory(r);
    snprintf(message, len, "%s: %s", s->in.path, res.text);
    free(res.text);
  }
  ready(s, res.kind, entry_error(&s->in, res.kind, message), message);
  return s->entry ? 0 : out_of_memory(r);
}

static void count(run *r, const slot *s) {
  batch_counts *k = r->counts;
  k->done++;
  if (s->state == SLOT_PASSED)
    k->resumed++;
  else if (s->kind != FAILURE_NONE)
    k->failed++, k->failures[s->kind]++;
  else if (s->duplicate)
    k->duplicates++;
  else
    k->extracted++;
}

/* Writes the entries that are next in order; advances *next. */
static int write_ready(run *r, size_t *next, size_t planned) {
  for (; *next < planned; ++*next) {
    slot *s = &r->slots[*next % r->nslots];
    if (s->state != SLOT_READY && s->state != SLOT_PASSED) break;
    char err[SINK_ERR_LEN];
    if (s->state == SLOT_READY && sink_write(r->out, s->entry, err))
      return snprintf(r->err, BATCH_ERR_LEN, "%s", err), -1;
    count(r, s);
    if (r->c->progress) r->c->progress(r->counts, s->in.path, s->kind, s->message, r->c->user);
    free(s->entry);
    free(s->message);
    *s = (slot){0};
  }
  return 0;
}

static batch_outcome loop(run *r) {
  const batch_config *c = r->c;
  size_t planned = 0, next = 0;
  while (next < c->npaths) {
    if (*c->stop) return write_ready(r, &next, planned) ? BATCH_FAILED : BATCH_STOPPED;
    for (; planned < c->npaths && planned - next < r->nslots; planned++)
      if (plan(r, &r->slots[planned % r->nslots], c->paths[planned])) return BATCH_FAILED;
    if (submit_queued(r, next, planned) || write_ready(r, &next, planned)) return BATCH_FAILED;
    if (next == planned) continue;
    int rc = collect(r);
    if (rc < 0) return BATCH_FAILED;
    /* interrupted: the loop's head writes what is ready and stops */
  }
  return BATCH_DONE;
}

batch_outcome batch_run(const parx_engine *engine, const parx_options *options,
                        const batch_config *config, batch_counts *counts, long *peak_kb,
                        char err[BATCH_ERR_LEN]) {
  *counts = (batch_counts){.total = config->npaths};
  *peak_kb = 0;
  run r = {engine, options, config, counts, .err = err};
  r.nslots = (size_t)(config->jobs > 0 ? config->jobs : 1) * SLOTS_PER_JOB;
  r.slots = calloc(r.nslots, sizeof *r.slots);
  r.done = seen_new();
  if (!r.slots || !r.done) {
    free(r.slots);
    seen_free(r.done);
    snprintf(err, BATCH_ERR_LEN, "out of memory");
    return BATCH_FAILED;
  }
  char serr[SINK_ERR_LEN];
  r.out = sink_open(config->format, config->output, config->resume, r.done, serr);
  batch_outcome outcome = BATCH_FAILED;
  if (!r.out)
    snprintf(err, BATCH_ERR_LEN, "%s", serr);
  else
    outcome = loop(&r);
  pool_free(r.workers, peak_kb);
  if (r.out && sink_close(r.out, outcome == BATCH_DONE, serr) && outcome != BATCH_FAILED) {
    snprintf(err, BATCH_ERR_LEN, "%s", serr);
    outcome = BATCH_FAILED;
  }
  for (size_t i = 0; i < r.nslots; i++)
    free(r.slots[i].entry), free(r.slots[i].message);
  free(r.slots);
  seen_free(r.done);
  return outcome;
}

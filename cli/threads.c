/*
 * A pool of worker threads over one shared engine (its rules are immutable
 * and every document has its own state). Records wait in a ring of slots so
 * that they are written in input order with bounded memory; the caller writes
 * each one, item by item, so that no record's whole text is ever held.
 */
#include "threads.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Results that may wait for their turn, per worker. */
enum { SLOTS_PER_JOB = 4 };

typedef struct slot {
  int done;
  parx_record *record;
  char error[sizeof(((parx_error *)0)->message)];
} slot;

typedef struct pool {
  const parx_engine *engine;
  char *const *files;
  size_t n;
  const parx_options *options;
  slot *slots;
  size_t nslots;
  size_t next_take, next_emit;
  pthread_mutex_t lock;
  pthread_cond_t changed;
} pool;

static void extract_into(pool *p, size_t i, slot *s) {
  parx_error err = {0};
  s->record = parx_extract_file(p->engine, p->files[i], p->options, &err);
  if (!s->record) snprintf(s->error, sizeof s->error, "%s", err.message);
}

static void *worker(void *arg) {
  pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    while (p->next_take < p->n && p->next_take - p->next_emit >= p->nslots)
      pthread_cond_wait(&p->changed, &p->lock);
    if (p->next_take >= p->n) {
      pthread_mutex_unlock(&p->lock);
      return NULL;
    }
    size_t i = p->next_take++;
    pthread_mutex_unlock(&p->lock);
    slot result = {0};
    extract_into(p, i, &result);
    pthread_mutex_lock(&p->lock);
    result.done = 1;
    p->slots[i % p->nslots] = result;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
  }
}

static void emit_in_order(pool *p, threads_emit emit, void *user) {
  for (size_t i = 0; i < p->n; i++) {
    pthread_mutex_lock(&p->lock);
    slot *s = &p->slots[i % p->nslots];
    while (!s->done)
      pthread_cond_wait(&p->changed, &p->lock);
    slot result = *s;
    memset(s, 0, sizeof *s);
    p->next_emit++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    emit(i, result.record, result.record ? NULL : result.error, user);
    parx_record_free(result.record);
  }
}

int threads_extract(const parx_engine *engine, char *const *files, size_t n,
                    const parx_options *options, int jobs, threads_emit emit, void *user) {
  pool p = {.engine = engine, .files = files, .n = n, .options = options};
  if (jobs <= 1 || n < 2) {
    for (size_t i = 0; i < n; i++) {
      slot s = {0};
      extract_into(&p, i, &s);
      emit(i, s.record, s.record ? NULL : s.error, user);
      parx_record_free(s.record);
    }
    return 0;
  }
  p.nslots = (size_t)jobs * SLOTS_PER_JOB;
  p.slots = calloc(p.nslots, sizeof *p.slots);
  pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
  if (!p.slots || !threads) {
    free(p.slots);
    free(threads);
    return -1;
  }
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.changed, NULL);
  int started = 0;
  while (started < jobs && !pthread_create(&threads[started], NULL, worker, &p))
    started++;
  if (started) emit_in_order(&p, emit, user);
  for (int i = 0; i < started; i++)
    pthread_join(threads[i], NULL);
  pthread_cond_destroy(&p.changed);
  pthread_mutex_destroy(&p.lock);
  free(p.slots);
  free(threads);
  return started ? 0 : -1;
}

/* The index of written entries: two open-addressing hash sets of strings. */
#include "seen.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
  char *key;   /* a path, or a SHA-256 */
  char *value; /* for a SHA-256: its first path (not owned: a path key's copy) */
} slot;

typedef struct table {
  slot *slots;
  size_t cap, n; /* cap is a power of two, kept at most half full */
} table;

struct seen {
  table paths, shas;
};

static uint64_t fnv1a(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static slot *find(const table *t, const char *key) {
  if (!t->cap) return NULL;
  for (size_t k = fnv1a(key) & (t->cap - 1);; k = (k + 1) & (t->cap - 1))
    if (!t->slots[k].key || !strcmp(t->slots[k].key, key)) return &t->slots[k];
}

static int grow(table *t) {
  if (2 * (t->n + 1) <= t->cap) return 0;
  table bigger = {calloc(t->cap ? 2 * t->cap : 64, sizeof(slot)), t->cap ? 2 * t->cap : 64, t->n};
  if (!bigger.slots) return -1;
  for (size_t i = 0; i < t->cap; i++)
    if (t->slots[i].key) *find(&bigger, t->slots[i].key) = t->slots[i];
  free(t->slots);
  *t = bigger;
  return 0;
}

/* The slot of `key`, added when absent (its key copied); NULL when out of memory. */
static slot *insert(table *t, const char *key) {
  if (grow(t)) return NULL;
  slot *s = find(t, key);
  if (!s->key) {
    if (!(s->key = strdup(key))) return NULL;
    t->n++;
  }
  return s;
}

seen *seen_new(void) {
  return calloc(1, sizeof(seen));
}

void seen_free(seen *s) {
  if (!s) return;
  for (size_t i = 0; i < s->paths.cap; i++)
    free(s->paths.slots[i].key);
  for (size_t i = 0; i < s->shas.cap; i++)
    free(s->shas.slots[i].key);
  free(s->paths.slots);
  free(s->shas.slots);
  free(s);
}

int seen_add(seen *s, const char *path, const char *sha256) {
  slot *p = insert(&s->paths, path);
  if (!p) return -1;
  if (!sha256 || !*sha256) return 0;
  slot *h = insert(&s->shas, sha256);
  if (!h) return -1;
  if (!h->value) h->value = p->key;
  return 0;
}

int seen_has_path(const seen *s, const char *path) {
  const slot *p = find(&s->paths, path);
  return p && p->key;
}

const char *seen_first_path(const seen *s, const char *sha256) {
  const slot *h = find(&s->shas, sha256);
  return h && h->key ? h->value : NULL;
}

size_t seen_count(const seen *s) {
  return s->paths.n;
}

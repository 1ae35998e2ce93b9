/* The record built by assembly: adding items, freeing it. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

int parx_strings_add(parx_strings *list, const char *s, size_t n) {
  if (list->n == list->cap) {
    size_t cap = list->cap ? list->cap * 2 : 4;
    char **p = realloc(list->items, cap * sizeof *p);
    if (!p) return -1;
    list->items = p;
    list->cap = cap;
  }
  char *copy = strndup(s, n);
  if (!copy) return -1;
  list->items[list->n++] = copy;
  return 0;
}

void parx_strings_clear(parx_strings *list) {
  for (size_t i = 0; i < list->n; i++)
    free(list->items[i]);
  free(list->items);
  memset(list, 0, sizeof *list);
}

static void task_fini(parx_task *t) {
  free(t->text);
  parx_strings_clear(&t->lead);
  parx_strings_clear(&t->support);
  parx_strings_clear(&t->criteria);
  if (t->deadline) free(t->deadline->text);
  free(t->deadline);
  free(t->output);
}

void parx_rec_free(parx_rec *rec) {
  if (!rec) return;
  free(rec->document.title);
  free(rec->document.number);
  free(rec->document.issued);
  free(rec->document.place);
  for (size_t i = 0; i < rec->nresults; i++) {
    free(rec->results[i].index);
    free(rec->results[i].unit);
    free(rec->results[i].rating);
  }
  free(rec->results);
  for (size_t i = 0; i < rec->ncriteria; i++) {
    free(rec->criteria[i].code);
    free(rec->criteria[i].title);
  }
  free(rec->criteria);
  for (size_t i = 0; i < rec->nscores; i++) {
    free(rec->scores[i].code);
    free(rec->scores[i].title);
  }
  free(rec->scores);
  for (size_t i = 0; i < rec->ndeficits; i++) {
    free(rec->deficits[i].code);
    free(rec->deficits[i].title);
    free(rec->deficits[i].reason);
  }
  free(rec->deficits);
  for (size_t i = 0; i < rec->ntasks; i++)
    task_fini(&rec->tasks[i]);
  free(rec->tasks);
  parx_strings_clear(&rec->warnings);
  free(rec);
}

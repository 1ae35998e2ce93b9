/* Records to work on, from documents or from records already extracted. */
#ifndef PARX_CLI_RECORDS_IN_H
#define PARX_CLI_RECORDS_IN_H

#include <jansson.h>
#include <stddef.h>

#include "parx.h"

typedef struct record_list {
  json_t **items; /* owned references */
  size_t n, cap;
} record_list;

/*
 * Adds the records of `path`: a parx batch SQLite database (its documents'
 * records), a JSON record or JSON Lines of records (error and duplicate
 * lines are passed over), else a document, extracted with `engine`.
 * Returns 0, or -1 with a message naming the file on standard error.
 */
int records_add(record_list *list, const char *path, const parx_engine *engine,
                const parx_options *options);

void record_list_free(record_list *list);

#endif

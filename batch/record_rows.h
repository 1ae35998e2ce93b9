/*
 * One entry of a batch (sink.h) as rows of tables: the one definition of the
 * table layout that the CSV and the SQLite writers share, so that a column
 * is named, typed and filled in one place and both outputs agree.
 *
 * A record gives a row of `documents` and one row per item of its lists
 * (results, criteria, scores, deficits, tasks; task_agencies: one per agency
 * of a task); an error record gives a row of `errors`; a duplicate a row of
 * `duplicates`. Child rows carry `document_id`, the document's SHA-256.
 */
#ifndef PARX_BATCH_RECORD_ROWS_H
#define PARX_BATCH_RECORD_ROWS_H

#include <jansson.h>
#include <stddef.h>

#include "sink.h"

/* In the order rows_of_entry gives a record's rows: children first, then
 * the row of `documents`. A writer that makes each row durable in that
 * order can tell an entry cut short by a kill: its children have no
 * documents row. */
typedef enum rows_table {
  ROWS_RESULTS,
  ROWS_CRITERIA,
  ROWS_SCORES,
  ROWS_DEFICITS,
  ROWS_TASKS,
  ROWS_TASK_AGENCIES,
  ROWS_DOCUMENTS,
  ROWS_ERRORS,
  ROWS_DUPLICATES,
  ROWS_NTABLES
} rows_table;

/* A cell of a ROWS_TEXT column is a JSON string or null; of a ROWS_INTEGER
 * or ROWS_REAL column, a JSON number or null. */
typedef enum rows_type { ROWS_TEXT, ROWS_INTEGER, ROWS_REAL } rows_type;

/* Which outputs have a table or a column. */
enum { ROWS_CSV = 1, ROWS_SQL = 2, ROWS_ALL = ROWS_CSV | ROWS_SQL };

typedef struct rows_column {
  const char *name;
  /* Where the value comes from: a dotted path into the list item (for
   * documents, errors and duplicates: into the entry), or "@id" (the
   * document's SHA-256), "@n" (the item's 1-based place in its list),
   * "@record" (the entry's JSON text), "#PATH" (how many items PATH has). */
  const char *from;
  rows_type type;
  unsigned in;     /* ROWS_CSV, ROWS_SQL or both */
  const char *sep; /* a list of strings becomes one text joined by sep */
} rows_column;

enum { ROWS_MAX_COLUMNS = 16 };

typedef struct rows_layout {
  const char *name;
  const char *list; /* the record's list the rows come from, or NULL */
  const rows_column *columns;
  size_t ncolumns;
  unsigned in;
} rows_layout;

extern const rows_layout rows_tables[ROWS_NTABLES];

/* Called once per row; `cells` has one value per column of the table (the
 * columns of the other output too), owned by rows_of_entry. A non-zero
 * return stops the entry and is returned. */
typedef int (*rows_fn)(void *ctx, rows_table table, json_t *const *cells);

/*
 * Parses `entry` and gives its rows to `fn`. Returns 0, the value of `fn`
 * that stopped it, or -1 with `err` filled when the entry is not JSON or not
 * an entry of sink.h (a missing path or SHA-256, a number that is text); such
 * an entry is refused before `fn` sees any of its rows.
 */
int rows_of_entry(const char *entry, rows_fn fn, void *ctx, char err[SINK_ERR_LEN]);

/* A JSON number as text: integers as integers, reals in the fewest digits
 * that read back the same (7.5 not 7.50000, 0.1 not 0.10000000000000001). */
void rows_format_number(const json_t *number, char out[32]);

#endif

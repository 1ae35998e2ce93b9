/*
 * One table of record_rows.h as a CSV file (RFC 4180, through libcsv): a
 * UTF-8 byte order mark, so that spreadsheets read Vietnamese as UTF-8, a
 * header row, one row per line ended by CRLF. Text cells are quoted, numbers
 * are not, an empty cell without quotes is null: the file keeps the
 * difference between a number, a text and nothing.
 */
#ifndef PARX_BATCH_CSV_FILE_H
#define PARX_BATCH_CSV_FILE_H

#include <stdio.h>

#include "record_rows.h"

/* A cell: `s` (NUL-terminated, `len` bytes), or NULL for null. */
typedef struct csvfile_cell {
  const char *s;
  size_t len;
} csvfile_cell;

/* The CSV columns of `t` (those with ROWS_CSV) into `out`; how many. */
size_t csvfile_columns(const rows_layout *t, const rows_column *out[ROWS_MAX_COLUMNS]);

/* Writes the byte order mark and the header row of `t`. 0, or -1 (errno). */
int csvfile_write_header(FILE *fp, const rows_layout *t);

/* Writes one row: `cells` has one cell per CSV column of `t`, each written
 * as it is (a text cell quoted, a number cell bare). 0, or -1 (errno). */
int csvfile_write_row(FILE *fp, const rows_layout *t, const csvfile_cell *cells);

/* Called for each row that has its line end, the header included; `line`
 * counts rows from 1. A non-zero return stops the reading. */
typedef int (*csvfile_row_fn)(void *ctx, const csvfile_cell *cells, size_t n, size_t line);

/*
 * Reads the CSV file `fp` from its start (a byte order mark is skipped).
 * Sets `*ragged` when the file does not end with a line end, as a write
 * stopped by a kill leaves it: a last row cut short is not given to `fn`.
 * Returns 0, the value of `fn` that stopped it, or -1 with `err` filled
 * (`name` names the file).
 */
int csvfile_read(FILE *fp, const char *name, csvfile_row_fn fn, void *ctx, int *ragged,
                 char err[SINK_ERR_LEN]);

#endif

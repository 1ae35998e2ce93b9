/* A table as a CSV file, written and read back with libcsv (csv_file.h). */
#include "csv_file.h"

#include <csv.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

static const char bom[] = "\xEF\xBB\xBF";

size_t csvfile_columns(const rows_layout *t, const rows_column *out[ROWS_MAX_COLUMNS]) {
  size_t n = 0;
  for (size_t i = 0; i < t->ncolumns; i++)
    if (t->columns[i].in & ROWS_CSV) out[n++] = &t->columns[i];
  return n;
}

int csvfile_write_header(FILE *fp, const rows_layout *t) {
  const rows_column *cols[ROWS_MAX_COLUMNS];
  size_t n = csvfile_columns(t, cols);
  fputs(bom, fp);
  for (size_t i = 0; i < n; i++) {
    if (i) putc(',', fp);
    fputs(cols[i]->name, fp);
  }
  fputs("\r\n", fp);
  return ferror(fp) ? -1 : 0;
}

int csvfile_write_row(FILE *fp, const rows_layout *t, const csvfile_cell *cells) {
  const rows_column *cols[ROWS_MAX_COLUMNS];
  size_t n = csvfile_columns(t, cols);
  for (size_t i = 0; i < n; i++) {
    if (i) putc(',', fp);
    if (!cells[i].s) continue;
    /* a number has no comma, quote or line end: bare, it reads as a number
     * and tells itself from a text that looks like one */
    if (cols[i]->type == ROWS_TEXT)
      csv_fwrite(fp, cells[i].s, cells[i].len);
    else
      fwrite(cells[i].s, 1, cells[i].len, fp);
  }
  fputs("\r\n", fp);
  return ferror(fp) ? -1 : 0;
}

/* The row being read: its cells' bytes one after another, each ended by a
 * NUL, and where each starts (SIZE_MAX for a null cell). */
typedef struct reader {
  parx_buf bytes;
  size_t starts[ROWS_MAX_COLUMNS], lens[ROWS_MAX_COLUMNS];
  size_t n, line;
  int rc, ragged;
  csvfile_row_fn fn;
  void *ctx;
} reader;

static void on_cell(void *s, size_t len, void *data) {
  reader *r = data;
  /* a row with too many cells is still counted, for the caller to refuse */
  if (r->n < ROWS_MAX_COLUMNS) {
    r->starts[r->n] = s ? r->bytes.len : SIZE_MAX;
    r->lens[r->n] = len;
    if (s) parx_buf_add(&r->bytes, s, len);
    parx_buf_add(&r->bytes, "", 1);
  }
  r->n++;
}

static void on_row(int end, void *data) {
  reader *r = data;
  /* libcsv ends the last row with -1 when no line end follows it */
  if (end == -1) r->ragged = 1;
  if (!r->rc && end != -1) {
    csvfile_cell cells[ROWS_MAX_COLUMNS];
    size_t kept = r->n < ROWS_MAX_COLUMNS ? r->n : ROWS_MAX_COLUMNS;
    for (size_t i = 0; i < kept; i++)
      cells[i] = r->starts[i] == SIZE_MAX || r->bytes.failed
                     ? (csvfile_cell){NULL, 0}
                     : (csvfile_cell){r->bytes.s + r->starts[i], r->lens[i]};
    r->rc = r->bytes.failed ? -1 : r->fn(r->ctx, cells, r->n, ++r->line);
  }
  r->n = 0;
  r->bytes.len = 0;
}

int csvfile_read(FILE *fp, const char *name, csvfile_row_fn fn, void *ctx, int *ragged,
                 char err[SINK_ERR_LEN]) {
  struct csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL)) {
    snprintf(err, SINK_ERR_LEN, "%s: out of memory", name);
    return -1;
  }
  reader r = {.fn = fn, .ctx = ctx};
  char buf[1 << 16];
  size_t got;
  int last = '\n'; /* an empty file is whole */
  rewind(fp);
  for (int first = 1; !r.rc && (got = fread(buf, 1, sizeof buf, fp)) > 0; first = 0) {
    size_t skip = first && got >= 3 && !memcmp(buf, bom, 3) ? 3 : 0;
    last = (unsigned char)buf[got - 1];
    if (csv_parse(&p, buf + skip, got - skip, on_cell, on_row, &r) != got - skip) {
      snprintf(err, SINK_ERR_LEN, "%s: not a CSV file (%s, row %zu)", name,
               csv_strerror(csv_error(&p)), r.line + 1);
      r.rc = -1;
    }
  }
  if (!r.rc && ferror(fp)) {
    snprintf(err, SINK_ERR_LEN, "%s: cannot be read", name);
    r.rc = -1;
  }
  if (!r.rc) csv_fini(&p, on_cell, on_row, &r);
  if (r.rc == -1 && r.bytes.failed) snprintf(err, SINK_ERR_LEN, "%s: out of memory", name);
  *ragged = r.ragged || last != '\n';
  csv_free(&p);
  parx_buf_free(&r.bytes);
  return r.rc;
}

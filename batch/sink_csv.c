/*
 * The CSV writer: `part` is a directory of one CSV file per table of
 * record_rows.h (csv_file.h has the file format).
 *
 * An entry is whole on disk when its documents (or errors, duplicates) row
 * is: its child rows are written and flushed first, that row last. A kill
 * between the two leaves child rows whose document_id has no documents row,
 * and a kill inside a write leaves a last row without its line end; `keep`
 * drops both. Flushing hands the rows to the kernel, which keeps them
 * through a kill of the process; no fsync, as an entry is cheap to redo and
 * a sync per entry would cost more than its extraction.
 */
#include "sink_writer.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_file.h"
#include "record_rows.h"

typedef struct csv_writer {
  char *dir;
  char *paths[ROWS_NTABLES]; /* DIR/TABLE.csv; NULL for a table CSV does not have */
  FILE *files[ROWS_NTABLES];
  /* a write failed: a row may be half in a file, and what follows it would
   * be read back as part of it */
  int broken;
} csv_writer;

/* DIR/TABLE.csv plus `suffix` (malloc'd), or NULL. */
static char *file_path(const char *dir, rows_table t, const char *suffix) {
  size_t n = strlen(dir) + strlen(rows_tables[t].name) + strlen(suffix) + 6;
  char *p = malloc(n);
  if (p) snprintf(p, n, "%s/%s.csv%s", dir, rows_tables[t].name, suffix);
  return p;
}

/* Fills `err` with "PATH: WHAT: the cause in errno"; returns -1. */
static int failed(const char *path, const char *what, char err[SINK_ERR_LEN]) {
  snprintf(err, SINK_ERR_LEN, "%s: %s: %s", path, what, strerror(errno ? errno : EIO));
  return -1;
}

/* Text a spreadsheet would run as a formula: = + - @ start one, and a tab or
 * CR at the start is dropped by some before they look. */
static int formula_like(const char *s) {
  return s[0] && strchr("=+-@\t\r", s[0]);
}

/* The CSV cells of a row of `t` into `out`; numbers are printed into
 * `nums`, neutralised text is malloc'd into `owned` (to free). Only text is
 * neutralised: a number cell, -1.5 included, is read by a spreadsheet as a
 * number, never as a formula. -1 when out of memory. */
static int csv_cells(const rows_layout *t, json_t *const *cells, csvfile_cell *out, char nums[][32],
                     char **owned) {
  size_t k = 0;
  for (size_t i = 0; i < t->ncolumns; i++) {
    if (!(t->columns[i].in & ROWS_CSV)) continue;
    const json_t *v = cells[i];
    owned[k] = NULL;
    if (json_is_number(v)) {
      rows_format_number(v, nums[k]);
      out[k] = (csvfile_cell){nums[k], strlen(nums[k])};
    } else if (json_is_string(v)) {
      const char *s = json_string_value(v);
      size_t len = json_string_length(v);
      if (formula_like(s)) {
        if (!(owned[k] = malloc(len + 2))) return -1;
        owned[k][0] = '\'';
        memcpy(owned[k] + 1, s, len + 1);
        s = owned[k];
        len++;
      }
      out[k] = (csvfile_cell){s, len};
    } else {
      out[k] = (csvfile_cell){NULL, 0};
    }
    k++;
  }
  return 0;
}

static int write_failed(const csv_writer *w, rows_table t, char err[SINK_ERR_LEN]) {
  return failed(w->paths[t], "cannot be written", err);
}

static int flush_tables(csv_writer *w, rows_table from, rows_table to, char err[SINK_ERR_LEN]) {
  for (rows_table t = from; t < to; t++)
    if (w->files[t] && fflush(w->files[t])) return write_failed(w, t, err);
  return 0;
}

typedef struct write_ctx {
  csv_writer *w;
  char *err;
} write_ctx;

static int write_row(void *ctx, rows_table t, json_t *const *cells) {
  write_ctx *c = ctx;
  if (!c->w->files[t]) return 0;
  /* the children on disk before the row that makes the entry whole */
  if (t == ROWS_DOCUMENTS && flush_tables(c->w, 0, ROWS_DOCUMENTS, c->err)) {
    c->w->broken = 1;
    return -1;
  }
  csvfile_cell out[ROWS_MAX_COLUMNS];
  char nums[ROWS_MAX_COLUMNS][32], *owned[ROWS_MAX_COLUMNS] = {0};
  errno = ENOMEM;
  int rc = csv_cells(&rows_tables[t], cells, out, nums, owned);
  if (!rc) {
    errno = 0;
    rc = csvfile_write_row(c->w->files[t], &rows_tables[t], out);
  }
  if (rc) {
    write_failed(c->w, t, c->err);
    c->w->broken = 1;
  }
  for (size_t i = 0; i < ROWS_MAX_COLUMNS; i++)
    free(owned[i]);
  return rc;
}

static int csv_write_entry(void *writer, const char *entry, char err[SINK_ERR_LEN]) {
  csv_writer *w = writer;
  write_ctx c = {w, err};
  if (w->broken) {
    snprintf(err, SINK_ERR_LEN, "%s: not written after an earlier failure", w->dir);
    return -1;
  }
  if (rows_of_entry(entry, write_row, &c, err)) return -1;
  if (flush_tables(w, ROWS_DOCUMENTS, ROWS_NTABLES, err)) w->broken = 1;
  return w->broken ? -1 : 0;
}

static int close_files(csv_writer *w, char err[SINK_ERR_LEN]) {
  int rc = 0;
  for (rows_table t = 0; t < ROWS_NTABLES; t++) {
    errno = 0;
    if (w->files[t] && fclose(w->files[t]) && !rc) rc = write_failed(w, t, err);
    w->files[t] = NULL;
  }
  return rc;
}

static int csv_close(void *writer, char err[SINK_ERR_LEN]) {
  csv_writer *w = writer;
  int rc = close_files(w, err);
  for (rows_table t = 0; t < ROWS_NTABLES; t++)
    free(w->paths[t]);
  free(w->dir);
  free(w);
  return rc;
}

/* --- keep: reading back what an interrupted run wrote ------------------- */

/* One table's file being read back (and, on the second pass, rewritten). */
typedef struct scan {
  const rows_layout *t;
  const char *name;
  seen *ids; /* the documents rows read: the entries that are whole */
  seen *done;
  int rereading; /* the second pass: its rows were counted already */
  FILE *out;     /* the rewritten file on the second pass, else NULL */
  size_t dropped;
  int headed; /* the header has been read */
  int id, path, sha;
  char *err;
} scan;

static int column(const rows_layout *t, const char *name) {
  const rows_column *cols[ROWS_MAX_COLUMNS];
  size_t n = csvfile_columns(t, cols);
  for (size_t i = 0; i < n; i++)
    if (!strcmp(cols[i]->name, name)) return (int)i;
  return -1;
}

static int scan_row(void *ctx, const csvfile_cell *cells, size_t n, size_t line) {
  scan *s = ctx;
  const rows_column *cols[ROWS_MAX_COLUMNS];
  size_t want = csvfile_columns(s->t, cols);
  int header = !s->headed;
  for (size_t i = 0; header && i < n && i < want; i++)
    header = cells[i].s && !strcmp(cells[i].s, cols[i]->name);
  if (!s->headed && !header) {
    snprintf(s->err, SINK_ERR_LEN, "%s: not written by parx: its header is not that of %s.csv",
             s->name, s->t->name);
    return -1;
  }
  if (n != want) {
    snprintf(s->err, SINK_ERR_LEN, "%s row %zu: %zu cells, %zu wanted", s->name, line, n, want);
    return -1;
  }
  if (header) {
    s->headed = 1;
    return 0;
  }
  const char *id = s->id >= 0 && cells[s->id].s ? cells[s->id].s : "";
  /* a child row is kept when its document's row is there: that row makes
   * the entry whole */
  int documents = s->t == &rows_tables[ROWS_DOCUMENTS];
  int keep = s->id < 0 || documents || seen_has_path(s->ids, id);
  if (!s->rereading && keep && s->path >= 0) {
    const char *path = cells[s->path].s ? cells[s->path].s : "";
    const char *sha = cells[s->sha].s ? cells[s->sha].s : "";
    if ((documents && seen_add(s->ids, id, NULL)) || (s->done && seen_add(s->done, path, sha))) {
      snprintf(s->err, SINK_ERR_LEN, "%s: out of memory", s->name);
      return -1;
    }
  }
  s->dropped += !keep;
  if (keep && s->out && csvfile_write_row(s->out, s->t, cells)) {
    return failed(s->name, "cannot be rewritten", s->err);
  }
  return 0;
}

/* Writes TABLE.csv.tmp with the header and the rows kept, and renames it
 * over TABLE.csv: a kill during the repair leaves the file as it was. */
static int rewrite(csv_writer *w, rows_table t, FILE *in, scan *s, char err[SINK_ERR_LEN]) {
  char *tmp = file_path(w->dir, t, ".tmp");
  errno = ENOMEM;
  FILE *out = tmp ? fopen(tmp, "wb") : NULL;
  if (!out || csvfile_write_header(out, s->t)) {
    failed(tmp ? tmp : w->paths[t], "cannot be written", err);
    if (out) fclose(out);
    free(tmp);
    return -1;
  }
  s->out = out;
  s->rereading = 1;
  s->headed = 0;
  int ragged, rc = in ? csvfile_read(in, s->name, scan_row, s, &ragged, err) : 0;
  errno = 0;
  if (fclose(out) && !rc) rc = failed(tmp, "cannot be written", err);
  if (!rc && rename(tmp, w->paths[t])) rc = failed(tmp, "cannot be renamed", err);
  if (rc) unlink(tmp);
  free(tmp);
  return rc;
}

/* Reads TABLE.csv back into `done` and `ids`, repairs it when a kill left
 * rows that are not whole, and opens it to append. */
static int reopen(csv_writer *w, rows_table t, seen *ids, seen *done, char err[SINK_ERR_LEN]) {
  const rows_layout *layout = &rows_tables[t];
  const char *path = w->paths[t];
  scan s = {.t = layout,
            .name = path,
            .ids = ids,
            .done = done,
            .id = -1,
            .path = -1,
            .sha = -1,
            .err = err};
  if (t != ROWS_ERRORS && t != ROWS_DUPLICATES)
    s.id = column(layout, t == ROWS_DOCUMENTS ? "id" : "document_id");
  if (t == ROWS_DOCUMENTS || t == ROWS_ERRORS || t == ROWS_DUPLICATES) {
    s.path = column(layout, "path");
    s.sha = column(layout, t == ROWS_DOCUMENTS ? "id" : "sha256");
  }
  /* what a kill during a repair left */
  char *tmp = file_path(w->dir, t, ".tmp");
  if (tmp) unlink(tmp);
  free(tmp);
  FILE *in = fopen(path, "rb");
  if (!in && errno != ENOENT) return failed(path, "cannot be read", err);
  int ragged = 1, rc = in ? csvfile_read(in, path, scan_row, &s, &ragged, err) : 0;
  /* a file without its header was cut short while the run began */
  if (!rc && (ragged || s.dropped || !s.headed)) rc = rewrite(w, t, in, &s, err);
  if (in) fclose(in);
  if (!rc && !(w->files[t] = fopen(path, "ab"))) rc = failed(path, "cannot be opened", err);
  return rc;
}

static int create(csv_writer *w, rows_table t, char err[SINK_ERR_LEN]) {
  errno = 0;
  if (!(w->files[t] = fopen(w->paths[t], "wb")) ||
      csvfile_write_header(w->files[t], &rows_tables[t]) || fflush(w->files[t]))
    return write_failed(w, t, err);
  return 0;
}

static void *csv_open(const char *part, int keep, seen *done, char err[SINK_ERR_LEN]) {
  csv_writer *w = calloc(1, sizeof *w);
  seen *ids = keep ? seen_new() : NULL;
  int rc = !w || !(w->dir = strdup(part)) || (keep && !ids);
  for (rows_table t = 0; t < ROWS_NTABLES && !rc; t++)
    if (rows_tables[t].in & ROWS_CSV) rc = !(w->paths[t] = file_path(part, t, ""));
  if (rc) snprintf(err, SINK_ERR_LEN, "%s: out of memory", part);
  if (!rc && !keep && mkdir(part, 0777)) rc = failed(part, "cannot be made", err);
  /* documents, errors and duplicates first: what they hold is whole, and
   * the rows of the other files are kept by the documents rows */
  for (int children = 0; children < 2 && !rc; children++)
    for (rows_table t = 0; t < ROWS_NTABLES && !rc; t++)
      if (w->paths[t] && !rows_tables[t].list == !children)
        rc = keep ? reopen(w, t, ids, done, err) : create(w, t, err);
  seen_free(ids);
  if (rc && w) {
    char ignored[SINK_ERR_LEN];
    csv_close(w, ignored);
    return NULL;
  }
  return w;
}

/* --- remove ------------------------------------------------------------- */

/* 1 when `name` is a file this writer makes: TABLE.csv or TABLE.csv.tmp. */
static int ours(const char *name) {
  for (rows_table t = 0; t < ROWS_NTABLES; t++) {
    size_t n = strlen(rows_tables[t].name);
    if ((rows_tables[t].in & ROWS_CSV) && !strncmp(name, rows_tables[t].name, n) &&
        (!strcmp(name + n, ".csv") || !strcmp(name + n, ".csv.tmp")))
      return 1;
  }
  return 0;
}

static int csv_remove(const char *path, char err[SINK_ERR_LEN]) {
  struct stat st;
  if (lstat(path, &st)) return errno == ENOENT ? 0 : failed(path, "cannot be removed", err);
  if (!S_ISDIR(st.st_mode)) {
    snprintf(err, SINK_ERR_LEN, "%s is not a directory of CSV files: not removed", path);
    return -1;
  }
  /* every name looked at before anything is removed */
  for (int pass = 0; pass < 2; pass++) {
    DIR *d = opendir(path);
    if (!d) return failed(path, "cannot be removed", err);
    struct dirent *e;
    int rc = 0;
    while (!rc && (e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      if (!ours(e->d_name)) {
        snprintf(err, SINK_ERR_LEN, "%s holds %s, which parx did not write: not removed", path,
                 e->d_name);
        rc = -1;
      } else if (pass && unlinkat(dirfd(d), e->d_name, 0)) {
        rc = failed(path, "cannot be removed", err);
      }
    }
    closedir(d);
    if (rc) return -1;
  }
  return rmdir(path) ? failed(path, "cannot be removed", err) : 0;
}

const sink_writer_ops sink_csv_ops = {csv_open, csv_write_entry, csv_close, csv_remove};

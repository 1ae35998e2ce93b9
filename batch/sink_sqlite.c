/*
 * The SQLite writer: `part` is a database with a table per table of
 * record_rows.h, its columns declared from the same layout as the CSV
 * files. Each entry is one transaction, so a kill leaves whole entries only
 * (SQLite rolls back the rest from its journal when the file is next
 * opened).
 */
#include "sink_writer.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "record_rows.h"

/* Marks a database this writer made (PRAGMA application_id: "parx"), and
 * the version of its layout (PRAGMA user_version). */
enum { PARX_APPLICATION_ID = 0x70617278, LAYOUT_VERSION = 1 };

/* Deferred: a record's children are inserted before its documents row (the
 * order of record_rows.h), checked at COMMIT. */
#define CHILD_OF_DOCUMENT                                                                          \
  "FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE DEFERRABLE INITIALLY "    \
  "DEFERRED"

static const char *const constraints[ROWS_NTABLES] = {
    [ROWS_RESULTS] = CHILD_OF_DOCUMENT,
    [ROWS_CRITERIA] = CHILD_OF_DOCUMENT,
    [ROWS_SCORES] = CHILD_OF_DOCUMENT,
    [ROWS_DEFICITS] = CHILD_OF_DOCUMENT,
    [ROWS_TASKS] = "PRIMARY KEY (document_id, task), " CHILD_OF_DOCUMENT,
    [ROWS_TASK_AGENCIES] = "FOREIGN KEY (document_id, task) REFERENCES tasks (document_id, task) "
                           "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
    [ROWS_DOCUMENTS] = "PRIMARY KEY (id)",
};

/* What the example queries of the README group and filter by, and the
 * foreign keys (which a delete of a document would otherwise scan for). */
static const char indexes[] =
    "CREATE INDEX criteria_code ON criteria (code);"
    "CREATE INDEX scores_code ON scores (code);"
    "CREATE INDEX deficits_code ON deficits (code);"
    "CREATE INDEX task_agencies_agency ON task_agencies (agency, role);"
    "CREATE INDEX tasks_deadline ON tasks (deadline_date);"
    "CREATE INDEX results_document ON results (document_id);"
    "CREATE INDEX criteria_document ON criteria (document_id);"
    "CREATE INDEX scores_document ON scores (document_id);"
    "CREATE INDEX deficits_document ON deficits (document_id);"
    "CREATE INDEX task_agencies_task ON task_agencies (document_id, task);";

typedef struct sql_writer {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *insert[ROWS_NTABLES]; /* NULL for a table SQLite does not have */
  sqlite3_stmt *begin, *commit, *rollback;
  char *err; /* the current write's message */
} sql_writer;

static int db_failed(sqlite3 *db, const char *path, const char *doing, char err[SINK_ERR_LEN]) {
  snprintf(err, SINK_ERR_LEN, "%s: %s: %s", path, doing, db ? sqlite3_errmsg(db) : "out of memory");
  return -1;
}

/* CREATE TABLE for `t` from its layout; the names are quoted, as `index`
 * is a word of SQL. */
static void table_sql(rows_table t, parx_buf *b) {
  static const char *const types[] = {
      [ROWS_TEXT] = "TEXT", [ROWS_INTEGER] = "INTEGER", [ROWS_REAL] = "REAL"};
  const rows_layout *l = &rows_tables[t];
  parx_buf_adds(b, "CREATE TABLE \"");
  parx_buf_adds(b, l->name);
  parx_buf_adds(b, "\" (");
  const char *sep = "";
  for (size_t i = 0; i < l->ncolumns; i++) {
    if (!(l->columns[i].in & ROWS_SQL)) continue;
    parx_buf_adds(b, sep);
    parx_buf_adds(b, "\"");
    parx_buf_adds(b, l->columns[i].name);
    parx_buf_adds(b, "\" ");
    parx_buf_adds(b, types[l->columns[i].type]);
    sep = ", ";
  }
  if (constraints[t]) {
    parx_buf_adds(b, sep);
    parx_buf_adds(b, constraints[t]);
  }
  parx_buf_adds(b, ");");
}

static int create_schema(sql_writer *w, char err[SINK_ERR_LEN]) {
  parx_buf b = {0};
  parx_buf_adds(&b, "BEGIN;");
  /* documents first: the table the others refer to reads first in .schema */
  table_sql(ROWS_DOCUMENTS, &b);
  for (rows_table t = 0; t < ROWS_NTABLES; t++)
    if (t != ROWS_DOCUMENTS && (rows_tables[t].in & ROWS_SQL)) table_sql(t, &b);
  parx_buf_adds(&b, indexes);
  char pragmas[128];
  snprintf(pragmas, sizeof pragmas, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
           PARX_APPLICATION_ID, LAYOUT_VERSION);
  parx_buf_adds(&b, pragmas);
  parx_buf_adds(&b, "COMMIT;");
  int rc = b.failed ? db_failed(NULL, w->path, "schema", err)
           : sqlite3_exec(w->db, b.s, NULL, NULL, NULL)
               ? db_failed(w->db, w->path, "the tables cannot be made", err)
               : 0;
  if (rc) sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
  parx_buf_free(&b);
  return rc;
}

/* The single integer a statement gives (a pragma, a count), or -1. */
static long long query_int(sqlite3 *db, const char *sql) {
  sqlite3_stmt *st;
  long long v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

/* 1 when `db` is one this writer made, 0 when it holds no table (a run
 * killed before its tables were made), -1 otherwise. */
static int ours(sqlite3 *db) {
  long long id = query_int(db, "PRAGMA application_id");
  if (id == PARX_APPLICATION_ID) return 1;
  return id == 0 && query_int(db, "SELECT count(*) FROM sqlite_master") == 0 ? 0 : -1;
}

/* Puts the path and SHA-256 of every entry the database holds into `done`,
 * in the order they were written (the first path of a SHA-256 first). */
static int read_back(sql_writer *w, seen *done, char err[SINK_ERR_LEN]) {
  static const char *const queries[] = {
      "SELECT path, id FROM documents ORDER BY rowid",
      "SELECT path, sha256 FROM errors ORDER BY rowid",
      "SELECT path, sha256 FROM duplicates ORDER BY rowid",
  };
  for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(w->db, queries[q], -1, &st, NULL))
      return db_failed(w->db, w->path, "cannot be read back", err);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const char *path = (const char *)sqlite3_column_text(st, 0);
      const char *sha = (const char *)sqlite3_column_text(st, 1);
      if (seen_add(done, path ? path : "", sha ? sha : "")) {
        sqlite3_finalize(st);
        snprintf(err, SINK_ERR_LEN, "%s: out of memory", w->path);
        return -1;
      }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_failed(w->db, w->path, "cannot be read back", err);
  }
  return 0;
}

static int prepare(sql_writer *w, char err[SINK_ERR_LEN]) {
  for (rows_table t = 0; t < ROWS_NTABLES; t++) {
    const rows_layout *l = &rows_tables[t];
    if (!(l->in & ROWS_SQL)) continue;
    parx_buf b = {0};
    parx_buf_adds(&b, "INSERT INTO \"");
    parx_buf_adds(&b, l->name);
    parx_buf_adds(&b, "\" VALUES (");
    for (size_t i = 0, k = 0; i < l->ncolumns; i++)
      if (l->columns[i].in & ROWS_SQL) parx_buf_adds(&b, k++ ? ", ?" : "?");
    parx_buf_adds(&b, ")");
    int rc = b.failed ||
             sqlite3_prepare_v3(w->db, b.s, -1, SQLITE_PREPARE_PERSISTENT, &w->insert[t], NULL);
    parx_buf_free(&b);
    if (rc) return db_failed(w->db, w->path, "cannot insert", err);
  }
  if (sqlite3_prepare_v3(w->db, "BEGIN", -1, SQLITE_PREPARE_PERSISTENT, &w->begin, NULL) ||
      sqlite3_prepare_v3(w->db, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &w->commit, NULL) ||
      sqlite3_prepare_v3(w->db, "ROLLBACK", -1, SQLITE_PREPARE_PERSISTENT, &w->rollback, NULL))
    return db_failed(w->db, w->path, "cannot write", err);
  return 0;
}

static int sql_close(void *writer, char err[SINK_ERR_LEN]) {
  sql_writer *w = writer;
  for (rows_table t = 0; t < ROWS_NTABLES; t++)
    sqlite3_finalize(w->insert[t]);
  sqlite3_finalize(w->begin);
  sqlite3_finalize(w->commit);
  sqlite3_finalize(w->rollback);
  int rc = sqlite3_close(w->db) ? db_failed(w->db, w->path, "cannot be closed", err) : 0;
  free(w->path);
  free(w);
  return rc;
}

static void *sql_open(const char *part, int keep, seen *done, char err[SINK_ERR_LEN]) {
  sql_writer *w = calloc(1, sizeof *w);
  if (!w || !(w->path = strdup(part))) {
    snprintf(err, SINK_ERR_LEN, "%s: out of memory", part);
    free(w);
    return NULL;
  }
  struct stat st;
  int rc = 0;
  if (!keep && !lstat(part, &st)) {
    /* sink.c removes a leftover first: whatever is there is not ours */
    snprintf(err, SINK_ERR_LEN, "%s: already exists", part);
    rc = -1;
  }
  int flags = SQLITE_OPEN_READWRITE | (keep ? 0 : SQLITE_OPEN_CREATE);
  if (!rc)
    rc = sqlite3_open_v2(part, &w->db, flags, NULL)
             ? db_failed(w->db, part, "cannot be opened", err)
         /* DELETE: no -wal file beside the database, which is renamed
          * when complete. synchronous OFF: a committed entry is in the
          * kernel's hands, which is what a kill of the process needs;
          * what only a crash of the system would lose is a run to
          * start again, not worth a sync per entry. */
         : sqlite3_exec(w->db,
                        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE;"
                        "PRAGMA synchronous = OFF;",
                        NULL, NULL, NULL)
             ? db_failed(w->db, part, "cannot be set up", err)
             : 0;
  if (!rc) {
    int mine = keep ? ours(w->db) : 0;
    const char *wrong = mine < 0 ? "a SQLite database parx did not write"
                        : mine && query_int(w->db, "PRAGMA user_version") != LAYOUT_VERSION
                            ? "written by another version of parx"
                            : NULL;
    if (wrong) {
      snprintf(err, SINK_ERR_LEN, "%s: %s", part, wrong);
      rc = -1;
    } else if (!mine) {
      rc = create_schema(w, err);
    }
  }
  if (!rc && keep && done) rc = read_back(w, done, err);
  if (!rc) rc = prepare(w, err);
  if (rc) {
    char ignored[SINK_ERR_LEN];
    sql_close(w, ignored);
    return NULL;
  }
  return w;
}

static int run(sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int insert_row(void *ctx, rows_table t, json_t *const *cells) {
  sql_writer *w = ctx;
  sqlite3_stmt *st = w->insert[t];
  if (!st) return 0;
  const rows_layout *l = &rows_tables[t];
  int k = 0, rc = SQLITE_OK;
  for (size_t i = 0; i < l->ncolumns && rc == SQLITE_OK; i++) {
    if (!(l->columns[i].in & ROWS_SQL)) continue;
    const json_t *v = cells[i];
    k++;
    /* the cells live until this returns */
    if (json_is_string(v))
      rc =
          sqlite3_bind_text(st, k, json_string_value(v), (int)json_string_length(v), SQLITE_STATIC);
    else if (json_is_integer(v))
      rc = sqlite3_bind_int64(st, k, json_integer_value(v));
    else if (json_is_real(v))
      rc = sqlite3_bind_double(st, k, json_real_value(v));
    else
      rc = sqlite3_bind_null(st, k);
  }
  if (rc == SQLITE_OK) rc = run(st) ? SQLITE_ERROR : SQLITE_OK;
  sqlite3_clear_bindings(st);
  if (rc != SQLITE_OK) {
    char doing[64];
    snprintf(doing, sizeof doing, "a row of %s", l->name);
    return db_failed(w->db, w->path, doing, w->err);
  }
  return 0;
}

static int sql_write(void *writer, const char *entry, char err[SINK_ERR_LEN]) {
  sql_writer *w = writer;
  if (run(w->begin)) return db_failed(w->db, w->path, "cannot begin", err);
  w->err = err;
  int rc = rows_of_entry(entry, insert_row, w, err);
  /* a deferred foreign key that fails shows at COMMIT */
  if (!rc && run(w->commit)) rc = db_failed(w->db, w->path, "cannot commit", err);
  if (rc && sqlite3_get_autocommit(w->db) == 0) run(w->rollback);
  return rc ? -1 : 0;
}

/* 1 when `path` starts as a SQLite database does, 0 when it is empty (as
 * sqlite3_open leaves it before the first write), -1 otherwise. */
static int sqlite_header(const char *path) {
  static const char magic[16] = "SQLite format 3";
  char head[16];
  FILE *fp = fopen(path, "rb");
  if (!fp) return -1;
  size_t got = fread(head, 1, sizeof head, fp);
  fclose(fp);
  if (got == 0) return 0;
  return got == sizeof head && !memcmp(head, magic, sizeof head) ? 1 : -1;
}

static int sql_remove(const char *path, char err[SINK_ERR_LEN]) {
  struct stat st;
  if (lstat(path, &st)) {
    if (errno == ENOENT) return 0;
    snprintf(err, SINK_ERR_LEN, "%s: %s", path, strerror(errno));
    return -1;
  }
  int head = S_ISREG(st.st_mode) ? sqlite_header(path) : -1;
  if (head < 0) {
    snprintf(err, SINK_ERR_LEN, "%s is not a SQLite database: not removed", path);
    return -1;
  }
  if (head) {
    sqlite3 *db = NULL;
    /* read-write: a hot journal left by a kill is rolled back first */
    int mine = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) ? -1 : ours(db);
    sqlite3_close(db);
    if (mine < 0) {
      snprintf(err, SINK_ERR_LEN, "%s is a SQLite database parx did not write: not removed", path);
      return -1;
    }
  }
  char journal[4096];
  snprintf(journal, sizeof journal, "%s-journal", path);
  if (unlink(path) || (unlink(journal) && errno != ENOENT)) {
    snprintf(err, SINK_ERR_LEN, "%s: cannot be removed: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}

const sink_writer_ops sink_sqlite_ops = {sql_open, sql_write, sql_close, sql_remove};

/* Unit tests of the CSV and SQLite writers of `parx batch` (batch/sink_csv.c,
 * batch/sink_sqlite.c) on the entries of tests/sinks/entries.jsonl, read back
 * through libcsv and the sqlite3 API. PARX_TEST_KEEP=1 keeps the outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record_rows.h"
#include "sink_writer.h"

#define ENTRIES PARX_TEST_DATA "/sinks/entries.jsonl"
#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_D "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"

/* The entries of the file: two records, an error, a duplicate of the first
 * record, and a record for after a resume. */
enum { E_DAKLAK, E_QUANGNAM, E_ERROR, E_DUPLICATE, E_HUE, NENTRIES };

/* The README's example queries, checked against what they give here. */
static const char q_average[] =
    "SELECT code, year, avg(score) AS average, count(*) AS n FROM scores "
    "WHERE kind = 'actual' AND code IS NOT NULL AND year IS NOT NULL "
    "GROUP BY code, year ORDER BY code, year";
static const char q_lost[] =
    "SELECT CASE WHEN code IS NULL THEN NULL ELSE substr(code, 1, instr(code || '.', '.') - 1) "
    "END AS field, sum(lost) AS lost, count(*) AS n FROM deficits GROUP BY field ORDER BY lost "
    "DESC";
static const char q_agency[] =
    "SELECT agency, count(*) AS tasks FROM task_agencies JOIN tasks USING (document_id, task) "
    "WHERE role = 'lead' AND deadline_date BETWEEN '2018-01-01' AND '2018-03-31' "
    "GROUP BY agency ORDER BY tasks DESC, agency";

typedef struct fixture {
  char dir[64], part[96];
  char *entries[NENTRIES];
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  FILE *fp = fopen(ENTRIES, "rb");
  if (!f || !fp) return -1;
  size_t cap = 0;
  for (int i = 0; i < NENTRIES; i++) {
    ssize_t n = getline(&f->entries[i], &cap, fp);
    if (n <= 0) return -1;
    f->entries[i][n - 1] = '\0';
    cap = 0;
  }
  fclose(fp);
  snprintf(f->dir, sizeof f->dir, "/tmp/parx-test-sinks-XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  snprintf(f->part, sizeof f->part, "%s/out.part", f->dir);
  *state = f;
  return 0;
}

static void remove_tree(const char *path) {
  DIR *d = opendir(path);
  struct dirent *e;
  while (d && (e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char sub[512];
    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    remove_tree(sub);
  }
  if (d) closedir(d);
  remove(path);
}

static int teardown(void **state) {
  fixture *f = *state;
  if (getenv("PARX_TEST_KEEP"))
    fprintf(stderr, "kept %s\n", f->dir);
  else
    remove_tree(f->dir);
  for (int i = 0; i < NENTRIES; i++)
    free(f->entries[i]);
  free(f);
  return 0;
}

/* Writes entries [from, to) into `part` through `ops`, opened with `keep`. */
static void write_entries(const fixture *f, const sink_writer_ops *ops, int keep, seen *done,
                          int from, int to) {
  char err[SINK_ERR_LEN] = "";
  void *w = ops->open(f->part, keep, done, err);
  if (!w) fail_msg("open: %s", err);
  for (int i = from; i < to; i++)
    if (ops->write(w, f->entries[i], err)) fail_msg("entry %d: %s", i, err);
  if (ops->close(w, err)) fail_msg("close: %s", err);
}

/* How many rows of `t` entries [from, to) give, counted from their JSON. */
static size_t expected_rows(const fixture *f, rows_table t, int from, int to) {
  size_t n = 0;
  for (int i = from; i < to; i++) {
    json_t *e = json_loads(f->entries[i], 0, NULL);
    int record = !json_object_get(e, "error") && !json_object_get(e, "duplicate_of");
    const char *list = rows_tables[t].list;
    if (t == ROWS_ERRORS)
      n += json_object_get(e, "error") != NULL;
    else if (t == ROWS_DUPLICATES)
      n += json_object_get(e, "duplicate_of") != NULL;
    else if (t == ROWS_DOCUMENTS)
      n += record;
    else if (list)
      n += json_array_size(json_object_get(e, list));
    size_t k;
    json_t *task;
    if (t == ROWS_TASK_AGENCIES)
      json_array_foreach(json_object_get(e, "tasks"), k, task) n +=
          json_array_size(json_object_get(task, "lead")) +
          json_array_size(json_object_get(task, "support"));
    json_decref(e);
  }
  return n;
}

/* --- CSV read back with libcsv ------------------------------------------ */

enum { MAX_ROWS = 32 };

typedef struct csv_table {
  char *cells[MAX_ROWS][ROWS_MAX_COLUMNS]; /* NULL: an empty cell without quotes */
  size_t ncells[MAX_ROWS], rows;           /* rows[0] is the header */
  int bom;
  char *raw;
} csv_table;

static void on_cell(void *s, size_t len, void *data) {
  csv_table *t = data;
  size_t *n = &t->ncells[t->rows < MAX_ROWS ? t->rows : MAX_ROWS - 1];
  if (t->rows < MAX_ROWS && *n < ROWS_MAX_COLUMNS) t->cells[t->rows][*n] = s ? strndup(s, len) : 0;
  (*n)++;
}

static void on_row(int end, void *data) {
  (void)end;
  ((csv_table *)data)->rows++;
}

static csv_table *read_csv(const fixture *f, const char *name) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s.csv", f->part, name);
  FILE *fp = fopen(path, "rb");
  if (!fp) fail_msg("%s: %s", path, strerror(errno));
  csv_table *t = calloc(1, sizeof *t);
  t->raw = calloc(1, 1 << 16);
  size_t len = fread(t->raw, 1, (1 << 16) - 1, fp);
  fclose(fp);
  t->bom = len >= 3 && !memcmp(t->raw, "\xEF\xBB\xBF", 3);
  struct csv_parser p;
  assert_int_equal(csv_init(&p, CSV_STRICT | CSV_EMPTY_IS_NULL), 0);
  assert_int_equal(csv_parse(&p, t->raw + 3 * t->bom, len - 3 * t->bom, on_cell, on_row, t),
                   len - 3 * t->bom);
  csv_fini(&p, on_cell, on_row, t);
  csv_free(&p);
  assert_true(t->rows <= MAX_ROWS);
  return t;
}

static void free_csv(csv_table *t) {
  for (size_t r = 0; r < MAX_ROWS; r++)
    for (size_t c = 0; c < ROWS_MAX_COLUMNS; c++)
      free(t->cells[r][c]);
  free(t->raw);
  free(t);
}

/* The cell of data row `row` (from 1) under the header `column`. */
static const char *cell(const csv_table *t, size_t row, const char *column) {
  assert_true(row > 0 && row < t->rows);
  for (size_t c = 0; c < t->ncells[0]; c++)
    if (!strcmp(t->cells[0][c], column)) return t->cells[row][c];
  fail_msg("no column %s", column);
  return NULL;
}

/* The data row whose `column` is `value`. */
static size_t row_where(const csv_table *t, const char *column, const char *value) {
  for (size_t r = 1; r < t->rows; r++) {
    const char *v = cell(t, r, column);
    if (v && !strcmp(v, value)) return r;
  }
  fail_msg("no row with %s = %s", column, value);
  return 0;
}

/* Every CSV file: a BOM, the layout's header, one row per item. */
static void check_csv_counts(const fixture *f, int from, int to, int from2, int to2) {
  for (rows_table t = 0; t < ROWS_NTABLES; t++) {
    if (!(rows_tables[t].in & ROWS_CSV)) continue;
    csv_table *c = read_csv(f, rows_tables[t].name);
    assert_true(c->bom);
    size_t k = 0;
    for (size_t i = 0; i < rows_tables[t].ncolumns; i++)
      if (rows_tables[t].columns[i].in & ROWS_CSV)
        assert_string_equal(c->cells[0][k++], rows_tables[t].columns[i].name);
    assert_int_equal(c->ncells[0], k);
    for (size_t r = 1; r < c->rows; r++)
      assert_int_equal(c->ncells[r], k);
    size_t want = expected_rows(f, t, from, to) + expected_rows(f, t, from2, to2);
    if (c->rows - 1 != want)
      fail_msg("%s: %zu rows, %zu wanted", rows_tables[t].name, c->rows - 1, want);
    /* whole: the last row has its line end */
    size_t len = strlen(c->raw);
    assert_true(len >= 2 && !strcmp(c->raw + len - 2, "\r\n"));
    free_csv(c);
  }
}

static void assert_cell(const csv_table *t, size_t row, const char *column, const char *want) {
  const char *got = cell(t, row, column);
  if (!want && got) fail_msg("%s: \"%s\", null wanted", column, got);
  if (want && (!got || strcmp(got, want)))
    fail_msg("%s: \"%s\", \"%s\" wanted", column, got ? got : "(null)", want);
}

/* Cells read back: the row of FILE whose KEY is KEY_VALUE has VALUE under
 * COLUMN (NULL: an empty cell without quotes). A leading ' marks text that
 * a spreadsheet would run as a formula. */
static const struct {
  const char *file, *key, *key_value, *column, *value;
} csv_values[] = {
    {"documents", "id", SHA_A, "path", "plans/Đắk Lắk, 2017.pdf"},
    {"documents", "id", SHA_A, "title", "KẾ HOẠCH Nâng cao Chỉ số CCHC năm 2018"},
    {"documents", "id", SHA_A, "pages", "12"},
    {"documents", "id", SHA_A, "warning_count", "2"},
    {"documents", "id", SHA_A, "warnings",
     "page 3: table row without agency\nscore 7/5 exceeds its max"},
    {"documents", "format", "docx", "title", "'@Kế hoạch CCHC tỉnh Quảng Nam"},
    {"documents", "format", "docx", "number", NULL},
    {"documents", "format", "docx", "pages", NULL},
    {"results", "line", "14", "unit", "Sở Tư pháp"},
    {"results", "line", "14", "percent", "75.07"},
    {"results", "line", "14", "rank", NULL},
    {"criteria", "line", "20", "title", "Tỷ lệ hồ sơ \"một cửa\", liên thông"},
    {"criteria", "line", "22", "max", "7.5"},
    {"scores", "line", "20", "max", "1"},
    {"scores", "line", "31", "score", "-0.5"}, /* a number: no prefix */
    {"deficits", "line", "20", "reason", "do chậm báo cáo,\n\"trễ hạn\""},
    {"deficits", "line", "25", "reason", "'=HYPERLINK(\"http://x\")"},
    {"deficits", "line", "25", "code", NULL},
    {"deficits", "line", "25", "lost", "1.5"},
    {"tasks", "line", "40", "text", "'=1+2 Tham mưu UBND tỉnh ban hành kế hoạch"},
    {"tasks", "line", "40", "support", "Văn phòng UBND tỉnh; Sở Tư pháp"},
    {"tasks", "line", "40", "criteria", "5.4; 1"},
    {"tasks", "line", "40", "deadline_date", "2018-03-31"},
    {"tasks", "line", "41", "text", "'-Rà soát thủ tục hành chính"},
    {"tasks", "line", "41", "lead", "Sở Tư pháp; UBND các huyện, thị xã, thành phố"},
    {"tasks", "line", "41", "support", ""},
    {"tasks", "line", "42", "text", "'@Báo cáo định kỳ"},
    {"tasks", "line", "42", "deadline_date", NULL},
    {"tasks", "line", "43", "task", "4"},
    {"tasks", "line", "43", "deadline_kind", NULL},
    {"tasks", "line", "43", "page", NULL},
    {"tasks", "line", "9", "output", "'+ Báo cáo"},
    {"errors", "kind", "read", "path", "plans/hỏng.pdf"},
    {"errors", "kind", "read", "sha256", NULL},
    {"errors", "kind", "read", "bytes", NULL},
    {"errors", "kind", "read", "message", "cannot open \"plans/hỏng.pdf\": Permission denied"},
    {"duplicates", "path", "copies/dak-lak.pdf", "sha256", SHA_A},
    {"duplicates", "path", "copies/dak-lak.pdf", "duplicate_of", "plans/Đắk Lắk, 2017.pdf"},
};

static void test_csv_rows(void **state) {
  fixture *f = *state;
  write_entries(f, &sink_csv_ops, 0, NULL, 0, E_HUE);
  check_csv_counts(f, 0, E_HUE, 0, 0);
  for (size_t i = 0; i < sizeof csv_values / sizeof *csv_values; i++) {
    csv_table *t = read_csv(f, csv_values[i].file);
    assert_cell(t, row_where(t, csv_values[i].key, csv_values[i].key_value), csv_values[i].column,
                csv_values[i].value);
    free_csv(t);
  }
  /* a number is bare in the file, a text quoted */
  csv_table *t = read_csv(f, "scores");
  assert_non_null(strstr(t->raw, ",-0.5,,\"actual\""));
  free_csv(t);
}

/* --- SQLite read back --------------------------------------------------- */

static sqlite3 *open_db(const fixture *f) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open_v2(f->part, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  return db;
}

/* The first row of `sql` as text, its cells joined by "|" ("NULL" for null). */
static char *query(sqlite3 *db, const char *sql) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL)) fail_msg("%s: %s", sql, sqlite3_errmsg(db));
  char out[1024] = "";
  if (sqlite3_step(st) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count(st); i++) {
      const char *v = (const char *)sqlite3_column_text(st, i);
      snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? "|" : "", v ? v : "NULL");
    }
  sqlite3_finalize(st);
  return strdup(out);
}

static void assert_query(sqlite3 *db, const char *sql, const char *want) {
  char *got = query(db, sql);
  if (strcmp(got, want)) fail_msg("%s\ngave \"%s\", \"%s\" wanted", sql, got, want);
  free(got);
}

static void check_sql_counts(const fixture *f, sqlite3 *db, int from, int to, int from2, int to2) {
  for (rows_table t = 0; t < ROWS_NTABLES; t++) {
    char sql[128], want[32];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", rows_tables[t].name);
    snprintf(want, sizeof want, "%zu",
             expected_rows(f, t, from, to) + expected_rows(f, t, from2, to2));
    assert_query(db, sql, want);
  }
}

/* Queries and their first row (cells joined by "|"). */
static const char *const sql_values[][2] = {
    {"SELECT typeof(score), score FROM scores WHERE code = '2.2'", "real|-0.5"},
    {"SELECT typeof(bytes), pages, number FROM documents WHERE format = 'docx'",
     "integer|NULL|NULL"},
    /* no neutralising in a database: the text as written */
    {"SELECT text FROM tasks WHERE line = 40", "=1+2 Tham mưu UBND tỉnh ban hành kế hoạch"},
    {"SELECT group_concat(agency, '; ') FROM task_agencies JOIN tasks USING (document_id, task) "
     "WHERE line = 40 AND role = 'support'",
     "Văn phòng UBND tỉnh; Sở Tư pháp"},
    {"SELECT count(*) FROM documents WHERE json_extract(record, '$.source.sha256') = id", "2"},
    {"SELECT sha256 IS NULL, bytes IS NULL, kind FROM errors", "1|1|read"},
    {"SELECT duplicate_of FROM duplicates", "plans/Đắk Lắk, 2017.pdf"},
    {"SELECT count(*) FROM pragma_foreign_key_list('task_agencies')", "2"},
    {"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('criteria_code', "
     "'scores_code', 'deficits_code', 'task_agencies_agency', 'tasks_deadline')",
     "5"},
    {q_average, "1|2016|6.75|2"},
    {q_lost, "NULL|1.5|1"},
    {q_agency, "Sở Nội vụ|2"},
};

static void test_sqlite_rows(void **state) {
  fixture *f = *state;
  write_entries(f, &sink_sqlite_ops, 0, NULL, 0, E_HUE);
  sqlite3 *db = open_db(f);
  check_sql_counts(f, db, 0, E_HUE, 0, 0);
  for (size_t i = 0; i < sizeof sql_values / sizeof *sql_values; i++)
    assert_query(db, sql_values[i][0], sql_values[i][1]);
  sqlite3_close(db);
  char journal[128];
  snprintf(journal, sizeof journal, "%s-journal", f->part);
  assert_int_equal(access(journal, F_OK), -1);
}

/* --- resume, repair, refusals (both formats) ---------------------------- */

static const sink_writer_ops *const formats[] = {&sink_csv_ops, &sink_sqlite_ops};

static void check_counts(const fixture *f, const sink_writer_ops *ops, int from, int to, int from2,
                         int to2) {
  if (ops == &sink_csv_ops) {
    check_csv_counts(f, from, to, from2, to2);
    return;
  }
  sqlite3 *db = open_db(f);
  check_sql_counts(f, db, from, to, from2, to2);
  sqlite3_close(db);
}

static void test_resume(void **state) {
  fixture *f = *state;
  for (size_t k = 0; k < 2; k++) {
    remove_tree(f->part);
    write_entries(f, formats[k], 0, NULL, 0, 2);
    seen *done = seen_new();
    write_entries(f, formats[k], 1, done, E_ERROR, NENTRIES);
    /* what the first run wrote, not what this one did */
    assert_int_equal(seen_count(done), 2);
    assert_true(seen_has_path(done, "plans/Đắk Lắk, 2017.pdf"));
    assert_true(seen_has_path(done, "plans/quang-nam-2020.docx"));
    assert_string_equal(seen_first_path(done, SHA_A), "plans/Đắk Lắk, 2017.pdf");
    seen_free(done);
    check_counts(f, formats[k], 0, NENTRIES, 0, 0);

    done = seen_new();
    write_entries(f, formats[k], 1, done, 0, 0);
    assert_int_equal(seen_count(done), NENTRIES);
    assert_true(seen_has_path(done, "plans/hỏng.pdf"));
    assert_string_equal(seen_first_path(done, SHA_A), "plans/Đắk Lắk, 2017.pdf");
    seen_free(done);
  }
}

static void append(const fixture *f, const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s.csv", f->part, name);
  FILE *fp = fopen(path, "ab");
  assert_non_null(fp);
  fputs(text, fp);
  assert_int_equal(fclose(fp), 0);
}

/* What a kill leaves: children without their documents row, a row cut short. */
static void test_csv_repair(void **state) {
  fixture *f = *state;
  write_entries(f, &sink_csv_ops, 0, NULL, 0, 2);
  append(f, "tasks", "\"" SHA_D "\",1,\"Việc bỏ dở\",\"Sở Nội vụ\",\"\",,,,,\"\",7,\r\n");
  append(f, "results", "\"" SHA_D "\",\"PAR INDEX\",2020,,1,2,,,,,3,\r\n");
  append(f, "documents", "\"" SHA_D "\",\"plans/cut");
  append(f, "errors", "\"plans/x.pdf\",\"");
  seen *done = seen_new();
  write_entries(f, &sink_csv_ops, 1, done, 0, 0);
  assert_int_equal(seen_count(done), 2);
  assert_false(seen_has_path(done, "plans/cut"));
  seen_free(done);
  check_csv_counts(f, 0, 2, 0, 0);
  char tmp[256];
  snprintf(tmp, sizeof tmp, "%s/tasks.csv.tmp", f->part);
  assert_int_equal(access(tmp, F_OK), -1);

  write_entries(f, &sink_csv_ops, 1, NULL, E_HUE, NENTRIES);
  check_csv_counts(f, 0, 2, E_HUE, NENTRIES);
  csv_table *t = read_csv(f, "documents");
  assert_cell(t, 3, "path", "plans/hue.txt");
  free_csv(t);
}

/* An entry that is wrong leaves no row. */
static void test_bad_entries(void **state) {
  fixture *f = *state;
  static const char *const bad[] = {
      "not json",
      "{\"source\": {\"path\": \"plans/x.txt\"}, \"results\": []}",
      "{\"source\": {\"path\": \"plans/y.txt\", \"sha256\": \"" SHA_D
      "\"}, \"results\": [{\"index\":"
      " \"PAR INDEX\"}], \"scores\": [{\"code\": \"1\", \"score\": \"7,5\"}]}",
  };
  static const char *const why[] = {"not JSON", "no source.sha256", "scores[0].score"};
  for (size_t k = 0; k < 2; k++) {
    remove_tree(f->part);
    char err[SINK_ERR_LEN];
    void *w = formats[k]->open(f->part, 0, NULL, err);
    assert_non_null(w);
    assert_int_equal(formats[k]->write(w, f->entries[0], err), 0);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
      err[0] = '\0';
      assert_int_equal(formats[k]->write(w, bad[i], err), -1);
      if (!strstr(err, why[i])) fail_msg("\"%s\" does not say %s", err, why[i]);
    }
    assert_int_equal(formats[k]->close(w, err), 0);
    check_counts(f, formats[k], 0, 1, 0, 0);
    seen *done = seen_new();
    write_entries(f, formats[k], 1, done, 0, 0);
    assert_int_equal(seen_count(done), 1);
    seen_free(done);
    check_counts(f, formats[k], 0, 1, 0, 0);
  }
}

static void write_file(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  fputs(text, fp);
  assert_int_equal(fclose(fp), 0);
}

static void assert_refused(int rc, const char *err, const char *says) {
  assert_int_equal(rc, -1);
  if (!strstr(err, says)) fail_msg("\"%s\" does not say \"%s\"", err, says);
}

static void test_csv_remove(void **state) {
  fixture *f = *state;
  char err[SINK_ERR_LEN], foreign[256];
  assert_int_equal(sink_csv_ops.remove(f->part, err), 0); /* nothing there */
  write_entries(f, &sink_csv_ops, 0, NULL, 0, 1);
  assert_null(sink_csv_ops.open(f->part, 0, NULL, err)); /* there already */
  snprintf(foreign, sizeof foreign, "%s/notes.txt", f->part);
  write_file(foreign, "mine\n");
  assert_refused(sink_csv_ops.remove(f->part, err), err, "notes.txt");
  assert_int_equal(access(foreign, F_OK), 0);
  check_csv_counts(f, 0, 1, 0, 0); /* nothing removed */
  unlink(foreign);
  assert_int_equal(sink_csv_ops.remove(f->part, err), 0);
  assert_int_equal(access(f->part, F_OK), -1);
  write_file(f->part, "a file\n");
  assert_refused(sink_csv_ops.remove(f->part, err), err, "not a directory");
  unlink(f->part);
  /* a documents.csv of other columns is not parx's */
  assert_int_equal(mkdir(f->part, 0777), 0);
  snprintf(foreign, sizeof foreign, "%s/documents.csv", f->part);
  write_file(foreign, "name,size\r\nx,1\r\n");
  assert_refused(sink_csv_ops.open(f->part, 1, NULL, err) != NULL ? 0 : -1, err, "header");
}

static void test_sqlite_remove(void **state) {
  fixture *f = *state;
  char err[SINK_ERR_LEN];
  assert_int_equal(sink_sqlite_ops.remove(f->part, err), 0); /* nothing there */
  write_file(f->part, "not a database\n");
  assert_refused(sink_sqlite_ops.remove(f->part, err), err, "not a SQLite database");
  assert_null(sink_sqlite_ops.open(f->part, 0, NULL, err)); /* there already */
  unlink(f->part);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(f->part, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "CREATE TABLE budget (x)", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  assert_refused(sink_sqlite_ops.remove(f->part, err), err, "parx did not write");
  seen *done = seen_new();
  assert_refused(sink_sqlite_ops.open(f->part, 1, done, err) != NULL ? 0 : -1, err,
                 "parx did not write");
  seen_free(done);
  unlink(f->part);
  write_entries(f, &sink_sqlite_ops, 0, NULL, 0, 1);
  assert_int_equal(sink_sqlite_ops.remove(f->part, err), 0);
  assert_int_equal(access(f->part, F_OK), -1);
}

/* Numbers as the record has them: 7.5 not 7.50000, 1 not 1.0. */
static void test_number_text(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      {"7.5", "7.5"},
      {"1", "1"},
      {"7.50", "7.5"},
      {"1.0", "1"},
      {"0.1", "0.1"},
      {"-0.5", "-0.5"},
      {"81.24", "81.24"},
      {"7.314", "7.314"},
      {"1e-7", "1e-07"},
      {"2.675", "2.675"},
      {"-3", "-3"},
      {"123456789012", "123456789012"},
      {"0.30000000000000004", "0.30000000000000004"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    json_t *v = json_loads(cases[i][0], JSON_DECODE_ANY, NULL);
    char out[32];
    rows_format_number(v, out);
    assert_string_equal(out, cases[i][1]);
    json_decref(v);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_number_text),
      cmocka_unit_test_setup_teardown(test_csv_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sqlite_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(test_resume, setup, teardown),
      cmocka_unit_test_setup_teardown(test_csv_repair, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_entries, setup, teardown),
      cmocka_unit_test_setup_teardown(test_csv_remove, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sqlite_remove, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

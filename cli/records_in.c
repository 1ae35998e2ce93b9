/* Loading records: SQLite from parx batch, JSON or JSON Lines, or documents. */
#include "records_in.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int take(record_list *list, json_t *record) {
  if (list->n == list->cap) {
    size_t cap = list->cap ? 2 * list->cap : 16;
    json_t **p = realloc(list->items, cap * sizeof *p);
    if (!p) return json_decref(record), -1;
    list->items = p;
    list->cap = cap;
  }
  list->items[list->n++] = record;
  return 0;
}

/* A record (not an error record or a duplicate line) of the contract. */
static int is_record(const json_t *j) {
  return json_is_object(j) && json_is_string(json_object_get(j, "schema")) &&
         json_is_array(json_object_get(j, "tasks"));
}

static int from_sqlite(record_list *list, const char *path) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "SELECT record FROM documents", -1, &st, NULL);
  while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    const char *text = (const char *)sqlite3_column_text(st, 0);
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    if (is_record(j) ? take(list, j) : (json_decref(j), 0)) rc = SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK)
    fprintf(stderr, "parx: %s: cannot read the records of the database: %s\n", path,
            sqlite3_errmsg(db));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : -1;
}

/* What a JSON value is: a record, a batch line that is not one (an error
 * record or a duplicate: passed over), or something else. */
typedef enum json_kind { JSON_RECORD, JSON_PASSED, JSON_OTHER } json_kind;

static json_kind kind_of(const json_t *j) {
  if (is_record(j)) return JSON_RECORD;
  if (json_is_object(j) && (json_object_get(j, "error") || json_object_get(j, "duplicate_of")))
    return JSON_PASSED;
  return JSON_OTHER;
}

/* Takes `j` when it is a record; 0, or -1 (not a record, or out of memory). */
static int take_json(record_list *list, json_t *j, const char *path) {
  json_kind k = kind_of(j);
  if (k == JSON_RECORD) return take(list, j);
  json_decref(j);
  if (k == JSON_PASSED) return 0;
  fprintf(stderr, "parx: %s: a JSON value that is not a parx.record/1 record\n", path);
  return -1;
}

/* JSON: one record (pretty or not), or JSON Lines. 1 when the bytes are not
 * JSON at all (a document, then), 0 when read, -1 on failure. */
static int from_json(record_list *list, const char *bytes, size_t len, const char *path) {
  json_t *one = json_loadb(bytes, len, 0, NULL);
  if (one) return take_json(list, one, path);
  int first = 1;
  for (const char *line = bytes, *end = bytes + len; line < end; line++) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
    if (strspn(line, " \t\r") >= n) {
      line += n;
      continue;
    }
    json_t *j = json_loadb(line, n, 0, NULL);
    if (!j && first) return 1;
    if (!j) {
      fprintf(stderr, "parx: %s: a line of its JSON Lines is not JSON\n", path);
      return -1;
    }
    if (take_json(list, j, path)) return -1;
    first = 0;
    line += n;
  }
  return 0;
}

static int from_document(record_list *list, const char *path, const parx_engine *engine,
                         const parx_options *options) {
  parx_error err = {0};
  parx_record *r = parx_extract_file(engine, path, options, &err);
  char *json = r ? parx_record_to_json(r, 0) : NULL;
  parx_record_free(r);
  json_t *j = json ? json_loads(json, 0, NULL) : NULL;
  free(json);
  if (!j) {
    fprintf(stderr, "parx: %s\n", err.message[0] ? err.message : "out of memory");
    return -1;
  }
  return take(list, j);
}

int records_add(record_list *list, const char *path, const parx_engine *engine,
                const parx_options *options) {
  FILE *f = fopen(path, "rb");
  char head[16] = {0};
  size_t got = f ? fread(head, 1, sizeof head, f) : 0;
  if (f) fclose(f);
  if (got == sizeof head && !memcmp(head, "SQLite format 3", 16)) return from_sqlite(list, path);
  size_t skip = 0;
  while (skip < got && strchr(" \t\r\n", head[skip]))
    skip++;
  if (skip < got && head[skip] == '{') {
    /* records are text the size of their documents: read whole */
    f = fopen(path, "rb");
    char *bytes = NULL;
    size_t len = 0;
    FILE *mem = f ? open_memstream(&bytes, &len) : NULL;
    char buf[65536];
    size_t k;
    while (mem && (k = fread(buf, 1, sizeof buf, f)) > 0)
      fwrite(buf, 1, k, mem);
    if (f) fclose(f);
    if (mem) fclose(mem);
    int rc = bytes ? from_json(list, bytes, len, path) : 1;
    free(bytes);
    if (rc <= 0) return rc;
  }
  return from_document(list, path, engine, options);
}

void record_list_free(record_list *list) {
  for (size_t i = 0; i < list->n; i++)
    json_decref(list->items[i]);
  free(list->items);
  *list = (record_list){0};
}

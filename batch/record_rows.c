/* An entry as rows of tables (record_rows.h): the layout, and the walk. */
#include "record_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define TEXT(name, from)                                                                           \
  { name, from, ROWS_TEXT, ROWS_ALL, NULL }
#define INT(name, from)                                                                            \
  { name, from, ROWS_INTEGER, ROWS_ALL, NULL }
#define REAL(name, from)                                                                           \
  { name, from, ROWS_REAL, ROWS_ALL, NULL }
#define LIST(name, from)                                                                           \
  { name, from, ROWS_TEXT, ROWS_ALL, "; " }
#define DOC_ID TEXT("document_id", "@id")
#define LOC INT("line", "loc.line"), INT("page", "loc.page")

static const rows_column documents[] = {
    TEXT("id", "@id"),
    TEXT("path", "source.path"),
    TEXT("format", "source.format"),
    INT("bytes", "source.bytes"),
    INT("pages", "source.pages"),
    TEXT("title", "document.title"),
    TEXT("number", "document.number"),
    TEXT("issued", "document.issued"),
    TEXT("place", "document.place"),
    INT("year", "document.year"),
    INT("warning_count", "#warnings"),
    /* one warning a line: a warning may hold "; " itself */
    {"warnings", "warnings", ROWS_TEXT, ROWS_ALL, "\n"},
    /* the whole record, for what the columns leave out; a spreadsheet has
     * no use for it and a cell holds at most 32767 characters there */
    {"record", "@record", ROWS_TEXT, ROWS_SQL, NULL},
};

static const rows_column results[] = {
    DOC_ID,
    TEXT("index", "index"),
    INT("year", "year"),
    TEXT("unit", "unit"),
    REAL("score", "score"),
    REAL("max", "max"),
    REAL("percent", "percent"),
    INT("rank", "rank"),
    INT("rank_of", "rank_of"),
    TEXT("rating", "rating"),
    LOC,
};

static const rows_column criteria[] = {
    DOC_ID, TEXT("code", "code"), TEXT("title", "title"), REAL("max", "max"), LOC,
};

static const rows_column scores[] = {
    DOC_ID,
    TEXT("code", "code"),
    TEXT("title", "title"),
    REAL("score", "score"),
    REAL("max", "max"),
    TEXT("kind", "kind"),
    INT("year", "year"),
    LOC,
};

static const rows_column deficits[] = {
    DOC_ID,
    TEXT("code", "code"),
    TEXT("title", "title"),
    REAL("lost", "lost"),
    REAL("score", "score"),
    REAL("max", "max"),
    TEXT("reason", "reason"),
    LOC,
};

static const rows_column tasks[] = {
    DOC_ID,
    INT("task", "@n"),
    TEXT("text", "text"),
    LIST("lead", "lead"),
    LIST("support", "support"),
    TEXT("deadline_text", "deadline.text"),
    TEXT("deadline_date", "deadline.date"),
    TEXT("deadline_kind", "deadline.kind"),
    TEXT("output", "output"),
    LIST("criteria", "criteria"),
    LOC,
};

/* The item of a task_agencies row is made here: {"agency", "role"}. */
static const rows_column task_agencies[] = {
    DOC_ID,
    INT("task", "@n"),
    TEXT("agency", "agency"),
    TEXT("role", "role"),
};

static const rows_column errors[] = {
    TEXT("path", "source.path"), TEXT("sha256", "source.sha256"),  INT("bytes", "source.bytes"),
    TEXT("kind", "error.kind"),  TEXT("message", "error.message"),
};

static const rows_column duplicates[] = {
    TEXT("path", "source.path"),
    TEXT("sha256", "source.sha256"),
    TEXT("duplicate_of", "duplicate_of"),
};

#define TABLE(name, list, cols, in)                                                                \
  { name, list, cols, sizeof cols / sizeof *cols, in }

const rows_layout rows_tables[ROWS_NTABLES] = {
    [ROWS_RESULTS] = TABLE("results", "results", results, ROWS_ALL),
    [ROWS_CRITERIA] = TABLE("criteria", "criteria", criteria, ROWS_ALL),
    [ROWS_SCORES] = TABLE("scores", "scores", scores, ROWS_ALL),
    [ROWS_DEFICITS] = TABLE("deficits", "deficits", deficits, ROWS_ALL),
    [ROWS_TASKS] = TABLE("tasks", "tasks", tasks, ROWS_ALL),
    /* CSV has them in tasks.lead and tasks.support */
    [ROWS_TASK_AGENCIES] = TABLE("task_agencies", NULL, task_agencies, ROWS_SQL),
    [ROWS_DOCUMENTS] = TABLE("documents", NULL, documents, ROWS_ALL),
    [ROWS_ERRORS] = TABLE("errors", NULL, errors, ROWS_ALL),
    [ROWS_DUPLICATES] = TABLE("duplicates", NULL, duplicates, ROWS_ALL),
};

_Static_assert(sizeof documents / sizeof *documents <= ROWS_MAX_COLUMNS, "documents");
_Static_assert(sizeof results / sizeof *results <= ROWS_MAX_COLUMNS, "results");
_Static_assert(sizeof tasks / sizeof *tasks <= ROWS_MAX_COLUMNS, "tasks");

void rows_format_number(const json_t *number, char out[32]) {
  if (json_is_integer(number)) {
    snprintf(out, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(number));
    return;
  }
  double v = json_real_value(number);
  for (int digits = 15; digits <= 17; digits++) {
    snprintf(out, 32, "%.*g", digits, v);
    if (strtod(out, NULL) == v) return;
  }
}

/* The value at a dotted path under `v`, or NULL (borrowed). */
static const json_t *lookup(const json_t *v, const char *path) {
  char key[64];
  while (v && *path) {
    size_t n = strcspn(path, ".");
    if (n >= sizeof key) return NULL;
    memcpy(key, path, n);
    key[n] = '\0';
    v = json_object_get(v, key);
    path += n + (path[n] == '.');
  }
  return v;
}

/* A scalar as text for a text column; NULL for what is not a scalar. */
static json_t *scalar_text(const json_t *v) {
  char num[32];
  switch (json_typeof(v)) {
  case JSON_STRING:
    return json_incref((json_t *)v);
  case JSON_INTEGER:
  case JSON_REAL:
    rows_format_number(v, num);
    return json_string(num);
  case JSON_TRUE:
    return json_string("true");
  case JSON_FALSE:
    return json_string("false");
  default:
    return NULL;
  }
}

static json_t *joined(const json_t *list, const char *sep) {
  parx_buf b = {0};
  size_t i;
  const json_t *item;
  json_array_foreach(list, i, item) {
    json_t *t = scalar_text(item);
    char *dumped = t ? NULL : json_dumps(item, JSON_COMPACT | JSON_ENCODE_ANY);
    if (i) parx_buf_adds(&b, sep);
    parx_buf_adds(&b, t ? json_string_value(t) : dumped ? dumped : "");
    json_decref(t);
    free(dumped);
  }
  json_t *out = b.failed ? NULL : json_stringn(b.s ? b.s : "", b.len);
  parx_buf_free(&b);
  return out;
}

/* Where a row's values come from. */
typedef struct source {
  const char *entry;  /* the entry's JSON text */
  const char *id;     /* the document's SHA-256 (records only) */
  const char *path;   /* the document's path, for messages */
  const char *list;   /* the list the item is from, or NULL */
  const json_t *item; /* the list item, or the entry */
  size_t n;           /* the item's 1-based place in its list */
} source;

/* The cell of column `c` (a new reference), or NULL with `err` filled. */
static json_t *cell(const rows_column *c, const source *s, char err[SINK_ERR_LEN]) {
  if (!strcmp(c->from, "@id")) return json_string(s->id);
  if (!strcmp(c->from, "@n")) return json_integer((json_int_t)s->n);
  if (!strcmp(c->from, "@record")) return json_string(s->entry);
  const json_t *v = lookup(s->item, c->from + (c->from[0] == '#'));
  if (c->from[0] == '#') return json_is_array(v) ? json_integer(json_array_size(v)) : json_null();
  if (!v || json_is_null(v)) return json_null();
  json_t *out = NULL;
  if (c->type != ROWS_TEXT)
    out = json_is_number(v) ? json_incref((json_t *)v) : NULL;
  else
    out = json_is_array(v) && c->sep ? joined(v, c->sep) : scalar_text(v);
  if (!out) {
    /* an object, or text where the contract has a number */
    if (s->list)
      snprintf(err, SINK_ERR_LEN, "%s: %s[%zu].%s is not %s", s->path, s->list, s->n - 1, c->from,
               c->type == ROWS_TEXT ? "text" : "a number");
    else
      snprintf(err, SINK_ERR_LEN, "%s: %s is not %s", s->path, c->from,
               c->type == ROWS_TEXT ? "text" : "a number");
  }
  return out;
}

/* Makes one row of `table` from `s` and gives it to `fn` (if any). */
static int emit(rows_table table, const source *s, rows_fn fn, void *ctx, char err[SINK_ERR_LEN]) {
  const rows_layout *t = &rows_tables[table];
  json_t *cells[ROWS_MAX_COLUMNS] = {0};
  int rc = 0;
  for (size_t i = 0; i < t->ncolumns && !rc; i++)
    if (!(cells[i] = cell(&t->columns[i], s, err))) rc = -1;
  if (!rc && fn) rc = fn(ctx, table, cells);
  for (size_t i = 0; i < t->ncolumns; i++)
    json_decref(cells[i]);
  return rc;
}

/* The lead and support agencies of the task in `s`, a row each. */
static int emit_agencies(source s, rows_fn fn, void *ctx, char err[SINK_ERR_LEN]) {
  static const char *const roles[] = {"lead", "support"};
  const json_t *task = s.item;
  for (size_t r = 0; r < 2; r++) {
    const json_t *list = json_object_get(task, roles[r]);
    size_t i;
    const json_t *agency;
    json_array_foreach(list, i, agency) {
      json_t *item = json_pack("{s:O,s:s}", "agency", agency, "role", roles[r]);
      if (!item) {
        snprintf(err, SINK_ERR_LEN, "%s: out of memory", s.path);
        return -1;
      }
      s.item = item;
      int rc = emit(ROWS_TASK_AGENCIES, &s, fn, ctx, err);
      json_decref(item);
      if (rc) return rc;
    }
  }
  return 0;
}

/* A record's rows: every list's items, then its documents row. */
static int record_rows(const json_t *root, source s, rows_fn fn, void *ctx,
                       char err[SINK_ERR_LEN]) {
  for (rows_table t = 0; t < ROWS_NTABLES; t++) {
    const char *name = rows_tables[t].list;
    if (!name) continue;
    const json_t *list = json_object_get(root, name);
    if (list && !json_is_array(list) && !json_is_null(list)) {
      snprintf(err, SINK_ERR_LEN, "%s: %s is not a list", s.path, name);
      return -1;
    }
    s.list = name;
    size_t i;
    const json_t *item;
    json_array_foreach(list, i, item) {
      s.item = item;
      s.n = i + 1;
      int rc = emit(t, &s, fn, ctx, err);
      if (!rc && t == ROWS_TASKS) rc = emit_agencies(s, fn, ctx, err);
      if (rc) return rc;
    }
  }
  s.list = NULL;
  s.item = root;
  s.n = 0;
  return emit(ROWS_DOCUMENTS, &s, fn, ctx, err);
}

/* The rows of the entry `root`, or with `fn` NULL only its checks. */
static int walk(const json_t *root, source s, rows_fn fn, void *ctx, char err[SINK_ERR_LEN]) {
  int rc;
  if (!json_is_object(root) || !s.path) {
    snprintf(err, SINK_ERR_LEN, "an entry has no source.path");
    rc = -1;
  } else if (json_object_get(root, "error")) {
    rc = emit(ROWS_ERRORS, &s, fn, ctx, err);
  } else if (json_object_get(root, "duplicate_of")) {
    rc = emit(ROWS_DUPLICATES, &s, fn, ctx, err);
  } else if (!s.id || !*s.id) {
    /* the key of a document and of its rows */
    snprintf(err, SINK_ERR_LEN, "%s: the record has no source.sha256", s.path);
    rc = -1;
  } else {
    rc = record_rows(root, s, fn, ctx, err);
  }
  return rc;
}

int rows_of_entry(const char *entry, rows_fn fn, void *ctx, char err[SINK_ERR_LEN]) {
  json_error_t jerr;
  json_t *root = json_loads(entry, JSON_REJECT_DUPLICATES, &jerr);
  if (!root) {
    snprintf(err, SINK_ERR_LEN, "an entry is not JSON: %s (column %d)", jerr.text, jerr.column);
    return -1;
  }
  source s = {.entry = entry, .item = root};
  s.path = json_string_value(lookup(root, "source.path"));
  s.id = json_string_value(lookup(root, "source.sha256"));
  /* every cell is made once without `fn` first: an entry that is wrong
   * anywhere gives no row at all, rather than the rows before the fault */
  int rc = walk(root, s, NULL, NULL, err);
  if (!rc) rc = walk(root, s, fn, ctx, err);
  json_decref(root);
  return rc;
}

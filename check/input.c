/* What `parx check` reads: records already extracted (a JSON record, or
 * JSON Lines of them), or documents, extracted here. */
#include "check.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a file whole; NULL on failure (err filled). */
static unsigned char *read_all(const char *path, size_t *len, parx_error *err) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    parx_error_set(err, PARX_ERR_IO, "%s: cannot open", path);
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, fp);
    if (n < cap) break;
    unsigned char *p = realloc(buf, cap *= 2);
    if (!p) {
      free(buf);
      buf = NULL;
    } else {
      buf = p;
    }
  }
  int failed = ferror(fp);
  fclose(fp);
  if (!buf || failed) {
    free(buf);
    parx_error_set(err, failed ? PARX_ERR_IO : PARX_ERR_NOMEM, "%s: cannot read", path);
    return NULL;
  }
  *len = n;
  return buf;
}

/* JSON (one record) or JSON Lines: every value a parx.record/1 object. */
static json_t *parse_records(const unsigned char *bytes, size_t len, const char *path,
                             parx_error *err) {
  json_t *records = json_array();
  size_t at = 0;
  while (records) {
    while (at < len && strchr(" \t\r\n", bytes[at]))
      at++;
    if (at == len) break;
    json_error_t jerr;
    json_t *r = json_loadb((const char *)bytes + at, len - at, JSON_DISABLE_EOF_CHECK, &jerr);
    const char *schema = json_string_value(json_object_get(r, "schema"));
    if (!r || !schema || strcmp(schema, "parx.record/1")) {
      parx_error_set(err, PARX_ERR_FORMAT, "%s: %s", path,
                     r ? "a JSON value that is not a parx.record/1 record" : jerr.text);
      json_decref(r);
      json_decref(records);
      return NULL;
    }
    json_array_append_new(records, r);
    at += jerr.position;
  }
  return records;
}

json_t *check_read_records(const parx_engine *engine, const char *path, const parx_options *po,
                           parx_error *err) {
  size_t len;
  unsigned char *bytes = read_all(path, &len, err);
  if (!bytes) return NULL;
  size_t at = 0;
  while (at < len && strchr(" \t\r\n", bytes[at]))
    at++;
  json_t *records = NULL;
  if (at < len && bytes[at] == '{') {
    records = parse_records(bytes, len, path, err);
  } else {
    parx_record *r = parx_extract(engine, bytes, len, path, po, err);
    char *json = r ? parx_record_to_json(r, 0) : NULL;
    json_t *record = json ? json_loads(json, 0, NULL) : NULL;
    if (r && !record) parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", path);
    if (record) records = json_pack("[o]", record);
    free(json);
    parx_record_free(r);
  }
  free(bytes);
  return records;
}

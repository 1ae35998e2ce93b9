/* Catalogs as JSON (data/catalog.schema.json): writing, reading with the
 * schema's rules checked, and finding a shipped catalog by name. */
#include "catalog_internal.h"
#include "locate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CATALOG_SCHEMA "parx.catalog/1"

json_t *check_number(double v, int negative_is_null) {
  if (negative_is_null && v < 0) return json_null();
  if (v == floor(v) && fabs(v) < 1e15) return json_integer((json_int_t)v);
  return json_real(v);
}

static json_t *string_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

json_t *check_catalog_to_json(const check_catalog *cat) {
  json_t *years = json_array(), *criteria = json_array();
  for (size_t i = 0; i < cat->nyears; i++)
    json_array_append_new(years, json_integer(cat->years[i]));
  for (size_t i = 0; i < cat->n; i++) {
    const check_criterion *c = &cat->items[i];
    json_array_append_new(criteria,
                          json_pack("{s:s, s:o, s:o, s:o, s:b}", "code", c->code, "title",
                                    string_or_null(c->title), "max", check_number(c->max, 1),
                                    "parent", string_or_null(c->parent), "survey", c->survey));
  }
  return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "schema", CATALOG_SCHEMA, "name",
                   string_or_null(cat->name), "framework", string_or_null(cat->framework), "years",
                   years, "level", string_or_null(cat->level), "total", check_number(cat->total, 1),
                   "criteria", criteria);
}

/* A code: dotted numbers ("5", "5.1.2"). */
static int is_code(const char *s) {
  size_t digits = 0;
  for (; *s; s++) {
    if (*s >= '0' && *s <= '9')
      digits++;
    else if (*s == '.' && digits)
      digits = 0;
    else
      return 0;
  }
  return digits > 0;
}

static const char *optional_string(json_t *obj, const char *key, int *bad) {
  json_t *v = json_object_get(obj, key);
  if (!v || json_is_null(v)) return NULL;
  if (!json_is_string(v)) *bad = 1;
  return json_string_value(v);
}

static int read_criterion(check_catalog *cat, json_t *item, size_t i, const char *path,
                          parx_error *err) {
  int bad = !json_is_object(item);
  json_t *code = json_object_get(item, "code"), *max = json_object_get(item, "max");
  json_t *survey = json_object_get(item, "survey");
  const char *title = optional_string(item, "title", &bad);
  optional_string(item, "parent", &bad); /* its type; check_parents checks its value */
  if (bad || !json_is_string(code) || !is_code(json_string_value(code)) ||
      (max && !json_is_null(max) && (!json_is_number(max) || json_number_value(max) < 0)) ||
      (survey && !json_is_boolean(survey))) {
    parx_error_set(err, PARX_ERR_FORMAT,
                   "%s: criteria[%zu]: needs a code of dotted numbers, a title (string or "
                   "null), a max (number >= 0 or null), a survey flag (true/false)",
                   path, i);
    return -1;
  }
  const char *c = json_string_value(code);
  if (check_catalog_find(cat, c) >= 0) {
    parx_error_set(err, PARX_ERR_FORMAT, "%s: criteria[%zu]: code %s listed twice", path, i, c);
    return -1;
  }
  double m = max && json_is_number(max) ? json_number_value(max) : -1;
  if (check_catalog_add(cat, c, title, m, json_is_true(survey))) {
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
    return -1;
  }
  return 0;
}

/* A parent stated in the file must be the one its code gives (the nearest
 * listed ancestor): the tree is the codes', the field only spells it out. */
static int check_parents(const check_catalog *cat, json_t *criteria, const char *path,
                         parx_error *err) {
  for (size_t i = 0; i < cat->n; i++) {
    const char *stated = json_string_value(json_object_get(json_array_get(criteria, i), "parent"));
    const char *linked = cat->items[i].parent;
    if (stated ? linked && !strcmp(stated, linked) : !linked) continue;
    parx_error_set(err, PARX_ERR_FORMAT,
                   "%s: criteria[%zu]: parent of %s is %s, but its code makes it %s", path, i,
                   cat->items[i].code, stated ? stated : "null", linked ? linked : "null");
    return -1;
  }
  return 0;
}

static int read_header(check_catalog *cat, json_t *json, const char *path, parx_error *err) {
  int bad = 0;
  const char *schema = optional_string(json, "schema", &bad);
  const char *name = optional_string(json, "name", &bad);
  const char *framework = optional_string(json, "framework", &bad);
  const char *level = optional_string(json, "level", &bad);
  json_t *years = json_object_get(json, "years");
  if (bad || !schema || strcmp(schema, CATALOG_SCHEMA) || !name ||
      (years && !json_is_array(years)) || !json_is_array(json_object_get(json, "criteria"))) {
    parx_error_set(err, PARX_ERR_FORMAT,
                   "%s: not a catalog (needs \"schema\": \"%s\", a name, criteria)", path,
                   CATALOG_SCHEMA);
    return -1;
  }
  char list[512] = "";
  size_t i, used = 0;
  json_t *y;
  json_array_foreach(years, i, y) {
    if (!json_is_integer(y)) break;
    used += (size_t)snprintf(list + used, sizeof list - used, "%s%lld", i ? "," : "",
                             (long long)json_integer_value(y));
    if (used >= sizeof list) break;
  }
  if (years && i < json_array_size(years)) {
    parx_error_set(err, PARX_ERR_FORMAT, "%s: years must be a list of years", path);
    return -1;
  }
  if (check_catalog_set(cat, name, framework, *list ? list : NULL, level, err)) {
    char msg[sizeof err->message];
    snprintf(msg, sizeof msg, "%s", err->message);
    parx_error_set(err, PARX_ERR_FORMAT, "%s: %s", path, msg);
    return -1;
  }
  return 0;
}

check_catalog *check_catalog_from_json(json_t *json, const char *path, parx_error *err) {
  check_catalog *cat = check_catalog_new();
  if (!cat) {
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
    return NULL;
  }
  if (!json_is_object(json) || read_header(cat, json, path, err)) goto fail;
  size_t i;
  json_t *item;
  json_array_foreach(json_object_get(json, "criteria"), i, item) {
    if (read_criterion(cat, item, i, path, err)) goto fail;
  }
  if (check_catalog_finish(cat)) {
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
    goto fail;
  }
  if (check_parents(cat, json_object_get(json, "criteria"), path, err)) goto fail;
  return cat;
fail:
  if (!json_is_object(json))
    parx_error_set(err, PARX_ERR_FORMAT, "%s: a catalog is a JSON object", path);
  check_catalog_free(cat);
  return NULL;
}

static check_catalog *load_path(const char *path, parx_error *err) {
  json_error_t jerr;
  json_t *json = json_load_file(path, 0, &jerr);
  if (!json) {
    parx_error_set(err, access(path, R_OK) ? PARX_ERR_IO : PARX_ERR_FORMAT, "%s:%d: %s", path,
                   jerr.line, jerr.text);
    return NULL;
  }
  check_catalog *cat = check_catalog_from_json(json, path, err);
  json_decref(json);
  return cat;
}

check_catalog *check_catalog_open(const char *name_or_path, parx_error *err) {
  size_t len = strlen(name_or_path);
  if (strchr(name_or_path, '/') || (len > 5 && !strcmp(name_or_path + len - 5, ".json")))
    return load_path(name_or_path, err);
  char dir[4096], path[4096 + 256];
  parx_locate_catalogs_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/%s.json", dir, name_or_path);
  if (!access(path, R_OK)) return load_path(path, err);
  parx_error_set(err, PARX_ERR_IO,
                 "no catalog named '%s' in %s ($PARX_CATALOG_DIR, else beside the program); "
                 "give a catalog file's path",
                 name_or_path, dir);
  return NULL;
}

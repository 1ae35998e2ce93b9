/*
 * check: criteria catalogs (a framework's tree of criteria with their maximum
 * points) and the checks of a record against one. This header is the stage's
 * whole interface; it sits on the library (parx.h) and reads and writes
 * records and catalogs as JSON (jansson).
 *
 * Ownership: a function that returns json_t* or char* returns a new
 * reference or a malloc'd string the caller owns; json_t* arguments are
 * borrowed. Errors are values: a parx_error naming the file and the cause.
 */
#ifndef PARX_CHECK_H
#define PARX_CHECK_H

#include <jansson.h>
#include <stddef.h>

#include "parx.h"

/* A catalog: name, framework, years, level, total and the criteria tree. */
typedef struct check_catalog check_catalog;

/* How far two point sums may differ and still agree. */
#define CHECK_SUM_TOLERANCE 0.01
/* How far a stated percent may differ from score/max. */
#define CHECK_PERCENT_TOLERANCE 0.05

check_catalog *check_catalog_new(void);
void check_catalog_free(check_catalog *cat);

/* Adds a criterion (strings copied; `max` < 0 means not stated). The first
 * row of a code wins: a later one is ignored. Returns 0, or -1 when out of
 * memory. */
int check_catalog_add(check_catalog *cat, const char *code, const char *title, double max,
                      int survey);

/*
 * Links each criterion to its parent (the nearest listed ancestor code) and
 * checks the tree, adding a warning for each parent whose maximum is not the
 * sum of its children's, each criterion whose parent row is absent, and each
 * number skipped among siblings. A parent without children listed is fine.
 * Sets the total to the sum of the top-level maxima. Call once, after the
 * last check_catalog_add. Returns 0, or -1 when out of memory.
 */
int check_catalog_finish(check_catalog *cat);

/* What the document does not say. NULL leaves the value as it is. `years`
 * is "2022", "2021-2022" or "2021,2023"; `level` one of province, district,
 * department, commune. Returns 0, or -1 with `err` filled for a bad value. */
int check_catalog_set(check_catalog *cat, const char *name, const char *framework,
                      const char *years, const char *level, parx_error *err);

/* The warnings of the tree checks and of derivation (owned by the catalog). */
size_t check_catalog_warning_count(const check_catalog *cat);
const char *check_catalog_warning(const check_catalog *cat, size_t i);

/* The catalog as JSON (data/catalog.schema.json). */
json_t *check_catalog_to_json(const check_catalog *cat);

/* A catalog from its JSON; checks the shape (the schema's rules) and the
 * tree (codes unique, each parent the one its code gives). `path` names it
 * in errors. */
check_catalog *check_catalog_from_json(json_t *json, const char *path, parx_error *err);

/*
 * Opens a catalog by path, or by name: NAME.json in $PARX_CATALOG_DIR, the
 * installed data directory, then the source tree's data/catalogs. A value
 * with a '/' or ending in ".json" is a path.
 */
check_catalog *check_catalog_open(const char *name_or_path, parx_error *err);

/*
 * Derives a catalog from a document's normalised text as parx_text gives it
 * ("LINE<TAB>TEXT", table cells joined by " | "): criteria tables with a
 * code column and a maximum (a column, or "…: 0,5đ" in the title cell),
 * tables flattened one cell per line, and coded lines with points ("5.1.1 …:
 * 0,5đ"). The framework is the decision that issued a criteria set (Bộ tiêu
 * chí), when the text names one. The catalog is finished
 * (check_catalog_finish). Returns NULL and fills `err` when the text holds
 * no criterion with points.
 */
check_catalog *check_catalog_derive(const char *text, const char *path, parx_error *err);

/* The kinds of finding, in the order they are reported. */
typedef enum check_kind {
  CHECK_MISSING,
  CHECK_UNKNOWN,
  CHECK_OVER,
  CHECK_MAX_MISMATCH,
  CHECK_SUM_MISMATCH,
  CHECK_PERCENT_MISMATCH,
  CHECK_KINDS
} check_kind;

/* "missing", "unknown", "over", "max mismatch", … */
const char *check_kind_name(check_kind kind);

/*
 * Checks one record (parx.record/1) against a catalog. Returns the report:
 * {"path", "catalog", "counts": {KIND: N, …}, "findings": [{"kind", "about",
 * "codes": [..], "value", "expected", "message", "loc": {"line", "page"}},
 * …], "warnings": the record's}, findings grouped by kind in the order of
 * check_kind. "value" is the document's number, "expected" the catalog's or
 * the computed one (either null where it does not apply). NULL when out of
 * memory.
 */
json_t *check_record(const check_catalog *cat, json_t *record);

#endif

/*
 * Tests as data: every tests/cases/NAME.txt is run through the library and its
 * record is checked against the record parts expected in NAME.json (the file
 * format is described in tests/cases/README.md). One cmocka test per case.
 *
 * Matching is by subset: an expected item names only the fields that matter,
 * and each expected item must match a distinct item of the record's list.
 * Numbers compare within 1e-6, strings byte for byte after NFC, a string
 * ending in "…" matches any string that starts with the part before it, and
 * an expected warning matches any warning that contains it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "parx.h"

/* PARX_CASES_DIR in the environment runs another directory of cases. */
static const char *cases_dir(void) {
  const char *dir = getenv("PARX_CASES_DIR");
  return dir && *dir ? dir : PARX_TEST_DATA "/cases";
}
#define ELLIPSIS "\xE2\x80\xA6"

static const char *const list_keys[] = {"results",  "criteria", "scores",
                                        "deficits", "tasks",    "warnings"};
enum { NLISTS = sizeof list_keys / sizeof *list_keys };

static parx_engine *engine;

typedef struct test_case {
  char *name; /* "NAME" without extension */
} test_case;

/* --- small utilities ------------------------------------------------------ */

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  unsigned char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      unsigned char *p = realloc(buf, cap * 2);
      if (!p) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = p;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    if (!got) break;
    n += got;
  }
  fclose(f);
  *len = n;
  return buf;
}

/* A growing message buffer for the failures of one case. */
typedef struct report {
  char *text;
  size_t len, cap;
  int failures;
} report;

static void report_add(report *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void report_add(report *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int need = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (need < 0) return;
  if (r->len + (size_t)need + 1 > r->cap) {
    size_t cap = (r->len + (size_t)need + 1) * 2;
    char *p = realloc(r->text, cap);
    if (!p) return;
    r->text = p;
    r->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(r->text + r->len, r->cap - r->len, fmt, ap);
  va_end(ap);
  r->len += (size_t)need;
}

/* Compact JSON of a value, for messages (malloc'd). */
static char *show(const json_t *v) {
  if (!v) return strdup("(missing)");
  char *s =
      json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
  return s ? s : strdup("?");
}

/* The NFC form of UTF-8 text (malloc'd), or NULL when it is not valid UTF-8. */
static char *nfc(const char *s) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *norm = unorm2_getNFCInstance(&status);
  int32_t n16 = 0;
  u_strFromUTF8(NULL, 0, &n16, s, -1, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) status = U_ZERO_ERROR;
  UChar *u = U_SUCCESS(status) ? malloc(((size_t)n16 + 1) * sizeof *u) : NULL;
  UChar *v = u ? malloc(((size_t)n16 * 3 + 1) * sizeof *v) : NULL;
  char *out = NULL;
  if (v) {
    u_strFromUTF8(u, n16 + 1, NULL, s, -1, &status);
    int32_t nv = unorm2_normalize(norm, u, n16, v, n16 * 3 + 1, &status);
    int32_t n8 = 0;
    u_strToUTF8(NULL, 0, &n8, v, nv, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) status = U_ZERO_ERROR;
    out = U_SUCCESS(status) ? malloc((size_t)n8 + 1) : NULL;
    if (out) u_strToUTF8(out, n8 + 1, NULL, v, nv, &status);
    if (out && U_FAILURE(status)) {
      free(out);
      out = NULL;
    }
  }
  free(u);
  free(v);
  return out;
}

/* --- matching --------------------------------------------------------------- */

static int string_matches(const char *want, const char *got, int substring) {
  char *w = nfc(want);
  char *g = nfc(got);
  int ok = 0;
  if (w && g) {
    size_t wl = strlen(w), el = strlen(ELLIPSIS);
    if (substring)
      ok = strstr(g, w) != NULL;
    else if (wl >= el && !strcmp(w + wl - el, ELLIPSIS))
      ok = !strncmp(g, w, wl - el);
    else
      ok = !strcmp(w, g);
  }
  free(w);
  free(g);
  return ok;
}

static int value_matches(const json_t *want, const json_t *got);

/*
 * Kuhn's augmenting paths: can every expected element be given a distinct
 * actual element that it matches? `owner[j]` is the expected index holding j.
 */
static int augment(const json_t *want, const json_t *got, size_t i, char *seen, long *owner,
                   int substring) {
  for (size_t j = 0; j < json_array_size(got); j++) {
    if (seen[j]) continue;
    const json_t *w = json_array_get(want, i), *g = json_array_get(got, j);
    int ok = substring && json_is_string(w) && json_is_string(g)
                 ? string_matches(json_string_value(w), json_string_value(g), 1)
                 : value_matches(w, g);
    if (!ok) continue;
    seen[j] = 1;
    if (owner[j] < 0 || augment(want, got, (size_t)owner[j], seen, owner, substring)) {
      owner[j] = (long)i;
      return 1;
    }
  }
  return 0;
}

/*
 * Assigns distinct actual items to the expected ones. Fills `unmatched` (size
 * of want) with 1 for each expected item left without a partner; returns how
 * many were left.
 */
static size_t assign(const json_t *want, const json_t *got, int substring, char *unmatched) {
  size_t nw = json_array_size(want), ng = json_array_size(got), left = 0;
  long *owner = malloc((ng ? ng : 1) * sizeof *owner);
  char *seen = malloc(ng ? ng : 1);
  if (!owner || !seen) {
    free(owner);
    free(seen);
    memset(unmatched, 1, nw);
    return nw;
  }
  for (size_t j = 0; j < ng; j++)
    owner[j] = -1;
  for (size_t i = 0; i < nw; i++) {
    memset(seen, 0, ng ? ng : 1);
    unmatched[i] = !augment(want, got, i, seen, owner, substring);
    left += unmatched[i];
  }
  free(owner);
  free(seen);
  return left;
}

/* Arrays inside an item (lead, support, criteria): the same elements, any order. */
static int array_matches(const json_t *want, const json_t *got) {
  if (!json_is_array(got) || json_array_size(want) != json_array_size(got)) return 0;
  size_t n = json_array_size(want);
  char *unmatched = malloc(n ? n : 1);
  if (!unmatched) return 0;
  int ok = assign(want, got, 0, unmatched) == 0;
  free(unmatched);
  return ok;
}

/* Every field of `want` is in `got` and matches; other fields of got are free. */
static int object_matches(const json_t *want, const json_t *got) {
  if (!json_is_object(got)) return 0;
  const char *key;
  const json_t *w;
  json_object_foreach((json_t *)want, key, w) {
    const json_t *g = json_object_get(got, key);
    if (json_is_null(w) ? (g && !json_is_null(g)) : !value_matches(w, g)) return 0;
  }
  return 1;
}

static int value_matches(const json_t *want, const json_t *got) {
  if (!got) return json_is_null(want);
  switch (json_typeof(want)) {
  case JSON_OBJECT:
    return object_matches(want, got);
  case JSON_ARRAY:
    return array_matches(want, got);
  case JSON_STRING:
    return json_is_string(got) &&
           string_matches(json_string_value(want), json_string_value(got), 0);
  case JSON_INTEGER:
  case JSON_REAL:
    return json_is_number(got) && fabs(json_number_value(want) - json_number_value(got)) <= 1e-6;
  case JSON_TRUE:
    return json_is_true(got);
  case JSON_FALSE:
    return json_is_false(got);
  case JSON_NULL:
    return json_is_null(got);
  }
  return 0;
}

/* --- one case ---------------------------------------------------------------- */

/* Is `key` named by the case's top-level "exact_count" (true, or a list of names)? */
static int exact_for(const json_t *expected, const char *key) {
  const json_t *e = json_object_get(expected, "exact_count");
  if (json_is_true(e)) return 1;
  size_t i;
  const json_t *v;
  json_array_foreach(e, i, v) if (json_is_string(v) && !strcmp(json_string_value(v), key)) return 1;
  return 0;
}

static void check_list(report *r, const char *file, const json_t *expected, const char *key,
                       const json_t *record) {
  const json_t *spec = json_object_get(expected, key);
  if (!spec) return;
  const json_t *want = spec;
  int exact = exact_for(expected, key);
  if (json_is_object(spec)) { /* {"items": [...], "exact_count": true} */
    want = json_object_get(spec, "items");
    exact = exact || json_is_true(json_object_get(spec, "exact_count"));
  }
  const json_t *got = json_object_get(record, key);
  if (!json_is_array(want)) {
    report_add(r, "%s: \"%s\" must be a list (or {\"items\": [...]})\n", file, key);
    r->failures++;
    return;
  }
  if (!json_is_array(got)) {
    report_add(r, "%s: the record has no \"%s\" list\n", file, key);
    r->failures++;
    return;
  }
  size_t nw = json_array_size(want), ng = json_array_size(got);
  char *unmatched = malloc(nw ? nw : 1);
  if (!unmatched) return;
  int substring = !strcmp(key, "warnings");
  size_t left = assign(want, got, substring, unmatched);
  int count_bad = exact && nw != ng;
  for (size_t i = 0; i < nw; i++) {
    if (!unmatched[i]) continue;
    char *w = show(json_array_get(want, i));
    report_add(r, "%s: expected %s[%zu] matched no %sitem of the record: %s\n", file, key, i,
               left < nw ? "other " : "", w);
    free(w);
    r->failures++;
  }
  if (count_bad) {
    report_add(r, "%s: expected exactly %zu %s, the record has %zu\n", file, nw, key, ng);
    r->failures++;
  }
  if (left || count_bad) {
    char *g = show(got);
    report_add(r, "  record %s: %s\n", key, g);
    free(g);
  }
  free(unmatched);
}

static void check_document(report *r, const char *file, const json_t *expected,
                           const json_t *record) {
  const json_t *want = json_object_get(expected, "document");
  if (!want) return;
  const json_t *got = json_object_get(record, "document");
  const char *key;
  const json_t *w;
  json_object_foreach((json_t *)want, key, w) {
    const json_t *g = json_object_get(got, key);
    if (!value_matches(w, g)) {
      char *ws = show(w), *gs = show(g);
      report_add(r, "%s: document.%s: expected %s, the record has %s\n", file, key, ws, gs);
      free(ws);
      free(gs);
      r->failures++;
    }
  }
}

/* Top-level keys a case may hold; anything else is a typo in the case. */
static int known_key(const char *key) {
  static const char *const others[] = {"document", "exact_count", "known_failure", "comment"};
  for (size_t i = 0; i < NLISTS; i++)
    if (!strcmp(key, list_keys[i])) return 1;
  for (size_t i = 0; i < sizeof others / sizeof *others; i++)
    if (!strcmp(key, others[i])) return 1;
  return 0;
}

/* Runs one case; fills the report with its failures. */
static void run_case(report *r, const char *name, json_t *expected) {
  char txt[1024], jsn[1024];
  snprintf(txt, sizeof txt, "%s/%s.txt", cases_dir(), name);
  snprintf(jsn, sizeof jsn, "cases/%s.json", name);
  const char *key;
  json_t *v;
  json_object_foreach(expected, key, v) if (!known_key(key)) {
    report_add(r, "%s: unknown key \"%s\"\n", jsn, key);
    r->failures++;
  }
  size_t len = 0;
  unsigned char *bytes = slurp(txt, &len);
  if (!bytes) {
    report_add(r, "%s: cannot read %s\n", jsn, txt);
    r->failures++;
    return;
  }
  parx_error err = {0};
  parx_record *rec = parx_extract(engine, bytes, len, txt, NULL, &err);
  free(bytes);
  if (!rec) {
    report_add(r, "%s: parx_extract failed: %s\n", jsn, err.message);
    r->failures++;
    return;
  }
  char *text = parx_record_to_json(rec, 0);
  parx_record_free(rec);
  json_error_t jerr;
  json_t *record = text ? json_loads(text, 0, &jerr) : NULL;
  free(text);
  if (!record) {
    report_add(r, "%s: the record is not valid JSON\n", jsn);
    r->failures++;
    return;
  }
  check_document(r, jsn, expected, record);
  for (size_t i = 0; i < NLISTS; i++)
    check_list(r, jsn, expected, list_keys[i], record);
  json_decref(record);
}

static void test_case_file(void **state) {
  const test_case *tc = *state;
  char path[1024];
  snprintf(path, sizeof path, "%s/%s.json", cases_dir(), tc->name);
  json_error_t jerr;
  json_t *expected = json_load_file(path, 0, &jerr);
  if (!expected || !json_is_object(expected)) {
    json_decref(expected);
    fail_msg("cases/%s.json: not a JSON object: %s (line %d)", tc->name, jerr.text, jerr.line);
  }
  report r = {0};
  run_case(&r, tc->name, expected);
  const json_t *known = json_object_get(expected, "known_failure");
  const char *run_known = getenv("PARX_CASES_RUN_KNOWN");
  if (json_is_string(known) && !(run_known && *run_known == '1')) {
    /* A known failure is skipped until the code is fixed; say when it passes. */
    if (r.failures)
      print_message("cases/%s: known failure (%s), skipped\n", tc->name, json_string_value(known));
    else
      print_message("cases/%s: marked known_failure but passes now: remove the mark\n", tc->name);
    free(r.text);
    json_decref(expected);
    skip();
  }
  json_decref(expected);
  if (r.failures) {
    /* cmocka's print_error truncates long messages: the record lists are long */
    fputs(r.text ? r.text : "", stderr);
    fflush(stderr);
    free(r.text);
    fail_msg("cases/%s: %d expectation(s) not met", tc->name, r.failures);
  }
  free(r.text);
}

/* --- the group -------------------------------------------------------------- */

static int setup_engine(void **state) {
  (void)state;
  parx_error err = {0};
  engine = parx_engine_new(NULL, NULL, 0, &err);
  if (!engine) {
    fprintf(stderr, "cannot build the engine: %s\n", err.message);
    return -1;
  }
  return 0;
}

static int teardown_engine(void **state) {
  (void)state;
  parx_engine_free(engine);
  engine = NULL;
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the tests/cases NAME.txt files, sorted. */
static char **case_names(size_t *n) {
  *n = 0;
  DIR *d = opendir(cases_dir());
  if (!d) return NULL;
  size_t cap = 64;
  char **names = malloc(cap * sizeof *names);
  struct dirent *e;
  while (names && (e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l <= 4 || strcmp(e->d_name + l - 4, ".txt")) continue;
    if (*n == cap) {
      char **p = realloc(names, cap * 2 * sizeof *p);
      if (!p) break;
      names = p;
      cap *= 2;
    }
    names[(*n)++] = strndup(e->d_name, l - 4);
  }
  closedir(d);
  if (names) qsort(names, *n, sizeof *names, by_name);
  return names;
}

int main(void) {
  size_t n;
  char **names = case_names(&n);
  if (!names || !n) {
    fprintf(stderr, "no test cases in %s\n", cases_dir());
    free(names);
    return 1;
  }
  struct CMUnitTest *tests = calloc(n, sizeof *tests);
  test_case *cases = calloc(n, sizeof *cases);
  if (!tests || !cases) return 1;
  for (size_t i = 0; i < n; i++) {
    cases[i].name = names[i];
    tests[i].name = names[i];
    tests[i].test_func = test_case_file;
    tests[i].initial_state = &cases[i];
  }
  int rc = _cmocka_run_group_tests("cases", tests, n, setup_engine, teardown_engine);
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
  free(tests);
  free(cases);
  return rc;
}

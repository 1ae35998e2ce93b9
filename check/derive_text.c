/* The text side of catalog derivation: lines and cells of parx_text, header
 * roles, codes, points, and the framework's decision number. */
#include "derive_internal.h"
#include "extract/extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define CELL_SEP " | "

static char *trimmed_copy(const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\t'))
    s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    n--;
  return strndup(s, n);
}

/* Splits the line s[0..n) at " | " into trimmed cells. */
static int split_cells(text_line *l, const char *s, size_t n) {
  char *line = strndup(s, n);
  if (!line) return -1;
  size_t count = 1;
  for (const char *p = line; (p = strstr(p, CELL_SEP)); p += strlen(CELL_SEP))
    count++;
  int rc = (l->cells = calloc(count, sizeof *l->cells)) ? 0 : -1;
  for (const char *cell = line; !rc && l->ncells < count; l->ncells++) {
    const char *end = strstr(cell, CELL_SEP);
    size_t len = end ? (size_t)(end - cell) : strlen(cell);
    if (!(l->cells[l->ncells] = trimmed_copy(cell, len))) rc = -1;
    cell += len + (end ? strlen(CELL_SEP) : 0);
  }
  free(line);
  return rc;
}

int derive_split_lines(const char *text, text_lines *out) {
  size_t cap = 0;
  for (const char *p = text; *p; p++)
    cap += *p == '\n';
  if (!(out->lines = calloc(cap + 1, sizeof *out->lines))) return -1;
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    char *body;
    text_line *l = &out->lines[out->n];
    l->number = (int)strtol(p, &body, 10);
    if (*body == '\t') body++;
    /* a PDF line opens with its page when the page changes: "[p3] " */
    if (body[0] == '[' && body[1] == 'p' && isdigit((unsigned char)body[2])) {
      char *end;
      l->page = (int)strtol(body + 2, &end, 10);
      if (*end == ']') body = end + 1 + (end[1] == ' ');
    }
    out->n++;
    if (split_cells(l, body, (size_t)(p + len - body))) return -1;
    p += len + (nl != NULL);
  }
  return 0;
}

void derive_free_lines(text_lines *lines) {
  for (size_t i = 0; i < lines->n; i++) {
    for (size_t k = 0; k < lines->lines[i].ncells; k++)
      free(lines->lines[i].cells[k]);
    free(lines->lines[i].cells);
  }
  free(lines->lines);
  lines->lines = NULL;
  lines->n = 0;
}

/* A code: one to five numbers of one or two digits joined by dots, with an
 * optional final dot ("5", "5.1.2", "5.1."). Longer numbers are years or
 * counts. */
static size_t code_length(const char *s) {
  size_t i = 0, parts = 0;
  while (isdigit((unsigned char)s[i])) {
    size_t start = i;
    while (isdigit((unsigned char)s[i]))
      i++;
    if (i - start > 2 || ++parts > 5) return 0;
    if (s[i] != '.') break;
    i++;
  }
  return parts ? i : 0;
}

static int is_code(const char *cell) {
  size_t n = code_length(cell);
  return n && !cell[n];
}

const char *derive_code_text(char *cell) {
  size_t n = strlen(cell);
  if (n && cell[n - 1] == '.') cell[n - 1] = '\0';
  return cell;
}

static int key_is(const char *key, const char *const *words) {
  for (; *words; words++)
    if (!strcmp(key, *words)) return 1;
  return 0;
}

static int key_has(const char *key, const char *const *words) {
  for (; *words; words++)
    if (strstr(key, *words)) return 1;
  return 0;
}

static const char *const code_words[] = {"tt", "stt", "ma", "ma so",   "so tt",       "code",
                                         "no", "no.", "#",  "ky hieu", "ma tieu chi", NULL};
static const char *const max_words[] = {"toi da",     "max",    "diem chuan",
                                        "thang diem", "points", NULL};
static const char *const max_exact[] = {"diem", "so diem", "score", NULL};
static const char *const title_words[] = {"tieu chi", "noi dung", "linh vuc", "criteri",
                                          "title",    "name",     NULL};

/* The role a header cell names: 'c' code, 'm' maximum, 't' title, 0. */
static int header_role(const char *cell) {
  char *key = parx_key(cell, strlen(cell));
  if (!key) return 0;
  int role = key_is(key, code_words)                             ? 'c'
             : key_has(key, max_words) || key_is(key, max_exact) ? 'm'
             : key_has(key, title_words)                         ? 't'
                                                                 : 0;
  free(key);
  return role;
}

int derive_header_roles(char *const *cells, size_t n, table_roles *roles) {
  table_roles r = {-1, -1, -1};
  for (size_t i = 0; i < n; i++) {
    if (is_code(cells[i])) return 0;
    int role = header_role(cells[i]);
    int *slot = role == 'c' ? &r.code : role == 'm' ? &r.max : role == 't' ? &r.title : NULL;
    if (slot && *slot < 0) *slot = (int)i;
  }
  if (r.code < 0) return 0;
  *roles = r;
  return 1;
}

int derive_code_cell(char *const *cells, size_t n, const table_roles *roles) {
  if (roles->code >= 0 && (size_t)roles->code < n && is_code(cells[roles->code]))
    return roles->code;
  /* converters shift a row right by an empty cell now and then */
  for (size_t i = 0; i < n && i < 2; i++) {
    if (is_code(cells[i])) return (int)i;
    if (*cells[i]) break;
  }
  return -1;
}

const char *derive_first_text(char *const *cells, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (*cells[i]) return cells[i];
  return NULL;
}

const char *derive_title_cell(char *const *cells, size_t n, int code, const table_roles *roles) {
  if (roles->title >= 0 && roles->title != code && (size_t)roles->title < n && *cells[roles->title])
    return cells[roles->title];
  for (size_t i = (size_t)code + 1; i < n; i++)
    if ((int)i != roles->max && *cells[i]) return cells[i];
  return NULL;
}

size_t derive_leading_code(const char *text, char *code, size_t size) {
  size_t n = code_length(text);
  if (!n || text[n] != ' ' || n >= size) return 0;
  memcpy(code, text, n);
  code[n - (text[n - 1] == '.')] = '\0';
  return n + 1;
}

/* The length of `s` without a final points unit ("điểm", "đ"), or 0. */
static size_t strip_unit(const char *s, size_t n) {
  static const char *const units[] = {"điểm", "Điểm", "ĐIỂM", "đ", "Đ", NULL};
  for (size_t u = 0; units[u]; u++) {
    size_t k = strlen(units[u]);
    if (n >= k && !memcmp(s + n - k, units[u], k)) return n - k;
  }
  return 0;
}

/* Finds points at the end of s[0..n): the number's start in *from and its
 * value in *v; returns 1 when found. */
static int trailing_points(const char *s, size_t n, size_t *from, double *v) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == ')' || s[n - 1] == '.'))
    n--;
  size_t end = strip_unit(s, n);
  if (!end) return 0;
  while (end && s[end - 1] == ' ')
    end--;
  size_t start = end;
  while (start &&
         (isdigit((unsigned char)s[start - 1]) || s[start - 1] == ',' || s[start - 1] == '.'))
    start--;
  if (start == end || (start && isalnum((unsigned char)s[start - 1]))) return 0;
  if (!parx_parse_number(s + start, end - start, 0, v) || *v < 0) return 0;
  *from = start;
  return 1;
}

char *derive_split_points(const char *text, double *max) {
  size_t n = strlen(text), from;
  double v;
  *max = -1;
  if (trailing_points(text, n, &from, &v)) {
    *max = v;
    n = from;
  }
  /* the separator before the points, or a title's own final colon */
  while (n && strchr(" :-(\t", text[n - 1]))
    n--;
  return trimmed_copy(text, n);
}

void derive_points(const char *cell, double *max) {
  size_t n = strlen(cell), from;
  double v;
  if (parx_parse_number(cell, n, 0, &v) && v >= 0)
    *max = v;
  else if (trailing_points(cell, n, &from, &v) && !from)
    *max = v;
}

/* "2400/QĐ-UBND", "24/2021/QĐ-UBND": the number around a "/QĐ-" in s. */
static char *decision_number(const char *s) {
  const char *q = strstr(s, "/QĐ-");
  if (!q) return NULL;
  const char *start = q;
  while (start > s && (isdigit((unsigned char)start[-1]) || start[-1] == '/'))
    start--;
  const char *end = q + strlen("/QĐ-");
  while (*end && (isalnum((unsigned char)*end) || *end == '-' || (unsigned char)*end >= 0x80))
    end++;
  return start < q ? strndup(start, (size_t)(end - start)) : NULL;
}

int derive_framework(const text_lines *lines, char **out) {
  *out = NULL;
  for (size_t i = 0; i < lines->n && !*out; i++) {
    if (lines->lines[i].ncells != 1) continue;
    char *clauses = strdup(lines->lines[i].cells[0]);
    if (!clauses) return -1;
    char *save = NULL;
    for (char *c = strtok_r(clauses, ";", &save); c && !*out; c = strtok_r(NULL, ";", &save)) {
      char *key = parx_key(c, strlen(c));
      if (key && strstr(key, "bo tieu chi")) *out = decision_number(c);
      free(key);
    }
    free(clauses);
  }
  return 0;
}

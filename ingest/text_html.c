/*
 * HTML tables inside text (see text_html.h): a small reader of <table>, <tr>,
 * <td> and <th> with their spans; what a cell holds (paragraphs, lists, line
 * breaks) is cleaned as the rest of converted text is.
 */
#include "text_html.h"

#include <string.h>

/* Columns read of a row; a cell spans at most this many rows or columns. */
enum { MAX_COLUMNS = 64, MAX_SPAN = 64 };

static int lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int ends_name(char c) {
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where the tag `name` (lower case, "/td" for a closing one) next opens in
 * s[from, n), whatever its case; n when it does not. */
static size_t tag_at(const char *s, size_t n, size_t from, const char *name) {
  size_t k = strlen(name);
  for (size_t i = from; i < n;) {
    const char *p = memchr(s + i, '<', n - i);
    if (!p) return n;
    i = (size_t)(p - s);
    if (i + 1 + k >= n) return n;
    size_t j = 0;
    while (j < k && lower(s[i + 1 + j]) == name[j])
      j++;
    if (j == k && ends_name(s[i + 1 + k])) return i;
    i++;
  }
  return n;
}

static size_t min2(size_t a, size_t b) {
  return a < b ? a : b;
}

/* The cell tag (<td> or <th>) that next opens in s[from, n), else n. */
static size_t cell_at(const char *s, size_t n, size_t from) {
  return min2(tag_at(s, n, from, "td"), tag_at(s, n, from, "th"));
}

static size_t cell_end_at(const char *s, size_t n, size_t from) {
  return min2(tag_at(s, n, from, "/td"), tag_at(s, n, from, "/th"));
}

/* The value of the span attribute `attr` ("colspan") in the tag s[0, n):
 * 1 when absent, at most MAX_SPAN. */
static int span_of(const char *s, size_t n, const char *attr) {
  size_t k = strlen(attr);
  for (size_t i = 0; i + k < n; i++) {
    size_t j = 0;
    while (j < k && lower(s[i + j]) == attr[j])
      j++;
    if (j < k) continue;
    size_t p = i + k;
    while (p < n && (s[p] == ' ' || s[p] == '=' || s[p] == '"' || s[p] == '\''))
      p++;
    int v = 0;
    while (p < n && s[p] >= '0' && s[p] <= '9' && v < MAX_SPAN)
      v = v * 10 + (s[p++] - '0');
    return v < 1 ? 1 : v > MAX_SPAN ? MAX_SPAN : v;
  }
  return 1;
}

static int count_lines(const char *s, size_t n) {
  int lines = 0;
  for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
    lines++;
  return lines;
}

int parx_html_table_opens(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return tag_at(s, n, i, "table") == i;
}

size_t parx_html_table_end(const char *s, size_t n) {
  size_t e = tag_at(s, n, 0, "/table");
  const char *gt = e < n ? memchr(s + e, '>', n - e) : NULL;
  return gt ? (size_t)(gt - s) + 1 : n;
}

/* Reads the cells of the row s[from, end) into cells/lens; below[k] counts
 * the rows a cell above still spans in column k. Returns the cells read. */
static size_t row_cells(const char *s, size_t from, size_t end, int *below, const char **cells,
                        size_t *lens) {
  size_t k = 0;
  for (size_t pos = from;;) {
    /* a cell above spanning this row stands where this row has none */
    while (k < MAX_COLUMNS && below[k]) {
      below[k]--;
      cells[k] = "", lens[k++] = 0;
    }
    size_t open = cell_at(s, end, pos);
    const char *gt = open < end ? memchr(s + open, '>', end - open) : NULL;
    if (!gt || k == MAX_COLUMNS) return k;
    size_t start = (size_t)(gt - s) + 1;
    /* a cell ends at its closing tag, or where the next one opens */
    size_t close = min2(cell_end_at(s, end, start), cell_at(s, end, start));
    int cols = span_of(s + open, start - open, "colspan");
    int rows = span_of(s + open, start - open, "rowspan");
    for (int c = 0; c < cols && k < MAX_COLUMNS; c++, k++) {
      cells[k] = c ? "" : s + start;
      lens[k] = c ? 0 : close - start;
      below[k] = rows - 1;
    }
    pos = close;
  }
}

int parx_html_table_rows(parx_block *table, const char *s, size_t n, int line) {
  int below[MAX_COLUMNS] = {0};
  const char *cells[MAX_COLUMNS];
  size_t lens[MAX_COLUMNS], counted = 0;
  for (size_t tr = tag_at(s, n, 0, "tr"); tr < n;) {
    /* a row ends at its closing tag, or where the next one opens: looked for
     * before that, so that rows never closed cost no second pass */
    size_t next = tag_at(s, n, tr + 1, "tr");
    size_t end = tag_at(s, next, tr + 1, "/tr");
    line += count_lines(s + counted, tr - counted);
    counted = tr;
    size_t k = row_cells(s, tr, end, below, cells, lens);
    if (k && parx_table_add_row(table, cells, lens, k, line, 0)) return -1;
    tr = next;
  }
  return 0;
}

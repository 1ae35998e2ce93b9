/*
 * Grid tables (see text_grid.h). A cell's lines are joined with a space, but
 * in a column of three characters or fewer, where pandoc breaks words and
 * numbers to fit ("3" "." "1" "." "2" is "3.1.2"), without one.
 */
#include "text_grid.h"

#include <stdlib.h>
#include <string.h>

/* Widest column whose lines are joined without a space. */
enum { NARROW = 3 };

int parx_grid_border(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
    n--;
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  if (n - i < 3 || s[i] != '+' || s[n - 1] != '+') return 0;
  for (; i < n; i++)
    if (!strchr("+-=:", s[i])) return 0;
  return 1;
}

/* Adds the text s[0, len) of column k, `width` characters wide, to the row. */
static void add_piece(parx_grid_row *g, size_t k, const char *s, size_t len, size_t width) {
  while (len && *s == ' ')
    s++, len--;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\r'))
    len--;
  parx_buf *b = &g->cell[k];
  if (len) {
    if (b->len && (g->width[k] > NARROW || width > NARROW)) parx_buf_add(b, " ", 1);
    parx_buf_add(b, s, len);
  }
  g->width[k] = width;
  if (k + 1 > g->ncells) g->ncells = k + 1;
}

void parx_grid_add_line(parx_grid_row *g, const char *cells, size_t n, int line) {
  if (!g->line) g->line = line;
  for (size_t start = 0, k = 0; k < PARX_GRID_COLUMNS; k++) {
    const char *bar = memchr(cells + start, '|', n - start);
    size_t end = bar ? (size_t)(bar - cells) : n;
    /* the width between the pipes holds a space of padding each side */
    size_t width = parx_utf8_chars(cells + start, end - start);
    add_piece(g, k, cells + start, end - start, width > 2 ? width - 2 : 0);
    if (!bar) break;
    start = end + 1;
  }
}

int parx_dash_rule(const char *s, size_t n, parx_dash_rule_t *rule) {
  rule->n = 0;
  /* the rule is ASCII: a byte is a character column */
  for (size_t i = 0; i < n;) {
    if (s[i] == ' ' || s[i] == '\r') {
      i++;
      continue;
    }
    if (s[i] != '-') return 0;
    size_t from = i;
    while (i < n && s[i] == '-')
      i++;
    if (i - from < 2 || rule->n == PARX_GRID_COLUMNS) return 0;
    rule->start[rule->n] = from;
    rule->end[rule->n++] = i;
  }
  return (int)rule->n;
}

void parx_dash_add_line(parx_grid_row *g, const parx_dash_rule_t *rule, const char *s, size_t n,
                        int line) {
  if (!g->line) g->line = line;
  /* column k takes the characters from its rule's start to the next one's */
  size_t k = 0, from = 0, col = 0;
  for (size_t i = 0; i < n; col++) {
    if (k + 1 < rule->n && col == rule->start[k + 1]) {
      add_piece(g, k, s + from, i - from, rule->end[k] - rule->start[k]);
      k++, from = i;
    }
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
  }
  add_piece(g, k, s + from, n - from, rule->end[k] - rule->start[k]);
}

int parx_grid_flush(parx_grid_row *g, parx_block *table) {
  const char *cells[PARX_GRID_COLUMNS];
  size_t lens[PARX_GRID_COLUMNS];
  int rc = 0, failed = 0;
  for (size_t k = 0; k < g->ncells; k++) {
    cells[k] = g->cell[k].s ? g->cell[k].s : "";
    lens[k] = g->cell[k].len;
    failed |= g->cell[k].failed;
  }
  if (failed)
    rc = -1;
  else if (g->ncells)
    rc = parx_table_add_row(table, cells, lens, g->ncells, g->line, 0);
  parx_grid_free(g);
  return rc;
}

void parx_grid_free(parx_grid_row *g) {
  for (size_t k = 0; k < g->ncells; k++)
    parx_buf_free(&g->cell[k]);
  memset(g, 0, sizeof *g);
}

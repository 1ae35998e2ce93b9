/* The text helpers of catalog derivation (derive_text.c, derive_flat.c),
 * shared by the files of the check stage only. */
#ifndef PARX_CHECK_DERIVE_INTERNAL_H
#define PARX_CHECK_DERIVE_INTERNAL_H

#include <stddef.h>

/* One line of parx_text: its number, page ("[p3] " prefix; 0 when none) and
 * its cells (one when the line is not a table row). */
typedef struct text_line {
  int number, page;
  char **cells;
  size_t ncells;
} text_line;

typedef struct text_lines {
  text_line *lines;
  size_t n;
} text_lines;

/* Which column of a table holds the code, the title and the maximum (-1:
 * none), as its header row names them. */
typedef struct table_roles {
  int code, title, max;
} table_roles;

int derive_split_lines(const char *text, text_lines *out);
void derive_free_lines(text_lines *lines);

/* A header row (no code, a cell naming a code column): fills `roles`. */
int derive_header_roles(char *const *cells, size_t n, table_roles *roles);

/* The cell holding the row's code (the header's code column, else the
 * first of the first two cells that is a code), or -1. */
int derive_code_cell(char *const *cells, size_t n, const table_roles *roles);
/* The code of a code cell, without a final dot (points into the cell). */
const char *derive_code_text(char *cell);
/* The first non-empty cell, or NULL. */
const char *derive_first_text(char *const *cells, size_t n);
/* The title cell: the header's title column, else the first non-empty cell
 * after the code. NULL when none. */
const char *derive_title_cell(char *const *cells, size_t n, int code, const table_roles *roles);

/* A dotted code opening `text` ("5.1.1 ", "5.1.1. "): copies it to `code`
 * and returns how many bytes it and the space after it take, else 0. */
size_t derive_leading_code(const char *text, char *code, size_t size);

/* `text` without the points it ends with (": 0,5đ", "(1 điểm)"), trimmed
 * (malloc'd, NULL when out of memory); the points go to *max (-1: none). */
char *derive_split_points(const char *text, double *max);
/* A cell that is only points ("1,5", "0,5 điểm", "2đ"): sets *max. */
void derive_points(const char *cell, double *max);

/* Regroups tables flattened one cell per line (a header of several
 * one-cell lines naming a code column and a maximum column, then the rows
 * cell after cell) into lines of cells. */
int derive_unflatten(text_lines *lines);

/* The decision that issued a criteria set ("Quyết định số 2400/QĐ-UBND …
 * ban hành Bộ tiêu chí …"): its number (malloc'd) in *out, or NULL. */
int derive_framework(const text_lines *lines, char **out);

#endif

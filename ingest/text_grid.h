/*
 * Pandoc's tables inside text: a table whose cells hold several lines as a
 * grid ("+----+----+" borders, "| a  | b  |" lines), each row's cells
 * wrapped over the lines between two borders; and tables whose columns a
 * rule of dashes under the header gives ("----  -------"), a row a line or
 * (multiline tables) a row between blank lines. The text reader finds the
 * lines; this gathers each row's cells.
 */
#ifndef PARX_TEXT_GRID_H
#define PARX_TEXT_GRID_H

#include "buf.h"
#include "ingest.h"

#include <stddef.h>

enum { PARX_GRID_COLUMNS = 64 };

/* The row being gathered: each column's text so far, and its width. */
typedef struct parx_grid_row {
  parx_buf cell[PARX_GRID_COLUMNS];
  size_t width[PARX_GRID_COLUMNS];
  size_t ncells;
  int line; /* of its first line; 0 when nothing is gathered */
} parx_grid_row;

/* True when the n bytes at s are a grid's border: "+---+---+", "+===+". */
int parx_grid_border(const char *s, size_t n);

/* Adds a line's cells (the n bytes between its outer pipes) to the row. */
void parx_grid_add_line(parx_grid_row *g, const char *cells, size_t n, int line);

/* The columns of a table that pandoc writes with a rule of dashes under its
 * header ("-----  --------"): each run's first and last character column. */
typedef struct parx_dash_rule_t {
  size_t n;
  size_t start[PARX_GRID_COLUMNS], end[PARX_GRID_COLUMNS];
} parx_dash_rule_t;

/* The number of runs when the n bytes at s are such a rule (dashes and
 * spaces, runs of two dashes or more), else 0; the runs in *rule. */
int parx_dash_rule(const char *s, size_t n, parx_dash_rule_t *rule);

/* Adds a line of such a table to the row: each column the characters from
 * its run's start to the next run's. */
void parx_dash_add_line(parx_grid_row *g, const parx_dash_rule_t *rule, const char *s, size_t n,
                        int line);

/* Adds the gathered row to the table (if any) and empties it; -1 when out
 * of memory. */
int parx_grid_flush(parx_grid_row *g, parx_block *table);

/* Frees what the row holds. */
void parx_grid_free(parx_grid_row *g);

#endif

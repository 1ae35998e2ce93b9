/*
 * report: one self-contained HTML page (inline CSS and SVG, no script, no
 * request) from records of the contract parx.record/1, for officials and
 * reviewers: results, field scores against their maxima, points lost and
 * why, tasks by lead agency with their deadlines; several records side by
 * side. This header is the stage's whole interface.
 */
#ifndef PARX_REPORT_H
#define PARX_REPORT_H

#include <jansson.h>
#include <stddef.h>

typedef struct report_options {
  const char *as_of; /* YYYY-MM-DD: tasks due before it are overdue */
} report_options;

/* The page for `n` records (borrowed; each a JSON object of the record
 * contract). `checks`, when not NULL, holds for each record the report of
 * `parx check` against a catalog (check.h: {"catalog", "counts",
 * "findings"}), or NULL. Returns the HTML (malloc'd), or NULL when out of
 * memory. */
char *report_html(json_t *const *records, json_t *const *checks, size_t n,
                  const report_options *options);

#endif

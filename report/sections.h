/* The parts of the report page (inside the report stage). */
#ifndef PARX_REPORT_SECTIONS_H
#define PARX_REPORT_SECTIONS_H

#include "html.h"
#include "report.h"

/* One document's article: results, fields, points lost, tasks. */
void section_document(parx_buf *b, const json_t *record, const json_t *check, size_t number,
                      const report_options *o);

/* What `parx check` found against a catalog (`check` may be NULL: nothing). */
void section_findings(parx_buf *b, const json_t *check);

/* A document's tasks by lead agency, and its deadline timeline. */
void section_tasks(parx_buf *b, const json_t *record, const report_options *o);

/* Several documents side by side: fields, and the criteria that lose most often. */
void section_compare(parx_buf *b, json_t *const *records, size_t n);

/* A field's key and label: the field scores of a record (a score whose code
 * is null or has no dot). */
int is_field_score(const json_t *score);
/* The label of a score or deficit: "3. Title", "Title", or "3". */
void item_label(char *out, size_t len, const json_t *item);
/* A short name of a record for column heads: place and year, else its path. */
void record_name(char *out, size_t len, const json_t *record);

#endif

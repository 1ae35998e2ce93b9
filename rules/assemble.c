/* Assembly: the record of a normalised document, part by part. */
#include "assembly.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

parx_rec *parx_assemble(const parx_rules *rules, const parx_doc *doc, double max_seconds,
                        parx_error *err) {
  ctx c = {.rules = rules, .doc = doc};
  if (max_seconds >= 0) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    c.deadline = (double)t.tv_sec + (double)t.tv_nsec / 1e9 +
                 (max_seconds > 0 ? max_seconds : PARX_TIME_BUDGET);
  }
  c.rec = calloc(1, sizeof *c.rec);
  c.matcher = parx_matcher_new();
  c.taken = calloc(doc->nblocks ? doc->nblocks : 1, 1);
  if (!c.rec || !c.matcher || !c.taken) {
    free(c.taken);
    parx_matcher_free(c.matcher);
    free(c.rec);
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
    return NULL;
  }
  for (size_t i = 0; i < doc->nwarnings; i++)
    if (parx_strings_add(&c.rec->warnings, doc->warnings[i], strlen(doc->warnings[i])))
      c.failed = 1;
  assemble_header(&c);
  c.doc_year = c.rec->document.year;
  assemble_result_tables(&c);
  assemble_narrative(&c);
  assemble_tables(&c);
  assemble_prose_tasks(&c);
  criteria_max_from_scores(&c);
  if (c.cut)
    warn(&c,
         "%zu items left out: a record holds at most %d results, criteria, scores, deficits "
         "and tasks each (PARX_MAX_ITEMS)",
         c.cut, PARX_MAX_ITEMS);
  size_t stopped = parx_matcher_stopped(c.matcher);
  if (stopped)
    warn(&c,
         "%zu rule matches stopped at PCRE2's match limits: parts of the document may be "
         "missing from the record",
         stopped);
  parx_matcher_free(c.matcher);
  free(c.taken);
  free(c.own_place);
  free(c.page_index);
  if (c.failed) {
    parx_rec_free(c.rec);
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory while assembling the record");
    return NULL;
  }
  return c.rec;
}

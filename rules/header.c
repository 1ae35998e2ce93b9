/* The document header: number, place and date of issue, title, year. */
#include "assembly.h"
#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The header sits before the body: only the first blocks are searched. */
enum { HEADER_BLOCKS = 40, HEADER_ROWS = 4 };

static void take_number(ctx *c, const char *t) {
  parx_match match;
  if (c->rec->document.number) return;
  if (!match_rule(c, RULE_HEADER_NUMBER, t, strlen(t), 0, &match)) return;
  char *number = group_copy(&match, GROUP_NUMBER);
  /* "88 /BC-UBND": a number filled in by hand leaves a gap before its slash */
  char *to = number;
  for (const char *p = number; p && *p; p++)
    if (*p != ' ') *to++ = *p;
  if (to) *to = '\0';
  c->rec->document.number = number;
}

static void take_place_date(ctx *c, const char *t) {
  parx_match match;
  parx_document_info *d = &c->rec->document;
  if (d->place) return;
  size_t n = strlen(t);
  if (match_rule(c, RULE_HEADER_PLACE_DATE, t, n, 0, &match)) {
    double day, month, year;
    if (group_number(&match, GROUP_DAY, &day) && group_number(&match, GROUP_MONTH, &month) &&
        group_number(&match, GROUP_YEAR, &year) && month >= 1 && month <= 12 && day >= 1 &&
        day <= parx_days_in_month((int)year, (int)month)) {
      char buf[16];
      snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)year, (int)month, (int)day);
      d->issued = strdup(buf);
    }
    d->place = group_copy(&match, GROUP_PLACE);
  } else if (match_rule(c, RULE_HEADER_PLACE_ONLY, t, n, 0, &match)) {
    d->place = group_copy(&match, GROUP_PLACE);
  }
}

/* A letterhead row written on one line, its cells joined by "|" ("Số:
 * 12/KH-UBND | Nam Định, ngày …"): each cell is read as a line of its own. */
static void take_row_cells(ctx *c, const char *t) {
  for (const char *p = t, *bar; *p; p = bar + 1) {
    bar = strchr(p, '|');
    if (!bar) bar = p + strlen(p);
    while (*p == ' ')
      p++;
    char *cell = strndup(p, (size_t)(bar - p));
    if (!cell) {
      c->failed = 1;
      return;
    }
    take_number(c, cell);
    take_place_date(c, cell);
    free(cell);
    if (!*bar) return;
  }
}

/* The title: the document type line (its type word ends at type_end) and,
 * when the line holds only the type, the line that follows it. */
static void take_title(ctx *c, size_t i, size_t type_end) {
  const parx_doc *doc = c->doc;
  const char *type = doc->blocks[i].text;
  const char *next = NULL;
  /* "KẾ HOẠCH Nâng cao …" on one line is the whole title */
  size_t len = strlen(type);
  int bare = type_end + (type[len - 1] == ':') >= len;
  if (bare && i + 1 < doc->nblocks && doc->blocks[i + 1].kind == PARX_BLOCK_PARAGRAPH &&
      !not_a_task(c, doc->blocks[i + 1].text, strlen(doc->blocks[i + 1].text)))
    next = doc->blocks[i + 1].text;
  size_t n = strlen(type) + (next ? strlen(next) + 1 : 0);
  char *title = malloc(n + 1);
  if (!title) {
    c->failed = 1;
    return;
  }
  snprintf(title, n + 1, "%s%s%s", type, next ? " " : "", next ? next : "");
  c->rec->document.title = title;
}

static void take_year(ctx *c) {
  parx_match match;
  parx_document_info *d = &c->rec->document;
  const char *t = d->title;
  size_t from = 0;
  double year;
  while (t && match_rule(c, RULE_HEADER_YEAR, t, strlen(t), from, &match) &&
         group_number(&match, GROUP_YEAR, &year)) {
    d->year = (int)year; /* the last "năm N" of the title is the plan's year */
    from = match.end;
  }
  if (!d->year && d->issued) d->year = atoi(d->issued);
}

static void take_title_place(ctx *c) {
  parx_match match;
  parx_document_info *d = &c->rec->document;
  if (d->place || !d->title) return;
  if (match_rule(c, RULE_HEADER_TITLE_PLACE, d->title, strlen(d->title), 0, &match)) {
    d->place = group_copy(&match, GROUP_PLACE);
  }
}

void assemble_header(ctx *c) {
  parx_match match;
  const parx_doc *doc = c->doc;
  for (size_t i = 0; i < doc->nblocks && i < HEADER_BLOCKS; i++) {
    const parx_block *b = &doc->blocks[i];
    if (b->kind != PARX_BLOCK_PARAGRAPH) {
      /* a letterhead laid out as a table: authority and number on the left,
       * motto, place and date on the right */
      for (size_t r = 0; r < b->nrows && r < HEADER_ROWS; r++)
        for (size_t k = 0; k < b->rows[r].ncells; k++) {
          take_number(c, b->rows[r].cells[k]);
          take_place_date(c, b->rows[r].cells[k]);
        }
      continue;
    }
    if (strchr(b->text, '|')) {
      take_row_cells(c, b->text);
    } else {
      take_number(c, b->text);
      take_place_date(c, b->text);
    }
    if (!c->rec->document.title &&
        match_rule(c, RULE_HEADER_DOC_TYPE, b->text, strlen(b->text), 0, &match))
      take_title(c, i, match.end);
  }
  take_year(c);
  take_title_place(c);
}

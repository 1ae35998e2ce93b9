/*
 * Tasks stated in prose: bullets and paragraphs under a heading that names
 * the responsible agency, bullets naming their agencies before a colon, and
 * sentences whose subject is an agency told to act.
 */
#include "assembly.h"

#include <stdlib.h>
#include <string.h>

enum {
  AGENCY_HEADING_MAX = 400,
  MAX_DEPTH = 12,
  HEADER_BLOCKS = 40,
  HEADLINE_BLOCKS = 6,
  FIELD_LABEL_MAX = 48 /* bytes of a field's label ("Cơ quan phối hợp thực hiện") */
};

/* A heading still in force, with the agencies it names (none for a section heading). */
typedef struct open_heading {
  int level;
  parx_strings agencies;
} open_heading;

/* A task written one field a line, its labels a task table's column headers:
 * "- Nhiệm vụ: …", "- Cơ quan chủ trì: …", "- Cơ quan phối hợp: …", "- Thời
 * gian hoàn thành: …". The values read so far (malloc'd, or NULL), by role. */
typedef struct field_task {
  char *value[COL_DEADLINE + 1];
  size_t at; /* the block of its first field, + 1; 0 when no field is pending */
} field_task;

typedef struct state {
  open_heading stack[MAX_DEPTH];
  size_t depth;
  parx_strings intro; /* agencies of an introducing sentence ("… sau:") */
  int intro_level;    /* the outline level of that sentence's marker; 0 when unmarked */
  int skipping;       /* inside the distribution list */
  int skip_level;     /* inside a section that assigns nothing (its level), or 0 */
  field_task fields;
} state;

/* Closes the headings at `level` and below it. */
static void close_to(state *s, int level) {
  while (s->depth && s->stack[s->depth - 1].level >= level)
    parx_strings_clear(&s->stack[--s->depth].agencies);
}

static void open_heading_at(state *s, int level, parx_strings agencies) {
  close_to(s, level);
  parx_strings_clear(&s->intro);
  if (s->depth == MAX_DEPTH) {
    parx_strings_clear(&agencies);
    return;
  }
  s->stack[s->depth++] = (open_heading){level, agencies};
}

/* The agencies of the innermost heading in force. */
static const parx_strings *heading_lead(const state *s) {
  static const parx_strings none = {0};
  return s->depth ? &s->stack[s->depth - 1].agencies : &none;
}

static const parx_block *paragraph_at(ctx *c, size_t i) {
  return i < c->doc->nblocks && c->doc->blocks[i].kind == PARX_BLOCK_PARAGRAPH ? &c->doc->blocks[i]
                                                                               : NULL;
}

static int ends_with_colon(const char *t, size_t n) {
  return n && t[n - 1] == ':';
}

/* Agencies named by a heading's words ("a) Sở Nội vụ:", "3. Đối với UBND các xã"). */
static int heading_agencies(ctx *c, const char *t, size_t n, int bullets_follow,
                            parx_strings *out) {
  parx_match match;
  if (n && t[n - 1] == '.') return 0; /* a sentence, not a heading */
  int colon = n && t[n - 1] == ':';
  while (n && strchr(" :", t[n - 1]))
    n--;
  if (!n || n > AGENCY_HEADING_MAX || match_rule(c, RULE_TASK_LETTERHEAD, t, n, 0, &match))
    return 0;
  if (match_rule(c, RULE_AGENCY_LIST, t, n, 0, &match)) {
    agencies_split(c, t, n, out); /* "Các Sở: Nội vụ, Tư pháp" */
    return out->n > 0;
  }
  if (match_rule(c, RULE_TASK_HEADING_LIST, t, n, 0, &match)) {
    size_t s, e;
    if (group(&match, GROUP_NAMES, &s, &e)) agencies_split(c, t + s, e - s, out);
    return out->n > 0;
  }
  size_t off = 0;
  if (match_rule(c, RULE_TASK_HEADING_LEAD, t, n, 0, &match)) off = match.end;
  size_t verb_at = n;
  if (match_rule(c, RULE_AGENCY_VERB, t, n, off, &match)) verb_at = match.start;
  /* a heading names agencies and holds no sentence; words after the names
   * ("… được phân công chủ trì …") are part of one name when bullets follow */
  if (memchr(t + off, '.', n - off) || (verb_at < n && !bullets_follow)) return 0;
  /* "Sở Nội vụ có trách nhiệm:" introduces its items: the subject is the agency */
  if (verb_at < n && colon) return 0;
  if (!match_rule_at(c, RULE_AGENCY_KIND, t, n, off, &match)) return 0;
  /* "Sở Tài chính có trách nhiệm" names "Sở Tài chính"; in "Các Sở, ngành
   * được phân công chủ trì …" the verb describes the agencies: one name */
  size_t end = n;
  if (verb_at < n && !match_rule(c, RULE_AGENCY_PASSIVE, t, verb_at, off, &match)) end = verb_at;
  agencies_split(c, t + off, end - off, out);
  return out->n > 0;
}

/* The marker of the next paragraph, MARK_NONE at a table or the end. */
static marker_kind next_marker(ctx *c, size_t i) {
  const parx_block *b = paragraph_at(c, i + 1);
  if (!b) return MARK_NONE;
  marker mk = outline_marker(c, b->text);
  /* "- + Tổ chức …": a doubled bullet is the inner one */
  if (mk.kind == MARK_DASH && outline_marker(c, b->text + mk.len).kind == MARK_PLUS)
    return MARK_PLUS;
  return mk.kind;
}

/* Adds the task that the n bytes of text state; the task, or NULL when none was added. */
static parx_task *add_task(ctx *c, const char *text, size_t n, const parx_strings *lead,
                           const parx_block *b, size_t support_from) {
  parx_match match;
  if (n < 8) return NULL;
  parx_task *t = ADD_ITEM(c, c->rec, tasks);
  if (!t) return NULL;
  t->text = copy_trimmed(text, n);
  t->loc = (parx_loc){b->line, b->page};
  if (agencies_copy(&t->lead, lead)) c->failed = 1;
  agencies_support(c, text + support_from, n - support_from, &t->support);
  t->deadline = deadline_from_text(c, text);
  size_t pos = 0;
  while (match_rule(c, RULE_CODE_LABEL, text, n, pos, &match)) {
    size_t s, e;
    if (group(&match, GROUP_CODE, &s, &e) && parx_strings_add(&t->criteria, text + s, e - s))
      c->failed = 1;
    pos = match.end;
  }
  return t;
}

/* An item that names its agencies before a colon: "* Đài …, Báo …: tiếp tục …",
 * "2. Sở Tư pháp: Chủ trì …". */
static int colon_task(ctx *c, const char *t, size_t len, const parx_block *b) {
  parx_match match;
  const char *colon = strstr(t, ": ");
  if (!colon || colon - t > AGENCY_HEADING_MAX) return 0;
  size_t n = (size_t)(colon - t);
  /* "Các Sở: Tư pháp, …" lists agencies after its colon */
  if (match_rule(c, RULE_AGENCY_LIST, t, len, 0, &match)) return 0;
  if (!match_rule_at(c, RULE_AGENCY_KIND, t, n, 0, &match) ||
      match_rule(c, RULE_AGENCY_VERB, t, n, 0, &match) || memchr(t, '.', n))
    return 0;
  parx_strings lead = {0};
  agencies_split(c, t, n, &lead);
  if (lead.n) add_task(c, colon + 2, len - n - 2, &lead, b, 0);
  parx_strings_clear(&lead);
  return 1;
}

/* The role of the field that t states ("Cơ quan chủ trì: Sở Tư pháp"), with
 * where its value starts; COL_NONE when t states none. */
static column_role field_at(ctx *c, const char *t, size_t *value) {
  /* asked of every paragraph: only a label's length of it is read */
  const char *colon = memchr(t, ':', strnlen(t, FIELD_LABEL_MAX + 1));
  size_t n = colon ? (size_t)(colon - t) : 0;
  if (!n || colon[1] != ' ') return COL_NONE;
  for (size_t i = 0; i < n; i++)
    if (strchr(".,;", t[i])) return COL_NONE; /* a sentence or a list before the colon */
  char label[FIELD_LABEL_MAX + 1];
  memcpy(label, t, n);
  label[n] = '\0';
  int year = 0;
  column_role role = column_role_of(c, label, &year);
  *value = n + 2;
  return role == COL_TASK || role == COL_LEAD || role == COL_SUPPORT || role == COL_DEADLINE ||
                 role == COL_OUTPUT
             ? role
             : COL_NONE;
}

/* The agencies of a task read from fields: its lead field, else its text's
 * subject, else the heading's. */
static void field_lead(ctx *c, const state *s, const char *text, parx_strings *lead) {
  const char *named = s->fields.value[COL_LEAD];
  size_t start, subject;
  if (named)
    agencies_split(c, named, strlen(named), lead);
  else if ((subject = agencies_subject(c, text, strlen(text), &start)))
    agencies_split(c, text + start, subject - start, lead);
  else if (agencies_copy(lead, heading_lead(s)))
    c->failed = 1;
}

/* Adds the task of the fields read, if they state one, and forgets them. */
static void flush_fields(ctx *c, state *s) {
  field_task *f = &s->fields;
  const char *text = f->value[COL_TASK];
  if (f->at && text) {
    parx_strings lead = {0};
    field_lead(c, s, text, &lead);
    parx_task *t =
        lead.n ? add_task(c, text, strlen(text), &lead, &c->doc->blocks[f->at - 1], 0) : NULL;
    parx_strings_clear(&lead);
    const char *support = f->value[COL_SUPPORT], *deadline = f->value[COL_DEADLINE];
    if (t && support) {
      parx_strings_clear(&t->support);
      agencies_split(c, support, strlen(support), &t->support);
    }
    if (t && deadline) {
      if (t->deadline) free(t->deadline->text);
      free(t->deadline);
      t->deadline = deadline_from_cell(c, deadline);
    }
    const char *output = f->value[COL_OUTPUT];
    if (t && output) t->output = copy_clause(output, strlen(output));
  }
  for (int r = 0; r <= COL_DEADLINE; r++)
    free(f->value[r]);
  *f = (field_task){0};
}

/*
 * Takes the field of block i: 1, or 0 when it is not one after all: a lead
 * or support field holds agencies' names only. A deadline field alone under
 * the task before it is that task's deadline; a field stated again starts
 * the next task.
 */
/* The last task when block i-1 gave it (a deadline line under a bullet is its). */
static parx_task *task_just_before(ctx *c, size_t i) {
  if (!i || !c->rec->ntasks) return NULL;
  parx_task *last = &c->rec->tasks[c->rec->ntasks - 1];
  const parx_block *b = &c->doc->blocks[i - 1];
  return last->loc.line == b->line && last->loc.page == b->page ? last : NULL;
}

static int take_field(ctx *c, state *s, size_t i, column_role role, const char *value) {
  parx_match match;
  field_task *f = &s->fields;
  size_t n = strlen(value);
  if ((role == COL_LEAD || role == COL_SUPPORT) &&
      (!match_rule_at(c, RULE_AGENCY_KIND, value, n, 0, &match) ||
       match_rule(c, RULE_AGENCY_VERB, value, n, 0, &match)))
    return 0;
  parx_task *last = role == COL_DEADLINE && !f->at ? task_just_before(c, i) : NULL;
  if (last) {
    if (!last->deadline) last->deadline = deadline_from_cell(c, value);
    return 1;
  }
  if (f->value[role]) flush_fields(c, s);
  if (!(f->value[role] = copy_trimmed(value, n))) c->failed = 1;
  if (!f->at) f->at = i + 1;
  return 1;
}

static void on_paragraph(ctx *c, state *s, size_t i) {
  parx_match match;
  const parx_block *b = &c->doc->blocks[i];
  const char *text = b->text;
  size_t len = strlen(text);
  if (match_rule(c, RULE_TASK_STOP, text, len, 0, &match)) {
    flush_fields(c, s);
    s->skipping = 1;
    close_to(s, 0);
    parx_strings_clear(&s->intro);
    return;
  }
  if (s->skipping) {
    if (!match_rule(c, RULE_TASK_RESUME, text, len, 0, &match)) return;
    s->skipping = 0;
  }
  marker mk = outline_marker(c, text);
  marker_kind kind = mk.kind;
  const char *t = text + mk.len;
  /* "- + Tổ chức …": a converter's doubled bullet */
  marker inner = outline_marker(c, t);
  if (inner.kind == MARK_PLUS || inner.kind == MARK_DASH) t += inner.len;
  size_t n = len - (size_t)(t - text), value = 0;
  column_role field = field_at(c, t, &value);
  if (field == COL_NONE) flush_fields(c, s); /* another kind of paragraph ends a task's fields */
  /* a document type line in the body (an appendix's "KẾ HOẠCH") is unmarked;
   * "II. KẾ HOẠCH KHẮC PHỤC …" is a section heading and ends the section before it */
  if (!n || not_a_task(c, t, n) ||
      (kind == MARK_NONE && match_rule(c, RULE_HEADER_DOC_TYPE, t, n, 0, &match)) ||
      match_rule(c, RULE_AGENCY_NOT_TASK, t, n, 0, &match) || (t[0] == '(' && t[n - 1] == ')'))
    return;
  int level = mk.level;
  int short_heading = is_heading(t, n, kind);
  if (short_heading && kind != MARK_STAR) {
    if (s->skip_level && level <= s->skip_level) s->skip_level = 0;
    if (!s->skip_level && match_rule(c, RULE_TASK_SKIP_SECTION, t, n, 0, &match)) {
      s->skip_level = level;
      close_to(s, 0);
      parx_strings_clear(&s->intro);
    }
  }
  if (s->skip_level) return;
  /* "2. …" after "1. Sở Nội vụ có trách nhiệm:" and its items ends them */
  if (s->intro.n && s->intro_level && kind != MARK_NONE && level <= s->intro_level)
    parx_strings_clear(&s->intro);
  if (field != COL_NONE) {
    if (take_field(c, s, i, field, t + value)) return;
    /* "Trách nhiệm thực hiện: Sở X chủ trì …": a sentence after the label */
    if (match_rule_at(c, RULE_AGENCY_KIND, t, n, value, &match)) t += value, n -= value;
  }
  marker_kind next = next_marker(c, i);
  int bullets_follow = next == MARK_DASH || next == MARK_PLUS;
  parx_strings agencies = {0};
  if ((short_heading || kind == MARK_NONE) &&
      heading_agencies(c, t, n, bullets_follow, &agencies)) {
    open_heading_at(s, level, agencies);
    return;
  }
  parx_strings_clear(&agencies);
  if (colon_task(c, t, n, b)) return;
  if (short_heading && kind != MARK_STAR && !ends_with_colon(t, n)) {
    /* a section heading of another kind: its part has no agency */
    open_heading_at(s, level, (parx_strings){0});
    return;
  }
  if (kind != MARK_NONE && kind != MARK_DASH && kind != MARK_PLUS)
    close_to(s, level); /* an outline item ends the headings of its level */
  if (match_rule(c, RULE_TASK_CLOSING, t, n, 0, &match)) return;
  size_t subject_start;
  size_t subject = agencies_subject(c, t, n, &subject_start);
  /* "./." ends the document: after an unmarked paragraph it is the closing
   * formula, but the last numbered item naming its agency is still a task */
  if (!subject && match_rule(c, RULE_TASK_CLOSING_MARK, t, n, 0, &match)) return;
  /* "…, cụ thể sau:" with its own sub-items after it only introduces them */
  int introduces =
      ends_with_colon(t, n) &&
      (next == MARK_PLUS || next == MARK_NONE || next == MARK_NUMBER ||
       (next == MARK_DASH && kind != MARK_DASH) || (next == MARK_LETTER && kind != MARK_LETTER));
  /* "Sở Nội vụ đã tham mưu …" reports what was done: no task */
  if (subject && match_rule_at(c, RULE_TASK_REPORTED, t, n, subject, &match)) return;
  /* "- Trên cơ sở nội dung được giao, các đơn vị chủ động …" under an agency
   * heading: a descriptive subject (not a name: lower case) after a lead-in
   * clause stands for the heading's agencies */
  if (subject && subject_start > 0 && t[subject_start] >= 'a' && t[subject_start] <= 'z' &&
      heading_lead(s)->n)
    subject = 0;
  if (subject) {
    parx_strings lead = {0};
    agencies_split(c, t + subject_start, subject - subject_start, &lead);
    if (introduces) {
      parx_strings_clear(&s->intro);
      s->intro = lead;
      s->intro_level = kind == MARK_NONE ? 0 : level;
      return;
    }
    add_task(c, t, n, &lead, b, 0);
    parx_strings_clear(&lead);
    return;
  }
  if (introduces && kind != MARK_PLUS) return; /* it only introduces its sub-items */
  const parx_strings *lead = s->intro.n && kind != MARK_NONE ? &s->intro : heading_lead(s);
  if (lead->n) add_task(c, t, n, lead, b, 0);
}

/* Where the body starts: after the document type line ("KẾ HOẠCH"), so that
 * the letterhead ("UBND TỈNH …", "Số: …") assigns nothing. */
static size_t body_start(ctx *c) {
  parx_match match;
  for (size_t i = 0; i < c->doc->nblocks && i < HEADER_BLOCKS; i++) {
    const parx_block *b = &c->doc->blocks[i];
    if (b->kind == PARX_BLOCK_PARAGRAPH &&
        match_rule(c, RULE_HEADER_DOC_TYPE, b->text, strlen(b->text), 0, &match))
      return i + 1;
  }
  return 0;
}

/* A page without a document type line (a news page) opens with its headline,
 * byline and dates: lines that are neither outline items nor sentences, which
 * assign nothing, up to the first that is. */
static size_t after_headline(ctx *c) {
  size_t i = 0;
  for (; i < c->doc->nblocks && i < HEADLINE_BLOCKS; i++) {
    const parx_block *b = &c->doc->blocks[i];
    size_t n = b->kind == PARX_BLOCK_PARAGRAPH ? strlen(b->text) : 0;
    if (!n || strchr(".:;", b->text[n - 1]) || outline_marker(c, b->text).kind != MARK_NONE) break;
  }
  return i;
}

void assemble_prose_tasks(ctx *c) {
  state s = {0};
  size_t start = body_start(c);
  if (!start) start = after_headline(c);
  for (size_t i = start; i < c->doc->nblocks && !out_of_time(c, c->doc->blocks[i].line); i++) {
    if (c->doc->blocks[i].kind == PARX_BLOCK_PARAGRAPH && !c->taken[i]) {
      on_paragraph(c, &s, i);
    } else {
      flush_fields(c, &s);
      close_to(&s, 0);
    }
  }
  flush_fields(c, &s);
  close_to(&s, 0);
  parx_strings_clear(&s.intro);
}

/* A document's tasks, grouped by lead agency, and a timeline of their
 * deadlines with the overdue ones marked as of the report's date. */
#include "sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TIMELINE_WIDTH = 640, TIMELINE_HEIGHT = 64, TIMELINE_MARGIN = 20 };

static const char *no_agency = "(chưa rõ cơ quan chủ trì)";

static const char *lead_of(const json_t *task) {
  const char *lead = json_string_value(json_array_get(json_object_get(task, "lead"), 0));
  return lead ? lead : no_agency;
}

static const json_t *deadline_of(const json_t *task) {
  return json_object_get(task, "deadline");
}

/* Days since 1970-01-01 of an ISO date, or -1. */
static long days_of(const char *iso) {
  int y, m, d;
  if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3) return -1;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

typedef enum status { STATUS_NONE, STATUS_DUE, STATUS_OVERDUE, STATUS_RECURRING } status;

static status status_of(const json_t *task, const char *as_of) {
  const json_t *dl = deadline_of(task);
  const char *kind = member_text(dl, "kind"), *date = member_text(dl, "date");
  if (kind && !strcmp(kind, "recurring")) return STATUS_RECURRING;
  if (!date) return STATUS_NONE;
  return strcmp(date, as_of) < 0 ? STATUS_OVERDUE : STATUS_DUE;
}

static void timeline(parx_buf *b, const json_t *tasks, const char *as_of) {
  long lo = days_of(as_of), hi = lo, dated = 0;
  size_t i;
  json_t *t;
  json_array_foreach(tasks, i, t) {
    long d = days_of(member_text(deadline_of(t), "date"));
    if (d < 0) continue;
    dated++;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (!dated) return;
  double span = hi > lo ? (double)(hi - lo) : 1, width = TIMELINE_WIDTH - 2 * TIMELINE_MARGIN;
#define X(day) (TIMELINE_MARGIN + width * (double)((day)-lo) / span)
  html_printf(b,
              "<svg class=\"chart timeline\" viewBox=\"0 0 %d %d\" role=\"img\">"
              "<line class=\"axis\" x1=\"%d\" y1=\"32\" x2=\"%d\" y2=\"32\"/>"
              "<line class=\"today\" x1=\"%.1f\" y1=\"8\" x2=\"%.1f\" y2=\"56\"/>"
              "<text class=\"today\" x=\"%.1f\" y=\"8\">%s</text>",
              TIMELINE_WIDTH, TIMELINE_HEIGHT, TIMELINE_MARGIN, TIMELINE_WIDTH - TIMELINE_MARGIN,
              X(days_of(as_of)), X(days_of(as_of)), X(days_of(as_of)) + 3, as_of);
  json_array_foreach(tasks, i, t) {
    const char *date = member_text(deadline_of(t), "date");
    long d = days_of(date);
    if (d < 0) continue;
    status st = status_of(t, as_of);
    html_printf(b, "<circle class=\"%s\" cx=\"%.1f\" cy=\"32\" r=\"5\"><title>%s — ",
                st == STATUS_OVERDUE ? "overdue" : "due", X(d), date);
    html_text(b, lead_of(t));
    html_raw(b, ": ");
    html_text(b, member_text(t, "text"));
    html_raw(b, "</title></circle>");
  }
#undef X
  html_raw(b, "</svg>");
}

static void task_row(parx_buf *b, const json_t *t, const char *as_of) {
  static const char *const names[] = {"", "còn hạn", "quá hạn", "định kỳ"};
  static const char *const classes[] = {"none", "due", "overdue", "recurring"};
  status st = status_of(t, as_of);
  const json_t *dl = deadline_of(t);
  html_printf(b, "<tr class=\"task %s\"><td>", classes[st]);
  html_text(b, member_text(t, "text"));
  const json_t *support = json_object_get(t, "support");
  if (json_array_size(support)) {
    html_raw(b, "<br><span class=\"support\">Phối hợp: ");
    size_t i;
    json_t *s;
    json_array_foreach(support, i, s) {
      if (i) html_raw(b, "; ");
      html_text(b, json_string_value(s));
    }
    html_raw(b, "</span>");
  }
  html_raw(b, "</td><td>");
  html_text(b, member_text(dl, "text"));
  html_printf(b, "</td><td class=\"status\">%s</td><td>", names[st]);
  html_loc(b, t);
  html_raw(b, "</td></tr>");
}

typedef struct indexed {
  const json_t *task;
  size_t index;
} indexed;

static int by_lead(const void *a, const void *b) {
  const indexed *x = a, *y = b;
  int c = strcmp(lead_of(x->task), lead_of(y->task));
  return c ? c : (x->index > y->index) - (x->index < y->index);
}

void section_tasks(parx_buf *b, const json_t *record, const report_options *o) {
  const json_t *tasks = json_object_get(record, "tasks");
  size_t n = json_array_size(tasks), i;
  html_raw(b, "<section class=\"tasks\"><h3>Nhiệm vụ theo cơ quan chủ trì</h3>");
  if (!n) {
    html_raw(b, "<p class=\"empty\">Văn bản không giao nhiệm vụ.</p></section>");
    return;
  }
  size_t overdue = 0, recurring = 0;
  json_t *t;
  json_array_foreach(tasks, i, t) {
    status st = status_of(t, o->as_of);
    overdue += st == STATUS_OVERDUE;
    recurring += st == STATUS_RECURRING;
  }
  html_printf(b,
              "<p class=\"summary\">%zu nhiệm vụ; <strong class=\"overdue\">%zu quá hạn</strong> "
              "tính đến %s; %zu định kỳ hoặc thường xuyên.</p>",
              n, overdue, o->as_of, recurring);
  timeline(b, tasks, o->as_of);
  /* grouped by lead agency, in the agencies' order, each group's tasks in
   * the document's order (the sort is not stable: the index decides ties) */
  indexed *order = malloc(n * sizeof *order);
  if (!order) {
    b->failed = 1;
    return;
  }
  json_array_foreach(tasks, i, t) order[i] = (indexed){t, i};
  qsort(order, n, sizeof *order, by_lead);
  for (size_t k = 0; k < n; k++) {
    const char *lead = lead_of(order[k].task);
    if (!k || strcmp(lead, lead_of(order[k - 1].task))) {
      if (k) html_raw(b, "</tbody></table></div>");
      html_raw(b, "<h4 class=\"agency\">");
      html_text(b, lead);
      html_raw(b, "</h4><div class=\"scroll\"><table><thead><tr><th>Nhiệm vụ</th><th>Thời hạn</th>"
                  "<th>Tình trạng</th><th>Nguồn</th></tr></thead><tbody>");
    }
    task_row(b, order[k].task, o->as_of);
  }
  html_raw(b, "</tbody></table></div>");
  free(order);
  html_raw(b, "</section>");
}

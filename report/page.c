/* The page: its head and style, then the comparison and one article per record. */
#include "sections.h"

#include <stdlib.h>

/* One style for screens from a phone's width up, and for A4 paper. */
static const char style[] =
    ":root{--ink:#1d2733;--muted:#5b6776;--line:#d5dbe3;--good:#2f7d4f;--bad:#c0392b;"
    "--target:#e0a526;--max:#e8edf3}"
    "*{box-sizing:border-box}"
    "body{margin:0;font:15px/1.5 system-ui,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;"
    "color:var(--ink);background:#f6f8fa}"
    "main{max-width:1080px;margin:0 auto;padding:12px}"
    "header.page{padding:12px 0}h1{font-size:1.5em;margin:0}h2{font-size:1.25em;margin:0 0 .3em}"
    "h3{font-size:1.05em;margin:1.2em 0 .4em;border-bottom:1px solid var(--line)}"
    "h4{font-size:1em;margin:1em 0 .3em}"
    "article,section.compare{background:#fff;border:1px solid var(--line);border-radius:6px;"
    "padding:12px 16px;margin:0 0 16px}"
    "p.meta span{margin-right:1em;color:var(--muted)}"
    "h1,h2,h3,h4,p,li,td,th{overflow-wrap:anywhere}"
    ".scroll{overflow-x:auto;max-width:100%}"
    "table{border-collapse:collapse;width:100%;font-size:.93em}"
    "th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}"
    "td.num{white-space:nowrap;text-align:right}"
    ".loc{color:var(--muted);font-size:.8em;white-space:nowrap;margin-left:.3em}"
    "svg.chart{width:100%;height:auto;display:block;margin:.4em 0}"
    "svg text{font-size:12px;fill:var(--ink)}"
    "div.chart{margin:.4em 0}"
    "div.chart .row{display:grid;grid-template-columns:minmax(8em,38%) 1fr 11em;"
    "gap:.2em .6em;align-items:center;padding:.15em 0}"
    "div.chart svg.bars{width:100%;height:14px;display:block}"
    ".value{font-variant-numeric:tabular-nums}.value .target{color:var(--muted)}"
    "rect.max{fill:var(--max)}rect.actual{fill:var(--good)}rect.target{fill:var(--target)}"
    ".ranking rect.actual{fill:#3867a8}"
    "line.axis{stroke:var(--muted)}line.today{stroke:var(--bad);stroke-dasharray:3 2}"
    "text.today{fill:var(--bad)}circle.due{fill:var(--good)}circle.overdue{fill:var(--bad)}"
    ".legend .key{display:inline-block;width:1em;height:.7em;margin:0 .2em 0 .8em}"
    ".key.actual{background:var(--good)}.key.target{background:var(--target)}"
    ".key.max{background:var(--max)}"
    "ol.deficit-list{padding-left:1.4em}li.deficit{margin:.3em 0}"
    ".lost{color:var(--bad);font-weight:600}.reason{color:var(--muted)}"
    "tr.overdue td.status,strong.overdue{color:var(--bad)}tr.recurring "
    "td.status{color:var(--muted)}"
    ".support{color:var(--muted);font-size:.9em}.empty{color:var(--muted);font-style:italic}"
    "@media (max-width:600px){body{font-size:14px}main{padding:6px}"
    "div.chart .row{grid-template-columns:1fr 9em}div.chart .label{grid-column:1/-1}"
    "article,section.compare{padding:8px}th,td{padding:3px}}"
    "@media print{@page{size:A4;margin:15mm}body{background:#fff;font-size:10.5pt}"
    "main{max-width:none;padding:0}article,section.compare{border:0;padding:0;"
    "break-before:page}.scroll{overflow:visible}tr,li{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}}";

char *report_html(json_t *const *records, json_t *const *checks, size_t n,
                  const report_options *o) {
  parx_buf b = {0};
  html_raw(&b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               "<title>Báo cáo chỉ số cải cách hành chính</title><style>");
  html_raw(&b, style);
  html_raw(&b, "</style></head><body><main><header class=\"page\">"
               "<h1>Báo cáo chỉ số cải cách hành chính</h1>");
  html_printf(&b, "<p class=\"meta\"><span>%zu văn bản</span><span>Tính đến ngày %s</span>", n,
              o->as_of);
  html_raw(&b, "<span>Mỗi số kèm dòng (và trang) của văn bản nguồn, như <code>parx text</code> "
               "đánh số.</span></p></header>");
  if (n > 1) section_compare(&b, records, n);
  for (size_t i = 0; i < n; i++)
    section_document(&b, records[i], checks ? checks[i] : NULL, i + 1, o);
  html_raw(&b, "</main></body></html>\n");
  if (!b.failed) return b.s;
  free(b.s);
  return NULL;
}

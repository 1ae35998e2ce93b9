/*
 * The record contract parx.record/1 as JSON, written item by item: no tree
 * of the record is built, and a sink receives the text in pieces, so that
 * memory is bounded by the record, not by its text. The layout is the one
 * the record always had (jansson's, compact or indented by two).
 */
#include "output.h"
#include "buf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unicode/utf8.h>

/* Pieces are handed to the sink once this much is pending. */
enum { FLUSH_AT = 1 << 16, MAX_DEPTH = 8 };

typedef struct writer {
  parx_buf buf;
  int pretty;
  int depth;
  int members[MAX_DEPTH]; /* members written so far in each open container */
  parx_output_sink sink;
  void *data;
  int stopped; /* the sink's non-zero answer */
} writer;

/* Most pieces are a few bytes into room the buffer has: copied here, the
 * buffer grown by parx_buf_add only when it must. */
static void put(writer *w, const char *s, size_t n) {
  parx_buf *b = &w->buf;
  if (b->len + n < b->cap) {
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
  } else {
    parx_buf_add(b, s, n);
  }
}

static void puts_(writer *w, const char *s) {
  put(w, s, strlen(s));
}

/* Hands what is pending to the sink, between items. */
static void flush(writer *w, int force) {
  if (!w->sink || w->stopped || w->buf.failed || (!force && w->buf.len < FLUSH_AT)) return;
  if (w->buf.len) w->stopped = w->sink(w->buf.s, w->buf.len, w->data);
  w->buf.len = 0;
}

static void newline_indent(writer *w, int depth) {
  if (!w->pretty) return;
  put(w, "\n", 1);
  for (int i = 0; i < depth; i++)
    put(w, "  ", 2);
}

/* Before a member or an element: the separator from the one before it. */
static void next_item(writer *w) {
  if (w->members[w->depth]++) put(w, ",", 1);
  newline_indent(w, w->depth);
}

static void open_(writer *w, char c) {
  put(w, &c, 1);
  w->members[++w->depth] = 0;
}

static void close_(writer *w, char c) {
  if (w->members[w->depth]) newline_indent(w, w->depth - 1);
  put(w, &c, 1);
  w->depth--;
}

static int continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

/* The length of the well-formed two- or three-byte character at s[i] of a
 * string of n bytes, or 0 (other bytes take the full check). Vietnamese
 * letters are all of these. */
static size_t plain_utf8(const unsigned char *s, size_t i, size_t n) {
  unsigned char c = s[i];
  if (c >= 0xC2 && c <= 0xDF && i + 1 < n && continuation(s[i + 1])) return 2;
  if (c >= 0xE1 && c <= 0xEC && i + 2 < n && continuation(s[i + 1]) && continuation(s[i + 2]))
    return 3;
  return 0;
}

/* A string, escaped; invalid UTF-8 (a file name, say) becomes U+FFFD. Runs
 * of printable ASCII other than '"' and '\\', and well-formed UTF-8, are
 * copied as they are. */
static void string(writer *w, const char *s) {
  put(w, "\"", 1);
  const unsigned char *u = (const unsigned char *)s;
  size_t n = strlen(s), run = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = u[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      i++;
      continue;
    }
    size_t plain = c >= 0x80 ? plain_utf8(u, i, n) : 0;
    if (plain) {
      i += plain;
      continue;
    }
    const char *esc = NULL;
    char code[8];
    size_t len = 1;
    if (c == '"')
      esc = "\\\"";
    else if (c == '\\')
      esc = "\\\\";
    else if (c < 0x20) {
      static const char *const named[0x20] = {
          ['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t"};
      esc = named[c];
      if (!esc) {
        snprintf(code, sizeof code, "\\u%04X", c);
        esc = code;
      }
    } else if (c >= 0x80) {
      int32_t k = (int32_t)i;
      UChar32 cp;
      U8_NEXT((const uint8_t *)s, k, (int32_t)n, cp);
      len = (size_t)k - i;
      if (cp < 0) esc = "\xEF\xBF\xBD";
    }
    if (esc) {
      put(w, s + run, i - run);
      puts_(w, esc);
      run = i + len;
    }
    i += len;
  }
  put(w, s + run, n - run);
  put(w, "\"", 1);
}

static void key(writer *w, const char *k) {
  next_item(w);
  string(w, k);
  puts_(w, w->pretty ? ": " : ":");
}

static void str_or_null(writer *w, const char *s) {
  if (s && *s)
    string(w, s);
  else
    puts_(w, "null");
}

/* Written digit by digit: a record holds an integer per item (its line). */
static void integer(writer *w, long long v) {
  char b[24], *p = b + sizeof b;
  unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
  do
    *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0) *--p = '-';
  put(w, p, (size_t)(b + sizeof b - p));
}

/* A real with ten significant digits, always with a dot or an exponent, the
 * exponent without '+' or leading zeros ("1e-7", "1.5e20"). */
static void real(writer *w, double v) {
  char b[40];
  int n = snprintf(b, sizeof b, "%.10g", v);
  if (!strchr(b, '.') && !strchr(b, 'e')) n += snprintf(b + n, sizeof b - (size_t)n, ".0");
  char *e = strchr(b, 'e');
  if (e) {
    /* printf writes a sign and at least two digits after the 'e' */
    char *to = e + 1 + (e[1] == '-'), *from = e + 2;
    while (*from == '0')
      from++;
    memmove(to, from, strlen(from) + 1);
    n = (int)strlen(b);
  }
  put(w, b, (size_t)n);
}

static void num_or_null(writer *w, double v) {
  if (!isfinite(v))
    puts_(w, "null");
  else if (v == floor(v) && fabs(v) < 1e15)
    integer(w, (long long)v); /* integers stay integers: 1 not 1.0 */
  else
    real(w, v);
}

static void int_or_null(writer *w, int v) {
  if (v)
    integer(w, v);
  else
    puts_(w, "null");
}

static void loc(writer *w, parx_loc l) {
  open_(w, '{');
  key(w, "line");
  integer(w, l.line);
  key(w, "page");
  int_or_null(w, l.page);
  close_(w, '}');
}

static void strings(writer *w, const parx_strings *list) {
  open_(w, '[');
  for (size_t i = 0; i < list->n; i++) {
    next_item(w);
    string(w, list->items[i]);
  }
  close_(w, ']');
}

static void source(writer *w, const parx_source *s) {
  open_(w, '{');
  key(w, "path");
  string(w, s->path);
  key(w, "format");
  string(w, s->format);
  key(w, "bytes");
  integer(w, (long long)s->bytes);
  key(w, "sha256");
  string(w, s->sha256);
  key(w, "pages");
  int_or_null(w, s->pages);
  if (s->nocr) { /* an extension of the contract: consumers ignore what they do not know */
    key(w, "ocr");
    open_(w, '[');
    for (size_t i = 0; i < s->nocr; i++) {
      next_item(w);
      open_(w, '{');
      key(w, "page");
      integer(w, s->ocr[i].page);
      key(w, "confidence");
      real(w, round(s->ocr[i].confidence * 10) / 10);
      close_(w, '}');
    }
    close_(w, ']');
  }
  close_(w, '}');
}

static void document(writer *w, const parx_document_info *d) {
  open_(w, '{');
  key(w, "title");
  str_or_null(w, d->title);
  key(w, "number");
  str_or_null(w, d->number);
  key(w, "issued");
  str_or_null(w, d->issued);
  key(w, "place");
  str_or_null(w, d->place);
  key(w, "year");
  int_or_null(w, d->year);
  close_(w, '}');
}

static void result(writer *w, const parx_result *x) {
  open_(w, '{');
  key(w, "index");
  string(w, x->index);
  key(w, "year");
  int_or_null(w, x->year);
  key(w, "unit");
  str_or_null(w, x->unit);
  key(w, "score");
  num_or_null(w, x->score);
  key(w, "max");
  num_or_null(w, x->max);
  key(w, "percent");
  num_or_null(w, x->percent);
  key(w, "rank");
  int_or_null(w, x->rank);
  key(w, "rank_of");
  int_or_null(w, x->rank_of);
  key(w, "rating");
  str_or_null(w, x->rating);
  key(w, "loc");
  loc(w, x->loc);
  close_(w, '}');
}

static void criterion(writer *w, const parx_criterion *x) {
  open_(w, '{');
  key(w, "code");
  string(w, x->code);
  key(w, "title");
  str_or_null(w, x->title);
  key(w, "max");
  num_or_null(w, x->max);
  key(w, "loc");
  loc(w, x->loc);
  close_(w, '}');
}

static void score(writer *w, const parx_score *x) {
  open_(w, '{');
  key(w, "code");
  str_or_null(w, x->code);
  key(w, "title");
  str_or_null(w, x->title);
  key(w, "score");
  num_or_null(w, x->score);
  key(w, "max");
  num_or_null(w, x->max);
  key(w, "kind");
  string(w, x->target ? "target" : "actual");
  key(w, "year");
  int_or_null(w, x->year);
  key(w, "loc");
  loc(w, x->loc);
  close_(w, '}');
}

static void deficit(writer *w, const parx_deficit *x) {
  open_(w, '{');
  key(w, "code");
  str_or_null(w, x->code);
  key(w, "title");
  str_or_null(w, x->title);
  key(w, "lost");
  num_or_null(w, round(x->lost * 1e6) / 1e6);
  key(w, "score");
  num_or_null(w, x->score);
  key(w, "max");
  num_or_null(w, x->max);
  key(w, "reason");
  str_or_null(w, x->reason);
  key(w, "loc");
  loc(w, x->loc);
  close_(w, '}');
}

static void deadline(writer *w, const parx_deadline *d) {
  if (!d) {
    puts_(w, "null");
    return;
  }
  open_(w, '{');
  key(w, "text");
  string(w, d->text);
  key(w, "date");
  str_or_null(w, d->date);
  key(w, "kind");
  string(w, d->kind);
  close_(w, '}');
}

static void task(writer *w, const parx_task *x) {
  open_(w, '{');
  key(w, "text");
  string(w, x->text);
  key(w, "lead");
  strings(w, &x->lead);
  key(w, "support");
  strings(w, &x->support);
  key(w, "deadline");
  deadline(w, x->deadline);
  key(w, "output");
  str_or_null(w, x->output);
  key(w, "criteria");
  strings(w, &x->criteria);
  key(w, "loc");
  loc(w, x->loc);
  close_(w, '}');
}

/* An array of the record's items, each written by `one` and then flushed. */
#define ITEMS(w, name, items, n, one)                                                              \
  do {                                                                                             \
    key(w, name);                                                                                  \
    open_(w, '[');                                                                                 \
    for (size_t i_ = 0; i_ < (n); i_++) {                                                          \
      next_item(w);                                                                                \
      one(w, &(items)[i_]);                                                                        \
      flush(w, 0);                                                                                 \
    }                                                                                              \
    close_(w, ']');                                                                                \
  } while (0)

static void record(writer *w, const parx_rec *rec, const parx_source *src) {
  open_(w, '{');
  key(w, "schema");
  string(w, "parx.record/1");
  key(w, "source");
  source(w, src);
  key(w, "document");
  document(w, &rec->document);
  ITEMS(w, "results", rec->results, rec->nresults, result);
  ITEMS(w, "criteria", rec->criteria, rec->ncriteria, criterion);
  ITEMS(w, "scores", rec->scores, rec->nscores, score);
  ITEMS(w, "deficits", rec->deficits, rec->ndeficits, deficit);
  ITEMS(w, "tasks", rec->tasks, rec->ntasks, task);
  key(w, "warnings");
  strings(w, &rec->warnings);
  close_(w, '}');
}

int parx_output_json_write(const parx_rec *rec, const parx_source *src, int pretty,
                           parx_output_sink sink, void *data) {
  writer w = {.pretty = pretty, .sink = sink, .data = data};
  record(&w, rec, src);
  flush(&w, 1);
  int failed = w.buf.failed;
  parx_buf_free(&w.buf);
  return w.stopped ? w.stopped : failed ? -1 : 0;
}

char *parx_output_json(const parx_rec *rec, const parx_source *src, int pretty) {
  writer w = {.pretty = pretty};
  record(&w, rec, src);
  if (!w.buf.failed) return w.buf.s;
  parx_buf_free(&w.buf);
  return NULL;
}

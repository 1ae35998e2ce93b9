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

/* The bytes the character a byte opens takes when it is copied as it is,
 * its continuation bytes granted: printable ASCII but '"' and '\\', and the
 * leads of the two- and three-byte characters that Vietnamese letters all
 * are; 0 for the rest (the end, a byte to escape, other UTF-8), which the
 * full check takes. */
static const unsigned char copied_len[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20, '"' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50, '\\' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x80: continuation bytes */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xA0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xB0 */
    0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xC0: C2..DF lead two bytes */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xD0 */
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, /* 0xE0: E1..EC lead three */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xF0 */
};

/* The length of the character at u[i] when it is copied as it is, else 0.
 * The string's NUL, no continuation byte, stops a character cut short. */
static size_t copied_at(const unsigned char *u, size_t i) {
  size_t k = copied_len[u[i]];
  if (k >= 2 && !continuation(u[i + 1])) return 0;
  if (k == 3 && !continuation(u[i + 2])) return 0;
  return k;
}

/* A string, escaped; invalid UTF-8 (a file name, say) becomes U+FFFD. Runs
 * of printable ASCII other than '"' and '\\', and well-formed UTF-8, are
 * copied as they are. Read to its NUL once: most strings are only copied. */
static void string(writer *w, const char *s) {
  put(w, "\"", 1);
  const unsigned char *u = (const unsigned char *)s;
  size_t run = 0, i = 0;
  for (;;) {
    while (copied_len[u[i]] == 1) /* an ASCII run, the most common */
      i++;
    size_t plain = copied_at(u, i);
    if (plain) {
      i += plain;
      continue;
    }
    unsigned char c = u[i];
    if (!c) break;
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
    } else {
      int32_t k = (int32_t)i;
      UChar32 cp;
      U8_NEXT((const uint8_t *)s, k, (int32_t)(i + strlen(s + i)), cp);
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
  put(w, s + run, i - run);
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

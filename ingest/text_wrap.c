/*
 * Wrapped text (see text_wrap.h): whether a text is, and where its
 * paragraphs go on.
 */
#include "text_wrap.h"
#include "ingest.h"

#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* The text's first bytes tell whether it is wrapped: a page or two. */
enum { SAMPLE = 64 * 1024 };
/* Lines judged before a text may be called wrapped: a news snippet of three
 * lines is not. */
enum { SAMPLE_LINES_MIN = 12 };
/* A wrapped text has at least one line in five starting in lower case (seen:
 * about one in two; a paragraph a line: one in fifty). */
enum { LOWER_SHARE_MIN_PERCENT = 20 };
/* The width is the length most lines stay within (the 90th percentile): a
 * wrapped paragraph's lines all run close to it, its last one stops short. */
enum { WIDTH_PERCENTILE = 90, WIDTH_MIN = 30, WIDTH_MAX = 400 };
/* A line "ran to the width" when the next line's first word would have
 * taken it to this share of the width: proportional fonts fit more narrow
 * letters on one line than wide ones, so the counts of full lines vary. */
enum { FULL_PERCENT = 90 };

typedef struct span {
  const char *s;
  size_t n;
} span;

/* Characters (code points) of s, trailing white space left out. */
static size_t chars_of(span t) {
  while (t.n && (t.s[t.n - 1] == ' ' || t.s[t.n - 1] == '\r' || t.s[t.n - 1] == '\t'))
    t.n--;
  return parx_utf8_chars(t.s, t.n);
}

/* The line's first word: leading spaces and a page's form feed skipped. */
static span first_word(span l) {
  size_t i = 0;
  while (i < l.n && (l.s[i] == ' ' || l.s[i] == '\f'))
    i++;
  size_t e = i;
  while (e < l.n && l.s[e] != ' ' && l.s[e] != '\t' && l.s[e] != '\r')
    e++;
  return (span){l.s + i, e - i};
}

/* "Điều 3." opens an article, as a list marker opens an item. */
static int opens_item(span line, span word) {
  if (parx_is_list_marker(word.s, word.n)) return 1;
  size_t after = (size_t)(word.s - line.s) + word.n + 1;
  return word.n == 5 && !memcmp(word.s, "\xC4\x90i\xE1\xBB\x81u", 5) && after < line.n &&
         line.s[after] >= '0' && line.s[after] <= '9';
}

static int starts_lower(span word) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT((const uint8_t *)word.s, i, (int32_t)(word.n < 8 ? word.n : 8), c);
  return c >= 0 && u_islower(c);
}

/* True when the tag at s (after its '<') names a block of HTML: a paragraph,
 * an item, a heading, a line break, a division ("p", "/li", "h2", "br/"). */
static int block_tag(const char *s, size_t n) {
  static const char *const blocks[] = {"p",  "li", "h1", "h2",    "h3",        "h4",
                                       "h5", "h6", "br", "div",   "ul",        "ol",
                                       "tr", "td", "th", "table", "blockquote"};
  size_t i = n && s[0] == '/', e = i;
  while (e < n && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z') ||
                   (s[e] >= '0' && s[e] <= '9')))
    e++;
  if (e == i || (e < n && s[e] != '>' && s[e] != ' ' && s[e] != '/')) return 0;
  for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
    if (strlen(blocks[k]) == e - i && !strncasecmp(s + i, blocks[k], e - i)) return 1;
  return 0;
}

/* True when the line opens with a block's tag ("<p>…"). */
static int opens_block(span w) {
  return w.n > 1 && w.s[0] == '<' && block_tag(w.s + 1, w.n - 1);
}

/* True when the line ends with a block's tag ("…</p>", "<br>"). */
static int ends_block(span l) {
  while (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\r'))
    l.n--;
  if (!l.n || l.s[l.n - 1] != '>') return 0;
  size_t lt = l.n - 1;
  while (lt > 0 && l.s[lt] != '<')
    lt--;
  return l.s[lt] == '<' && block_tag(l.s + lt + 1, l.n - lt - 1);
}

static int is_blank_or_row(span l) {
  if (memchr(l.s, '\t', l.n)) return 1;
  for (size_t i = 0; i < l.n; i++)
    if (l.s[i] != ' ' && l.s[i] != '\r' && l.s[i] != '\f') return 0;
  return 1;
}

typedef void (*line_visitor)(span, void *);
/* Calls see(line, arg) for each line of a sample of `source`. */
typedef void (*line_source)(const void *source, line_visitor see, void *arg);

typedef struct text_sample {
  const char *text;
  size_t len;
} text_sample;

/* The lines of a text's sample that are neither blank nor a table row. */
static void text_lines(const void *source, line_visitor see, void *arg) {
  const text_sample *ts = source;
  size_t end = ts->len < SAMPLE ? ts->len : SAMPLE;
  for (size_t i = 0; i < end;) {
    const char *nl = memchr(ts->text + i, '\n', end - i);
    size_t e = nl ? (size_t)(nl - ts->text) : end;
    span l = {ts->text + i, e - i};
    i = e + 1;
    if (!nl && end < ts->len) break; /* a line the sample cut */
    if (!is_blank_or_row(l)) see(l, arg);
  }
}

/* The paragraphs of a document's first SAMPLE bytes of paragraphs. */
static void doc_paragraphs(const void *source, line_visitor see, void *arg) {
  const parx_doc *doc = source;
  size_t seen = 0;
  for (size_t i = 0; i < doc->nblocks && seen < SAMPLE; i++) {
    const parx_block *b = &doc->blocks[i];
    if (b->kind != PARX_BLOCK_PARAGRAPH || !b->text || !*b->text) continue;
    span l = {b->text, strlen(b->text)};
    seen += l.n;
    see(l, arg);
  }
}

typedef struct starts {
  size_t lines, lower;
} starts;

static void count_start(span l, void *arg) {
  starts *st = arg;
  span w = first_word(l);
  st->lines++;
  st->lower += starts_lower(w) && !opens_item(l, w);
}

static void count_length(span l, void *arg) {
  size_t *count = arg, c = chars_of(l);
  count[c < WIDTH_MAX ? c : WIDTH_MAX]++;
}

static size_t wrap_width(line_source each, const void *source) {
  starts st = {0, 0};
  each(source, count_start, &st);
  if (st.lines < SAMPLE_LINES_MIN || st.lower * 100 < st.lines * LOWER_SHARE_MIN_PERCENT) return 0;
  /* lengths are counted only for the few texts that are wrapped */
  size_t count[WIDTH_MAX + 1] = {0}, below = 0, width = 0;
  each(source, count_length, count);
  while (width < WIDTH_MAX && (below += count[width]) * 100 < st.lines * WIDTH_PERCENTILE)
    width++;
  return width >= WIDTH_MIN && width < WIDTH_MAX ? width : 0;
}

size_t parx_text_wrap_width(const char *text, size_t len) {
  text_sample ts = {text, len};
  return wrap_width(text_lines, &ts);
}

size_t parx_doc_wrap_width(const parx_doc *doc) {
  return wrap_width(doc_paragraphs, doc);
}

int parx_text_wrap_continues(size_t width, const char *prev, size_t prev_n, const char *next,
                             size_t next_n) {
  span p = {prev, prev_n}, l = {next, next_n}, w = first_word(l);
  if (!w.n || opens_item(l, w)) return 0;
  /* markup states its blocks: "…</p>" ends one, "<p>…" opens one */
  if (opens_block(w) || ends_block(p)) return 0;
  if (starts_lower(w)) return 1;
  if (parx_ends_sentence(p.s, p.n)) return 0;
  return (chars_of(p) + 1 + chars_of(w)) * 100 >= width * FULL_PERCENT;
}

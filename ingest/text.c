/*
 * The text reader: UTF-8 (with or without BOM) or UTF-16 with BOM. Lines
 * with tabs, markdown's "| a | b |" lines, pandoc's grids and tables under a
 * rule of dashes, and HTML tables are table rows; other lines are
 * paragraphs.
 */
#include "ingest.h"
#include "error.h"
#include "text_grid.h"
#include "text_html.h"
#include "text_wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* Offset of the first invalid UTF-8 sequence, or len when there is none:
 * the slow, exact search, run only on text known to be invalid. */
static size_t invalid_utf8_at(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    size_t at = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) return at;
  }
  return len;
}

/* The classes of bytes the automaton tells apart. */
enum {
  B_ASCII,
  B_80_8F,
  B_90_9F,
  B_A0_BF,
  B_LEAD2,
  B_E0,
  B_LEAD3,
  B_ED,
  B_F0,
  B_LEAD4,
  B_F4,
  B_NEVER,
  B_CLASSES
};

/* clang-format off */
#define RANGE16(c) c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c
static const unsigned char byte_class[256] = {
    RANGE16(B_ASCII), RANGE16(B_ASCII), RANGE16(B_ASCII), RANGE16(B_ASCII),
    RANGE16(B_ASCII), RANGE16(B_ASCII), RANGE16(B_ASCII), RANGE16(B_ASCII),
    RANGE16(B_80_8F), RANGE16(B_90_9F), RANGE16(B_A0_BF), RANGE16(B_A0_BF),
    B_NEVER, B_NEVER, B_LEAD2, B_LEAD2, B_LEAD2, B_LEAD2, B_LEAD2, B_LEAD2,   /* C0 */
    B_LEAD2, B_LEAD2, B_LEAD2, B_LEAD2, B_LEAD2, B_LEAD2, B_LEAD2, B_LEAD2,   /* C8 */
    RANGE16(B_LEAD2),                                                        /* D0 */
    B_E0, B_LEAD3, B_LEAD3, B_LEAD3, B_LEAD3, B_LEAD3, B_LEAD3, B_LEAD3,     /* E0 */
    B_LEAD3, B_LEAD3, B_LEAD3, B_LEAD3, B_LEAD3, B_ED, B_LEAD3, B_LEAD3,     /* E8 */
    B_F0, B_LEAD4, B_LEAD4, B_LEAD4, B_F4, B_NEVER, B_NEVER, B_NEVER,        /* F0 */
    B_NEVER, B_NEVER, B_NEVER, B_NEVER, B_NEVER, B_NEVER, B_NEVER, B_NEVER}; /* F8 */
#undef RANGE16
/* clang-format on */

/* The states of a UTF-8 validating automaton: what the bytes read so far
 * still need (the well-formed sequences of Unicode's table 3-7, as U8_NEXT
 * accepts them). A state is its row's offset in next_state, so a step is
 * one addition and one look-up; U8_BAD is 0, where every entry not listed
 * leads, and stays. */
enum {
  U8_BAD = 0 * B_CLASSES,
  U8_OK = 1 * B_CLASSES,
  U8_TAIL1 = 2 * B_CLASSES,
  U8_TAIL2 = 3 * B_CLASSES,
  U8_TAIL3 = 4 * B_CLASSES,
  U8_AFTER_E0 = 5 * B_CLASSES,
  U8_AFTER_ED = 6 * B_CLASSES,
  U8_AFTER_F0 = 7 * B_CLASSES,
  U8_AFTER_F4 = 8 * B_CLASSES,
  U8_END = 9 * B_CLASSES
};

static const unsigned char next_state[U8_END] = {
    [U8_OK + B_ASCII] = U8_OK,          [U8_OK + B_LEAD2] = U8_TAIL1,
    [U8_OK + B_E0] = U8_AFTER_E0,       [U8_OK + B_LEAD3] = U8_TAIL2,
    [U8_OK + B_ED] = U8_AFTER_ED,       [U8_OK + B_F0] = U8_AFTER_F0,
    [U8_OK + B_LEAD4] = U8_TAIL3,       [U8_OK + B_F4] = U8_AFTER_F4,
    [U8_TAIL1 + B_80_8F] = U8_OK,       [U8_TAIL1 + B_90_9F] = U8_OK,
    [U8_TAIL1 + B_A0_BF] = U8_OK,       [U8_TAIL2 + B_80_8F] = U8_TAIL1,
    [U8_TAIL2 + B_90_9F] = U8_TAIL1,    [U8_TAIL2 + B_A0_BF] = U8_TAIL1,
    [U8_TAIL3 + B_80_8F] = U8_TAIL2,    [U8_TAIL3 + B_90_9F] = U8_TAIL2,
    [U8_TAIL3 + B_A0_BF] = U8_TAIL2,    [U8_AFTER_E0 + B_A0_BF] = U8_TAIL1, /* no overlong form */
    [U8_AFTER_ED + B_80_8F] = U8_TAIL1,                                     /* no surrogate */
    [U8_AFTER_ED + B_90_9F] = U8_TAIL1, [U8_AFTER_F0 + B_90_9F] = U8_TAIL2, /* no overlong form */
    [U8_AFTER_F0 + B_A0_BF] = U8_TAIL2, [U8_AFTER_F4 + B_80_8F] = U8_TAIL2, /* up to U+10FFFF */
};

/* One step of the automaton. */
static unsigned utf8_step(unsigned state, unsigned char byte) {
  return next_state[state + byte_class[byte]];
}

/* Cuts s into `runs` parts, each starting at a character's first byte (at
 * most three continuation bytes follow one in valid text); 0 when a cut
 * meets a fourth, which makes the text invalid. */
static int cut_at_characters(const unsigned char *s, size_t len, size_t *cut, int runs) {
  cut[0] = 0;
  cut[runs] = len;
  for (int r = 1; r < runs; r++) {
    size_t c = len / (size_t)runs * (size_t)r;
    for (int k = 0; k < 3 && (s[c] & 0xC0) == 0x80; k++)
      c++;
    if ((s[c] & 0xC0) == 0x80) return 0;
    cut[r] = c;
  }
  return 1;
}

/* Whether s is well-formed UTF-8. Each step of the automaton waits for the
 * one before (a load's latency a byte), so four runs over four parts of the
 * text go side by side, their steps overlapping. */
static int valid_utf8(const unsigned char *s, size_t len) {
  enum { RUNS = 4, SHORT = 256 };
  size_t cut[RUNS + 1];
  int runs = len < SHORT ? 1 : RUNS; /* parts far longer than a character */
  if (!cut_at_characters(s, len, cut, runs)) return 0;
  size_t common = len;
  for (int r = 0; r < runs; r++)
    if (cut[r + 1] - cut[r] < common) common = cut[r + 1] - cut[r];
  unsigned state[RUNS] = {U8_OK, U8_OK, U8_OK, U8_OK};
  if (runs == RUNS)
    for (size_t i = 0; i < common; i++)
      for (int r = 0; r < RUNS; r++)
        state[r] = utf8_step(state[r], s[cut[r] + i]);
  int ok = 1;
  for (int r = 0; r < runs; r++) {
    for (size_t i = cut[r] + (runs == RUNS ? common : 0); i < cut[r + 1]; i++)
      state[r] = utf8_step(state[r], s[i]);
    ok &= state[r] == U8_OK;
  }
  return ok;
}

/* Converts UTF-16 (after its BOM) to UTF-8 with ICU. */
static char *utf16_to_utf8(const unsigned char *b, size_t len, int big_endian, size_t *out_len,
                           const char *name, parx_error *err) {
  size_t n = len / 2;
  UChar *u = malloc((n ? n : 1) * sizeof *u);
  if (!u) {
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", name);
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    u[i] =
        big_endian ? (UChar)(b[2 * i] << 8 | b[2 * i + 1]) : (UChar)(b[2 * i + 1] << 8 | b[2 * i]);
  UErrorCode status = U_ZERO_ERROR;
  int32_t need = 0;
  u_strToUTF8(NULL, 0, &need, u, (int32_t)n, &status);
  char *out = NULL;
  if (status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status)) {
    status = U_ZERO_ERROR;
    out = malloc((size_t)need + 1);
    if (out) u_strToUTF8(out, need + 1, NULL, u, (int32_t)n, &status);
  }
  free(u);
  if (!out || U_FAILURE(status)) {
    free(out);
    parx_error_set(err, PARX_ERR_ENCODING, "%s: invalid UTF-16 text (%s)", name,
                   u_errorName(status));
    return NULL;
  }
  *out_len = (size_t)need;
  return out;
}

typedef struct line {
  const char *s;
  size_t n;
} line;

static int is_blank(line l) {
  for (size_t i = 0; i < l.n; i++)
    if (l.s[i] != ' ' && l.s[i] != '\t' && l.s[i] != '\r') return 0;
  return 1;
}

/* Most lines hold no tab: memchr says so without counting. */
static int has_tab(line l) {
  return memchr(l.s, '\t', l.n) != NULL;
}

/* Where the next separator at or after `from` is, else l.n. */
static size_t next_sep(line l, char sep, size_t from) {
  const char *t = memchr(l.s + from, sep, l.n - from);
  return t ? (size_t)(t - l.s) : l.n;
}

static size_t count_sep(line l, char sep) {
  size_t t = 0;
  for (size_t i = next_sep(l, sep, 0); i < l.n; i = next_sep(l, sep, i + 1))
    t++;
  return t;
}

static size_t count_tabs(line l) {
  return count_sep(l, '\t');
}

/* "\tcell" or " \tcell": one cell of a row written one cell per line. */
static int is_one_cell_line(line l) {
  size_t i = (l.n && l.s[0] == ' ') ? 1 : 0;
  return i < l.n && l.s[i] == '\t' && count_tabs(l) == 1;
}

/* Splits a line at its separators into cells and adds it as a row. */
static int add_split_row(parx_block *table, line l, char sep, int lineno) {
  enum { FEW = 64 }; /* most rows: no allocation */
  const char *few_cells[FEW];
  size_t few_lens[FEW];
  size_t n = count_sep(l, sep) + 1;
  const char **cells = n <= FEW ? few_cells : malloc(n * sizeof *cells);
  size_t *lens = n <= FEW ? few_lens : malloc(n * sizeof *lens);
  int rc = -1;
  if (cells && lens) {
    size_t k = 0;
    for (size_t start = 0;; k++) {
      size_t end = next_sep(l, sep, start);
      cells[k] = l.s + start;
      lens[k] = end - start;
      if (end == l.n) break;
      start = end + 1;
    }
    /* converters end rows with stray tabs: trailing empty cells carry nothing */
    rc = parx_table_add_row(table, cells, lens, k + 1, lineno, 0);
  }
  if (cells != few_cells) free(cells);
  if (lens != few_lens) free(lens);
  return rc;
}

/* The cells of a markdown table's row ("| a | b |"): between its outer
 * pipes, when the line has them and holds two cells at least; {NULL, 0}
 * else. */
static line pipe_cells(line l) {
  size_t a = 0, b = l.n;
  while (a < b && l.s[a] == ' ')
    a++;
  while (b > a && (l.s[b - 1] == ' ' || l.s[b - 1] == '\r'))
    b--;
  if (b - a < 3 || l.s[a] != '|' || l.s[b - 1] != '|' || !memchr(l.s + a + 1, '|', b - a - 2))
    return (line){NULL, 0};
  return (line){l.s + a + 1, b - a - 2};
}

/* The rule under a markdown table's header ("|---|:--:|"), or an empty
 * header (a converter's for a table whose first row is not one): no text. */
static int is_pipe_rule(line cells) {
  for (size_t i = 0; i < cells.n; i++)
    if (!cells.s[i] || !strchr("|-: ", cells.s[i])) return 0;
  return 1;
}

/* A place in the text: where a line starts, and its number. */
typedef struct cursor {
  size_t pos;
  int lineno;
} cursor;

typedef struct reader {
  parx_doc *doc;
  const char *text;
  size_t len;
  int has_cr; /* the text holds a carriage return: lines may end at one */
  /* The paragraph being gathered: its one line where it lies in the text
   * (most paragraphs are one line), or its lines joined in `joined` (a
   * markdown hard break continues a paragraph); empty when there is none. */
  line para;
  char *joined;
  size_t joined_cap;
  int para_line;
  int para_hard_break; /* its last line ended with a markdown hard break */
  line last;           /* the paragraph's last line; empty after a blank line */
  size_t wrap_width;   /* the width its lines run to in a wrapped text, else 0 */
  /* where the next HTML table closes, found from html_from on (len: none);
   * html_searched is 0 till the first search */
  size_t html_from, html_close;
  int html_searched;
} reader;

/* A line ends at "\n", "\r\n" or a lone "\r" (old Mac files). */
static int line_end(const char *s, size_t len, size_t i) {
  return s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'));
}

/* Where the line starting at i ends: memchr finds it when the text holds no
 * carriage return, as most do. */
static size_t next_line_end(const char *s, size_t len, size_t i, int has_cr) {
  if (!has_cr) {
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
  }
  while (i < len && !line_end(s, len, i))
    i++;
  return i;
}

/* Reads the line at c (without its end) and moves c to the next one; 0 at
 * the end of the text. Lines are read where they lie, one at a time, and
 * read again where a table ends: no array of every line is built. */
static int read_line(const reader *r, cursor *c, line *l) {
  if (c->pos >= r->len) return 0;
  size_t start = c->pos, i = next_line_end(r->text, r->len, start, r->has_cr), end = i;
  if (end > start && r->text[end - 1] == '\r') end--;
  *l = (line){r->text + start, end - start};
  c->pos = i + 1;
  c->lineno++;
  return 1;
}

static int para_flush(reader *r) {
  if (!r->para.n) return 0;
  int rc = parx_doc_add_paragraph(r->doc, r->para.s, r->para.n, r->para_line, 0);
  r->para.n = 0;
  return rc;
}

/* Adds a line (never empty) to the paragraph. */
static int para_append(reader *r, line l, int lineno) {
  r->para_hard_break = l.n >= 2 && l.s[l.n - 1] == ' ' && l.s[l.n - 2] == ' ';
  r->last = l;
  if (!r->para.n) {
    r->para = l;
    r->para_line = lineno;
    return 0;
  }
  size_t n = r->para.n + 1 + l.n;
  if (n > r->joined_cap) {
    int in_joined = r->para.s == r->joined;
    char *p = realloc(r->joined, n * 2);
    if (!p) return -1;
    r->joined = p;
    r->joined_cap = n * 2;
    if (in_joined) r->para.s = p;
  }
  if (r->para.s != r->joined) memcpy(r->joined, r->para.s, r->para.n);
  r->joined[r->para.n] = ' ';
  memcpy(r->joined + r->para.n + 1, l.s, l.n);
  r->para = (line){r->joined, n};
  return 0;
}

/* Reads a table from the line at *c on, and moves *c to the first line
 * after it; -1 when out of memory. */
static int read_table(reader *r, cursor *c) {
  parx_block *table = parx_doc_add_table(r->doc, c->lineno, 0);
  if (!table) return -1;
  cursor at = *c, last = *c;
  line l;
  read_line(r, &at, &l);
  int one_cell = is_one_cell_line(l);
  const char *cells[64];
  size_t lens[64], ncells = 0;
  int row_line = 0;
  for (at = *c; read_line(r, &at, &l);) {
    if (is_blank(l)) {
      if (one_cell && ncells) {
        parx_table_add_row(table, cells, lens, ncells, row_line, 0);
        ncells = 0;
      }
      continue;
    }
    if (!has_tab(l)) {
      /* a page mark ("*LM*") between two parts of a table does not end it */
      char *clean = parx_clean_text(l.s, l.n);
      int mark = clean && !*clean;
      free(clean);
      if (mark) continue;
      break;
    }
    last = at;
    if (!one_cell) {
      add_split_row(table, l, '\t', at.lineno - 1);
      continue;
    }
    /* " \t" opens a row whose number cell was lost: the row before it ends
     * there, even where no blank line separates them */
    if (ncells && l.s[0] == ' ') {
      parx_table_add_row(table, cells, lens, ncells, row_line, 0);
      ncells = 0;
    }
    if (!ncells) {
      row_line = at.lineno - 1;
      if (l.s[0] == ' ') /* " \t": the row's number cell was lost */
        cells[ncells] = "", lens[ncells++] = 0;
    }
    size_t tab = (size_t)((const char *)memchr(l.s, '\t', l.n) - l.s);
    if (ncells < 64) cells[ncells] = l.s + tab + 1, lens[ncells++] = l.n - tab - 1;
  }
  if (one_cell && ncells) parx_table_add_row(table, cells, lens, ncells, row_line, 0);
  parx_table_tidy(table);
  *c = last;
  return 0;
}

/* Reads a markdown table ("| a | b |" rows, a "|---|" rule under its
 * header; or a grid, "+---+" borders between rows) from the line at *c on,
 * and moves *c to the first line after it; -1 when out of memory. */
static int read_pipe_table(reader *r, cursor *c) {
  parx_block *table = parx_doc_add_table(r->doc, c->lineno, 0);
  if (!table) return -1;
  /* a grid ("+---+" borders) wraps each row's cells over several lines */
  parx_grid_row grid = {0};
  int in_grid = 0, rc = 0;
  cursor at = *c;
  line l;
  for (cursor next = at; read_line(r, &next, &l); at = next) {
    if (parx_grid_border(l.s, l.n)) {
      in_grid = 1;
      rc |= parx_grid_flush(&grid, table);
      continue;
    }
    line cells = pipe_cells(l);
    if (!cells.s) break;
    if (in_grid)
      parx_grid_add_line(&grid, cells.s, cells.n, next.lineno - 1);
    else if (!is_pipe_rule(cells))
      rc |= add_split_row(table, cells, '|', next.lineno - 1);
  }
  rc |= parx_grid_flush(&grid, table);
  parx_table_tidy(table);
  *c = at;
  return rc;
}

/* Lines a pandoc table's header may take (multiline tables wrap it). */
enum { DASH_HEADER_MAX = 6 };

/* A pandoc table whose columns a rule of dashes gives, found at a line. */
typedef struct dash_table {
  parx_dash_rule_t rule;
  cursor header; /* its header's first line */
  cursor body;   /* the line after the rule */
  int multiline; /* rows run to a blank line; else a row a line */
} dash_table;

/* Whether a pandoc table starts at the line `l` at `at`: a rule of one run
 * above a header of a few lines and the rule of its columns (a multiline
 * table), the rule of its columns above rows without a header, or a header
 * line with the rule of its columns under it (a simple table). */
static int dash_table_at(const reader *r, cursor at, cursor after, line l, dash_table *t) {
  parx_dash_rule_t top;
  int runs = parx_dash_rule(l.s, l.n, &top);
  cursor c = after;
  line next;
  if (!runs) {
    /* a simple table's header: looked for only where a rule may follow */
    if (after.pos >= r->len || (r->text[after.pos] != ' ' && r->text[after.pos] != '-') ||
        !read_line(r, &c, &next) || parx_dash_rule(next.s, next.n, &t->rule) < 2)
      return 0;
    t->header = at, t->body = c, t->multiline = 0;
    return 1;
  }
  if (runs == 1) {
    t->header = after;
    for (int k = 0; k < DASH_HEADER_MAX && read_line(r, &c, &next) && !is_blank(next); k++) {
      int n = parx_dash_rule(next.s, next.n, &t->rule);
      if (n == 1) return 0;
      if (n >= 2) {
        t->body = c, t->multiline = 1;
        return k > 0;
      }
    }
    return 0;
  }
  /* no header: the rule above the rows and another closing them; rows run
   * to a blank line when one comes before the closing rule */
  t->header = t->body = after, t->rule = top;
  for (int k = 0; read_line(r, &c, &next); k++) {
    if (is_blank(next)) return t->multiline = 1, k > 0;
    if (parx_dash_rule(next.s, next.n, &top)) return t->multiline = 0, k > 0;
  }
  return 0;
}

/* Reads the pandoc table `t` and moves *c to the first line after it; -1
 * when out of memory. */
static int read_dash_table(reader *r, cursor *c, const dash_table *t) {
  parx_block *table = parx_doc_add_table(r->doc, t->header.lineno, 0);
  if (!table) return -1;
  parx_grid_row row = {0};
  parx_dash_rule_t rule;
  int rc = 0;
  line l;
  cursor at = t->header;
  for (cursor next = at; next.pos < t->body.pos && read_line(r, &next, &l);)
    if (!parx_dash_rule(l.s, l.n, &rule))
      parx_dash_add_line(&row, &t->rule, l.s, l.n, next.lineno - 1);
  rc |= parx_grid_flush(&row, table);
  for (at = t->body;;) {
    cursor next = at;
    if (!read_line(r, &next, &l)) break;
    at = next;
    if (parx_dash_rule(l.s, l.n, &rule)) break; /* the closing rule */
    if (is_blank(l)) {
      if (!t->multiline) break;
      rc |= parx_grid_flush(&row, table);
      continue;
    }
    parx_dash_add_line(&row, &t->rule, l.s, l.n, next.lineno - 1);
    if (!t->multiline) rc |= parx_grid_flush(&row, table);
  }
  rc |= parx_grid_flush(&row, table);
  parx_table_tidy(table);
  *c = at;
  return rc;
}

/* True when an HTML table opening at byte `pos` closes in the text (at
 * r->html_close); each stretch of text is searched once, however many tables
 * open in it without closing. */
static int html_table_closes(reader *r, size_t pos) {
  if (!r->html_searched || r->html_close < pos || r->html_from > pos) {
    r->html_searched = 1;
    r->html_from = pos;
    r->html_close = pos + parx_html_table_end(r->text + pos, r->len - pos);
  }
  return r->html_close < r->len;
}

/* Reads an HTML table (closed in the text) from the line at *c on, and moves
 * *c to the first line after the one it ends on; -1 when out of memory. */
static int read_html_table(reader *r, cursor *c, size_t end) {
  const char *s = r->text + c->pos;
  parx_block *table = parx_doc_add_table(r->doc, c->lineno, 0);
  if (!table || parx_html_table_rows(table, s, end, c->lineno)) return -1;
  parx_table_tidy(table);
  line l;
  for (size_t stop = c->pos + end; c->pos < stop && read_line(r, c, &l);)
    ;
  return 0;
}

/* Reads every line; returns the number the line after the last would have,
 * or -1 when out of memory. */
static int read_lines(reader *r) {
  cursor c = {0, 1};
  for (;;) {
    cursor at = c;
    line l;
    if (!read_line(r, &c, &l)) break;
    if (is_blank(l)) {
      r->last.n = 0;
      continue;
    }
    if (parx_html_table_opens(l.s, l.n) && html_table_closes(r, at.pos)) {
      c = at;
      if (para_flush(r) || read_html_table(r, &c, r->html_close - at.pos)) return -1;
      continue;
    }
    dash_table dash;
    if (dash_table_at(r, at, c, l, &dash)) {
      if (para_flush(r) || read_dash_table(r, &c, &dash)) return -1;
      continue;
    }
    if (pipe_cells(l).s || parx_grid_border(l.s, l.n)) {
      c = at;
      if (para_flush(r) || read_pipe_table(r, &c)) return -1;
      continue;
    }
    if (has_tab(l) && !(count_tabs(l) == 1 && l.s[l.n - 1] == '\t' && l.n > 1)) {
      c = at;
      if (para_flush(r) || read_table(r, &c)) return -1;
      continue;
    }
    /* a markdown hard break ("  " at the end) continues the paragraph, as a
     * wrapped text's line does; a sentence cut by a blank line is joined by
     * parx_doc_tidy */
    int continues =
        r->para.n && (r->para_hard_break ||
                      (r->wrap_width && r->last.n &&
                       parx_text_wrap_continues(r->wrap_width, r->last.s, r->last.n, l.s, l.n)));
    if (!continues && para_flush(r)) return -1;
    if (para_append(r, l, at.lineno)) return -1;
  }
  return para_flush(r) ? -1 : c.lineno;
}

parx_doc *parx_ingest_text(const unsigned char *bytes, size_t len, const char *name,
                           parx_error *err) {
  char *converted = NULL;
  const char *s = (const char *)bytes;
  if (len >= 2 && (bytes[0] == 0xFF || bytes[0] == 0xFE) && (bytes[1] ^ bytes[0]) == 0x01) {
    converted = utf16_to_utf8(bytes + 2, len - 2, bytes[0] == 0xFE, &len, name, err);
    if (!converted) return NULL;
    s = converted;
  } else if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {
    s += 3;
    len -= 3;
  }
  if (!valid_utf8((const unsigned char *)s, len)) {
    size_t bad = invalid_utf8_at((const unsigned char *)s, len);
    parx_error_set(err, PARX_ERR_ENCODING,
                   "%s: invalid UTF-8 at byte offset %zu (byte 0x%02X); save the file as UTF-8",
                   name, bad + (s - (const char *)bytes) * !converted, (unsigned char)s[bad]);
    free(converted);
    return NULL;
  }
  reader r = {.doc = parx_doc_new("txt"),
              .text = s,
              .len = len,
              .has_cr = memchr(s, '\r', len) != NULL,
              .wrap_width = parx_text_wrap_width(s, len)};
  /* text reaches parx converted from other formats, with their markup */
  if (r.doc) r.doc->markup_debris = 1;
  int next_line = r.doc ? read_lines(&r) : -1;
  if (next_line < 0) {
    parx_doc_free(r.doc);
    free(r.joined);
    free(converted);
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", name);
    return NULL;
  }
  r.doc->next_line = next_line;
  free(r.joined);
  free(converted);
  return r.doc;
}

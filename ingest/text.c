/*
 * The text reader: UTF-8 (with or without BOM) or UTF-16 with BOM. Lines
 * with tabs are table rows; other lines are paragraphs.
 */
#include "ingest.h"
#include "error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* Offset of the first invalid UTF-8 sequence, or len when there is none. */
static size_t invalid_utf8_at(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    uint64_t w;
    if (i + 8 <= len && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080u))) {
      i += 8; /* eight ASCII bytes */
      continue;
    }
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    /* two- and three-byte characters with none of the exceptions U8_NEXT
     * checks (E0 and ED, whose second bytes are limited, and four bytes):
     * nearly every character of Vietnamese text */
    if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    if (s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    size_t at = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) return at;
  }
  return len;
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

static size_t count_tabs(line l) {
  size_t t = 0;
  for (size_t i = 0; i < l.n; i++)
    t += l.s[i] == '\t';
  return t;
}

/* "\tcell" or " \tcell": one cell of a row written one cell per line. */
static int is_one_cell_line(line l) {
  size_t i = (l.n && l.s[0] == ' ') ? 1 : 0;
  return i < l.n && l.s[i] == '\t' && count_tabs(l) == 1;
}

/* Splits a tab-separated line into cells and adds it as a row. */
static int add_tab_row(parx_block *table, line l, int lineno) {
  size_t n = count_tabs(l) + 1;
  const char **cells = malloc(n * sizeof *cells);
  size_t *lens = malloc(n * sizeof *lens);
  if (!cells || !lens) {
    free(cells);
    free(lens);
    return -1;
  }
  size_t k = 0, start = 0;
  for (size_t i = 0; i <= l.n; i++)
    if (i == l.n || l.s[i] == '\t') {
      cells[k] = l.s + start;
      lens[k++] = i - start;
      start = i + 1;
    }
  /* converters end rows with stray tabs: trailing empty cells carry nothing */
  int rc = parx_table_add_row(table, cells, lens, k, lineno, 0);
  free(cells);
  free(lens);
  return rc;
}

typedef struct reader {
  parx_doc *doc;
  line *lines;
  size_t nlines;
  char *para; /* the paragraph being gathered */
  size_t para_len, para_cap;
  int para_line;
  int para_hard_break; /* its last line ended with a markdown hard break */
} reader;

static int para_flush(reader *r) {
  if (!r->para_len) return 0;
  int rc = parx_doc_add_paragraph(r->doc, r->para, r->para_len, r->para_line, 0);
  r->para_len = 0;
  return rc;
}

static int para_append(reader *r, line l, int lineno) {
  if (r->para_len + l.n + 2 > r->para_cap) {
    size_t cap = (r->para_len + l.n + 2) * 2;
    char *p = realloc(r->para, cap);
    if (!p) return -1;
    r->para = p;
    r->para_cap = cap;
  }
  if (!r->para_len)
    r->para_line = lineno;
  else
    r->para[r->para_len++] = ' ';
  memcpy(r->para + r->para_len, l.s, l.n);
  r->para_len += l.n;
  r->para_hard_break = l.n >= 2 && l.s[l.n - 1] == ' ' && l.s[l.n - 2] == ' ';
  return 0;
}

/* Reads a table from line i on; returns the index of the first line after it. */
static size_t read_table(reader *r, size_t i) {
  parx_block *table = parx_doc_add_table(r->doc, (int)i + 1, 0);
  if (!table) return r->nlines;
  int one_cell = is_one_cell_line(r->lines[i]);
  size_t last = i;
  const char *cells[64];
  size_t lens[64], ncells = 0;
  int row_line = 0;
  for (; i < r->nlines; i++) {
    line l = r->lines[i];
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
    last = i;
    if (!one_cell) {
      add_tab_row(table, l, (int)i + 1);
      continue;
    }
    /* " \t" opens a row whose number cell was lost: the row before it ends
     * there, even where no blank line separates them */
    if (ncells && l.s[0] == ' ') {
      parx_table_add_row(table, cells, lens, ncells, row_line, 0);
      ncells = 0;
    }
    if (!ncells) {
      row_line = (int)i + 1;
      if (l.s[0] == ' ') /* " \t": the row's number cell was lost */
        cells[ncells] = "", lens[ncells++] = 0;
    }
    size_t tab = (size_t)((const char *)memchr(l.s, '\t', l.n) - l.s);
    if (ncells < 64) cells[ncells] = l.s + tab + 1, lens[ncells++] = l.n - tab - 1;
  }
  if (one_cell && ncells) parx_table_add_row(table, cells, lens, ncells, row_line, 0);
  parx_table_tidy(table);
  return last + 1;
}

static int read_lines(reader *r) {
  for (size_t i = 0; i < r->nlines;) {
    line l = r->lines[i];
    if (is_blank(l)) {
      i++;
      continue;
    }
    if (has_tab(l) && !(count_tabs(l) == 1 && l.s[l.n - 1] == '\t' && l.n > 1)) {
      if (para_flush(r)) return -1;
      i = read_table(r, i);
      continue;
    }
    /* a markdown hard break ("  " at the end) continues the paragraph; a
     * sentence cut by a blank line is joined by parx_doc_tidy */
    int continues = r->para_len && r->para_hard_break;
    if (!continues && para_flush(r)) return -1;
    if (para_append(r, l, (int)i + 1)) return -1;
    i++;
  }
  return para_flush(r);
}

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

static line *split_lines(const char *s, size_t len, size_t *nlines) {
  int has_cr = memchr(s, '\r', len) != NULL;
  size_t cap = 1;
  for (size_t i = 0; (i = next_line_end(s, len, i, has_cr)) < len; i++)
    cap++;
  line *lines = malloc(cap * sizeof *lines);
  if (!lines) return NULL;
  size_t n = 0;
  for (size_t start = 0;;) {
    size_t i = next_line_end(s, len, start, has_cr), end = i;
    if (end > start && s[end - 1] == '\r') end--;
    if (i < len || end > start) lines[n++] = (line){s + start, end - start};
    if (i >= len) break;
    start = i + 1;
  }
  *nlines = n;
  return lines;
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
  size_t bad = invalid_utf8_at((const unsigned char *)s, len);
  if (bad < len) {
    parx_error_set(err, PARX_ERR_ENCODING,
                   "%s: invalid UTF-8 at byte offset %zu (byte 0x%02X); save the file as UTF-8",
                   name, bad + (s - (const char *)bytes) * !converted, (unsigned char)s[bad]);
    free(converted);
    return NULL;
  }
  reader r = {parx_doc_new("txt"), NULL, 0, NULL, 0, 0, 0, 0};
  /* text reaches parx converted from other formats, with their markup */
  if (r.doc) r.doc->markup_debris = 1;
  if (r.doc) r.lines = split_lines(s, len, &r.nlines);
  if (!r.doc || !r.lines || read_lines(&r)) {
    parx_doc_free(r.doc);
    free(r.lines);
    free(r.para);
    free(converted);
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", name);
    return NULL;
  }
  r.doc->next_line = (int)r.nlines + 1;
  free(r.lines);
  free(r.para);
  free(converted);
  return r.doc;
}

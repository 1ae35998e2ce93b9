/* The document model: paragraphs and tables with their provenance. */
#include "ingest.h"
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

static int grow(void **items, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return 0;
  size_t ncap = *cap ? *cap * 2 : 16;
  while (ncap < need)
    ncap *= 2;
  void *p = realloc(*items, ncap * size);
  if (!p) return -1;
  *items = p;
  *cap = ncap;
  return 0;
}

parx_doc *parx_doc_new(const char *format) {
  parx_doc *doc = calloc(1, sizeof *doc);
  if (!doc) return NULL;
  snprintf(doc->format, sizeof doc->format, "%s", format);
  doc->next_line = 1;
  doc->paged = 1;
  return doc;
}

void parx_row_clear(parx_row *row) {
  for (size_t i = 0; i < row->ncells; i++)
    free(row->cells[i]);
  free(row->cells);
  row->cells = NULL;
  row->ncells = 0;
}

void parx_block_clear(parx_block *b) {
  free(b->text);
  for (size_t i = 0; i < b->nrows; i++)
    parx_row_clear(&b->rows[i]);
  free(b->rows);
  memset(b, 0, sizeof *b);
}

void parx_doc_free(parx_doc *doc) {
  if (!doc) return;
  for (size_t i = 0; i < doc->nblocks; i++)
    parx_block_clear(&doc->blocks[i]);
  free(doc->blocks);
  for (size_t i = 0; i < doc->nwarnings; i++)
    free(doc->warnings[i]);
  free(doc->warnings);
  free(doc->ocr);
  free(doc);
}

static parx_block *add_block(parx_doc *doc) {
  if (grow((void **)&doc->blocks, &doc->blocks_cap, doc->nblocks + 1, sizeof *doc->blocks))
    return NULL;
  parx_block *b = &doc->blocks[doc->nblocks++];
  memset(b, 0, sizeof *b);
  return b;
}

/* Whether a space: ASCII white space or U+00A0, which converters and Word
 * put in "empty" cells and between words. Returns its length, else 0. */
static size_t space_at(const char *s, size_t n) {
  if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' || s[0] == '\v')
    return 1;
  return n >= 2 && s[0] == '\xC2' && s[1] == '\xA0' ? 2 : 0;
}

/* The bytes that may open a space: every other byte is copied as it is. */
static const unsigned char opens_space[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1, [0xC2] = 1};

size_t parx_symbol_bullet(const char *s, size_t n) {
  /* the code points of symbol fonts' bullets: • ▪ ■ ◆ ❖ ➢ ➔ ✓ */
  static const unsigned bullets[] = {0xF0B7, 0xF0A7, 0xF06E, 0xF0A8,
                                     0xF076, 0xF0D8, 0xF0E8, 0xF0FC};
  const unsigned char *u = (const unsigned char *)s;
  if (n < 3 || u[0] != 0xEF || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80) return 0;
  unsigned cp = 0xF000 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
  for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++)
    if (cp == bullets[i]) return 3;
  return 0;
}

/* "1.", "1.2", "1.2.3.", "2)"; an outline counts to three digits at most
 * ("9001)" is the end of a number, not an item's mark) */
static int is_number_mark(const char *s, size_t n) {
  size_t i = 0, dots = 0;
  while (i < n) {
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
    if (i == d || i - d > 3) return 0;
    if (i == n) return dots > 0;
    if (s[i] == ')') return i + 1 == n;
    if (s[i] != '.') return 0;
    dots++;
    if (++i == n) return 1;
  }
  return 0;
}

/* "a)", "đ)", "b.", "II.", "IV)" */
static int is_letter_mark(const char *s, size_t n) {
  if (n < 2 || (s[n - 1] != ')' && s[n - 1] != '.')) return 0;
  if (n == 2 && s[0] >= 'a' && s[0] <= 'z') return 1;
  if (n == 3 && !memcmp(s, "\xC4\x91", 2)) /* đ */
    return 1;
  for (size_t i = 0; i + 1 < n; i++)
    if (!s[i] || !strchr("IVXLC", s[i])) return 0;
  return 1;
}

static int is_bullet(const char *s, size_t n) {
  static const char *const marks[] = {"-", "+", "*", "\xE2\x80\x93", "\xC2\xB7", "\xE2\x80\xA2"};
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
    if (n == strlen(marks[i]) && !memcmp(s, marks[i], n)) return 1;
  /* "•text"; a symbol font's bullet, alone or before its text */
  return (n > 3 && !memcmp(s, "\xE2\x80\xA2", 3)) || parx_symbol_bullet(s, n);
}

int parx_ends_sentence(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
    n--;
  return n && strchr(".:;!?", s[n - 1]);
}

size_t parx_utf8_chars(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

int parx_is_list_marker(const char *s, size_t n) {
  return is_bullet(s, n) || is_number_mark(s, n) || is_letter_mark(s, n);
}

char *parx_collapse_space(const char *text, size_t len) {
  char *out = malloc(len + 1);
  if (!out) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && !opens_space[(unsigned char)text[i]])
      out[k++] = text[i++];
    if (i == len) break;
    size_t sp = space_at(text + i, len - i);
    if (!sp) {
      out[k++] = text[i++];
      continue;
    }
    if (k && out[k - 1] != ' ') out[k++] = ' ';
    i += sp;
  }
  while (k && out[k - 1] == ' ')
    k--;
  out[k] = '\0';
  return out;
}

/* The text as the model keeps it: the reader's markup debris removed where
 * it has some, white space collapsed always. */
static char *model_text(int markup_debris, const char *text, size_t len) {
  return markup_debris ? parx_clean_text(text, len) : parx_collapse_space(text, len);
}

int parx_doc_add_paragraph(parx_doc *doc, const char *text, size_t len, int line, int page) {
  char *clean = model_text(doc->markup_debris, text, len);
  if (!clean) return -1;
  if (!*clean) {
    free(clean);
    return 0;
  }
  parx_block *b = add_block(doc);
  if (!b) {
    free(clean);
    return -1;
  }
  b->kind = PARX_BLOCK_PARAGRAPH;
  b->text = clean;
  b->line = line;
  b->page = page;
  return 0;
}

parx_block *parx_doc_add_table(parx_doc *doc, int line, int page) {
  parx_block *b = add_block(doc);
  if (!b) return NULL;
  b->kind = PARX_BLOCK_TABLE;
  b->markup_debris = doc->markup_debris;
  b->line = line;
  b->page = page;
  return b;
}

int parx_table_add_row(parx_block *table, const char *const *cells, const size_t *lens, size_t n,
                       int line, int page) {
  if (grow((void **)&table->rows, &table->rows_cap, table->nrows + 1, sizeof *table->rows))
    return -1;
  parx_row row = {calloc(n ? n : 1, sizeof(char *)), n, line, page};
  if (!row.cells) return -1;
  for (size_t i = 0; i < n; i++) {
    row.cells[i] = model_text(table->markup_debris, cells[i], lens ? lens[i] : strlen(cells[i]));
    if (!row.cells[i]) {
      parx_row_clear(&row);
      return -1;
    }
  }
  table->rows[table->nrows++] = row;
  return 0;
}

void parx_row_join(parx_row *to, const parx_row *from) {
  if (from->ncells > to->ncells) {
    char **cells = realloc(to->cells, from->ncells * sizeof *cells);
    if (!cells) return;
    to->cells = cells;
    for (size_t i = to->ncells; i < from->ncells; i++)
      to->cells[i] = calloc(1, 1);
    to->ncells = from->ncells;
  }
  for (size_t i = 0; i < from->ncells; i++) {
    if (!to->cells[i] || !*from->cells[i]) continue;
    char *joined = parx_join_words(to->cells[i], from->cells[i]);
    if (!joined) return;
    free(to->cells[i]);
    to->cells[i] = joined;
  }
}

/* Whether one of two texts begins the other; read only up to where they
 * differ, since most cells differ at once. */
static int one_begins_other(const char *x, const char *y) {
  while (*x && *x == *y)
    x++, y++;
  return !*x || !*y;
}

/* A header row repeated at a page break; converters sometimes append a note
 * to one of its cells ("Thời gian hoàn thành (và cập nhật hàng năm)"). */
int parx_rows_repeat_header(const parx_row *row, const parx_row *header) {
  size_t n = row->ncells > header->ncells ? row->ncells : header->ncells;
  size_t same = 0, filled = 0;
  for (size_t i = 0; i < n; i++) {
    const char *x = i < row->ncells ? row->cells[i] : "";
    const char *y = i < header->ncells ? header->cells[i] : "";
    if (!*x && !*y) continue;
    filled++;
    if (*x && *y && one_begins_other(x, y)) same++;
  }
  return filled >= 2 && same == filled;
}

/* True when a cell's text is empty or does not start with a capital. */
static int starts_lower_or_empty(const char *s) {
  int32_t i = 0, n = (int32_t)strnlen(s, 8);
  UChar32 cp;
  if (!n) return 1;
  U8_NEXT((const uint8_t *)s, i, n, cp);
  return cp < 0 || !(u_isupper(cp) || u_istitle(cp));
}

static int cell_empty(const parx_row *r, size_t i) {
  return i >= r->ncells || !*r->cells[i];
}

int parx_row_continues(const parx_row *prev, const parx_row *row) {
  return cell_empty(row, 0) ||
         (cell_empty(prev, 0) && starts_lower_or_empty(row->ncells > 1 ? row->cells[1] : ""));
}

void parx_row_mend(parx_row *prev, parx_row *row) {
  /* The number may sit on either half of a row that a page break split. */
  if (cell_empty(prev, 0) && !cell_empty(row, 0)) {
    free(prev->cells[0]);
    prev->cells[0] = row->cells[0];
    row->cells[0] = calloc(1, 1);
  }
  parx_row_join(prev, row);
  parx_row_clear(row);
}

void parx_table_tidy(parx_block *table) {
  if (table->nrows < 2) return;
  size_t out = 1;
  int after_break = 0;
  for (size_t i = 1; i < table->nrows; i++) {
    parx_row *row = &table->rows[i];
    if (parx_rows_repeat_header(row, &table->rows[0])) {
      parx_row_clear(row);
      after_break = 1;
      continue;
    }
    parx_row *prev = &table->rows[out - 1];
    if (after_break && out > 1 && parx_row_continues(prev, row)) {
      parx_row_mend(prev, row);
      after_break = 0;
      continue;
    }
    after_break = 0;
    table->rows[out++] = *row;
  }
  table->nrows = out;
}

int parx_doc_note_ocr(parx_doc *doc, int page, double confidence) {
  parx_page_ocr *v = realloc(doc->ocr, (doc->nocr + 1) * sizeof *v);
  if (!v) return -1;
  doc->ocr = v;
  v[doc->nocr++] = (parx_page_ocr){page, confidence};
  return 0;
}

int parx_doc_warn(parx_doc *doc, const char *fmt, ...) {
  if (grow((void **)&doc->warnings, &doc->warnings_cap, doc->nwarnings + 1, sizeof(char *)))
    return -1;
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  char *w = strdup(buf);
  if (!w) return -1;
  doc->warnings[doc->nwarnings++] = w;
  return 0;
}

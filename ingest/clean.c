/* Markup debris left by converters: tags, emphasis markers, heading marks. */
#include "ingest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Length of an HTML-like tag at s (<b>, </p>, <ul style="...">, <br/>), else 0. */
static size_t tag_length(const char *s, size_t n) {
  size_t i = 1;
  if (i < n && s[i] == '/') i++;
  if (i >= n || !isalpha((unsigned char)s[i])) return 0;
  size_t name = i;
  while (i < n && isalnum((unsigned char)s[i]))
    i++;
  if (i - name > 10) return 0;
  while (i < n && s[i] != '>' && s[i] != '<' && s[i] != '\n')
    i++;
  return i < n && s[i] == '>' ? i + 1 : 0;
}

static const struct {
  const char *name;
  const char *text;
} entities[] = {{"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}};

/* Bytes that may open markup or need mapping; everything else is copied. A
 * table, since every byte of every document is tested. */
static const unsigned char special[256] = {
    ['<'] = 1,  ['&'] = 1,  ['~'] = 1,  ['*'] = 1, ['\\'] = 1,
    [0xC2] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1};

static int is_special(unsigned char c) {
  return special[c];
}

/* Where the run of ordinary bytes from i ends: eight look-ups are OR-ed
 * before one branch, since most runs are long. */
static size_t plain_run_end(const char *s, size_t n, size_t i) {
  const unsigned char *u = (const unsigned char *)s;
  while (i + 8 <= n &&
         !(special[u[i]] | special[u[i + 1]] | special[u[i + 2]] | special[u[i + 3]] |
           special[u[i + 4]] | special[u[i + 5]] | special[u[i + 6]] | special[u[i + 7]]))
    i += 8;
  while (i < n && !is_special(u[i]))
    i++;
  return i;
}

/* Writes the text with tags and emphasis markers removed; spaces collapsed. */
static size_t strip(const char *s, size_t n, char *out) {
  size_t k = 0;
  int visible = 0; /* something other than spaces was written: no bullet can open now */
  for (size_t i = 0; i < n;) {
    if (!is_special((unsigned char)s[i])) {
      size_t j = plain_run_end(s, n, i);
      memcpy(out + k, s + i, j - i);
      for (size_t m = i; m < j && !visible; m++)
        visible = s[m] != ' ';
      k += j - i;
      i = j;
      continue;
    }
    char c = s[i];
    if (c == '<') {
      size_t t = tag_length(s + i, n - i);
      if (t) {
        out[k++] = ' ';
        i += t;
        continue;
      }
    }
    if (c == '&') {
      size_t e = 0;
      for (; e < sizeof entities / sizeof *entities; e++) {
        size_t el = strlen(entities[e].name);
        if (n - i >= el && !memcmp(s + i, entities[e].name, el)) break;
      }
      if (e < sizeof entities / sizeof *entities) {
        out[k++] = entities[e].text[0];
        i += strlen(entities[e].name);
        continue;
      }
    }
    if (c == '~' && i + 1 < n && s[i + 1] == '~') {
      /* ~~struck~~ text was deleted by its author: drop it with its markers */
      const char *end = NULL;
      for (size_t j = i + 2; j + 1 < n; j++)
        if (s[j] == '~' && s[j + 1] == '~') {
          end = s + j;
          break;
        }
      i = end ? (size_t)(end - s) + 2 : i + 2;
      continue;
    }
    if (c == '*') {
      /* A lone '*' opening the text is a bullet; other asterisks are emphasis. */
      size_t run = 0;
      while (i + run < n && s[i + run] == '*')
        run++;
      /* "* text" and "***bold**" open with a bullet; "*italic*" does not */
      int next_space = i + run < n && s[i + run] == ' ';
      if (!visible && ((run == 1 && next_space) || (run >= 3 && run % 2 == 1))) {
        out[k++] = '*';
        out[k++] = ' ';
        visible = 1;
      }
      i += run;
      continue;
    }
    if (c == '\\' && i + 1 < n && strchr("*_#[]()-.+", s[i + 1])) {
      /* markdown escapes */
      out[k++] = s[i + 1];
      visible = 1;
      i += 2;
      continue;
    }
    if (c == '\xC2' && i + 1 < n && s[i + 1] == '\xA0') {
      /* a no-break space: converters fill "empty" cells with one */
      out[k++] = ' ';
      i += 2;
      continue;
    }
    int space = c == '\t' || c == '\n' || c == '\r';
    out[k++] = space ? ' ' : c;
    visible |= !space;
    i++;
  }
  return k;
}

/* Where the first space that follows a space is, else n; s[n] is a NUL.
 * strstr looks for the pair many bytes at a time. It stops at a NUL that a
 * text converted from UTF-16 may hold, but the text ends there for all that
 * reads it after: what lies past the NUL need not be squeezed. */
static size_t second_space(const char *s, size_t n) {
  const char *pair = strstr(s, "  ");
  return pair ? (size_t)(pair - s) + 1 : n;
}

/* Collapses runs of spaces, trims, and drops a leading run of '#' heading
 * marks; s[n] is a NUL. */
static size_t squeeze(char *s, size_t n) {
  size_t k = 0;
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  if (i < n && s[i] == '#') {
    size_t j = i;
    while (j < n && s[j] == '#')
      j++;
    if (j < n && s[j] == ' ') i = j;
  }
  /* when nothing opens the text, each byte stays where it is up to the first
   * run of spaces */
  if (i == 0) i = k = second_space(s, n);
  for (; i < n; i++) {
    if (s[i] == ' ' && (k == 0 || s[k - 1] == ' ')) continue;
    s[k++] = s[i];
  }
  while (k && s[k - 1] == ' ')
    k--;
  return k;
}

/* A page mark such as "*LM*" or "- 3 -" alone on a line. */
static int is_page_mark(const char *s, size_t n) {
  if (n >= 3 && n <= 8 && s[0] == '*' && s[n - 1] == '*') {
    for (size_t i = 1; i + 1 < n; i++)
      if (!isalnum((unsigned char)s[i])) return 0;
    return 1;
  }
  return 0;
}

/* Cleans text into out (room for len + 2 bytes); returns the length. The
 * text never grows but by one byte: every markup is at least as long as what
 * replaces it, but for the one bullet that may open the text ("*" written
 * "* "), and a NUL follows. */
static size_t clean_into(const char *text, size_t len, char *out) {
  size_t start = 0;
  while (start < len && (text[start] == ' ' || text[start] == '\t'))
    start++;
  size_t end = len;
  while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r' ||
                         text[end - 1] == '\n'))
    end--;
  size_t n = 0;
  if (!is_page_mark(text + start, end - start)) {
    n = strip(text + start, end - start, out);
    out[n] = '\0';
    n = squeeze(out, n);
  }
  out[n] = '\0';
  return n;
}

char *parx_clean_text(const char *text, size_t len) {
  char *out = malloc(len + 2);
  if (!out) return NULL;
  size_t n = clean_into(text, len, out);
  /* documents keep these strings: one that lost much markup gives back
   * the room (most lose none, and a shrink splits a chunk in malloc) */
  if (n + n / 4 + 16 >= len) return out;
  char *fit = realloc(out, n + 1);
  return fit ? fit : out;
}

/*
 * Running headers and footers: a line at the top or bottom of a page, set
 * apart from the text below or above it, is dropped when it is a page number
 * ("2", "- 3 -", "Trang 4", "4/10"), what a browser prints there (the date and
 * time, the page's address), or when its text with the digits masked recurs
 * in the same place on most pages (a running title).
 */
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

#define ZONE 0.12   /* share of the page height where headers and footers live */
#define APART 0.8   /* gap, in line heights, that sets them apart from the text */
#define MAX_GROUP 2 /* lines a header or footer may have */
#define KEY_SIZE 96

typedef struct candidate {
  char key[KEY_SIZE]; /* zone, then the text with digit runs as '#' */
  size_t page, line;
} candidate;

static int candidate_cmp(const void *a, const void *b) {
  return strcmp(((const candidate *)a)->key, ((const candidate *)b)->key);
}

/* The line's text, each digit run as '#', spaces collapsed. */
static void line_key(const pdf_page *pg, const pdf_line *l, char zone, char *key) {
  size_t n = 0;
  key[n++] = zone;
  for (size_t k = l->first; k < l->first + l->count && n < KEY_SIZE - 2; k++) {
    const pdf_word *w = &pg->words[k];
    if (k > l->first) key[n++] = ' ';
    for (size_t i = 0; i < w->len && n < KEY_SIZE - 1; i++) {
      char c = pg->text[w->off + i];
      if (c >= '0' && c <= '9') {
        if (key[n - 1] != '#') key[n++] = '#';
      } else {
        key[n++] = c;
      }
    }
  }
  key[n] = '\0';
}

/* True for "#", "- # -", "Trang #", "Page # of #", "#/#" and the like. */
static int is_page_number(const char *key) {
  static const char *const forms[] = {"#",        "trang#",  "page#",   "#/#",
                                      "trang#/#", "page#/#", "page#of#"};
  char norm[KEY_SIZE];
  size_t n = 0;
  for (const char *p = key + 1; *p; p++) {
    if (*p == ' ' || *p == '-') continue;
    if (!strncmp(p, "\xE2\x80\x93", 3) || !strncmp(p, "\xE2\x80\x94", 3)) { /* en and em dash */
      p += 2;
      continue;
    }
    norm[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
  }
  norm[n] = '\0';
  for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
    if (!strcmp(norm, forms[i])) return 1;
  return 0;
}

/* A word a browser prints in a page's margin: an address, a page number
 * ("#/#"), a date ("#/#/#,"), a time ("#:#", "AM", "PM"). */
static int is_browser_word(const char *w, size_t n) {
  for (size_t i = 0; i + 3 <= n; i++)
    if (!memcmp(w + i, "://", 3)) return 2;
  if (n > 4 && !strncmp(w, "www.", 4)) return 2;
  static const char *const forms[] = {"#", "#/#", "#/#/#", "#/#/#,", "#:#", "AM", "PM", "SA", "CH"};
  for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
    if (n == strlen(forms[i]) && !memcmp(w, forms[i], n)) return 1;
  return 0;
}

/* True for what a browser prints at the top and bottom of a page it saves as
 * PDF: the date and time, the address, the page number ("12/3/26, 8:33 PM",
 * "https://… 1/3"), with an address or a time among them. */
static int is_browser_margin(const char *key) {
  int strong = 0;
  for (const char *p = key + 1; *p;) {
    size_t n = strcspn(p, " ");
    int kind = is_browser_word(p, n);
    if (!kind) return 0;
    strong |= kind == 2 || memchr(p, ':', n) != NULL;
    p += n + (p[n] == ' ');
  }
  return strong;
}

static double line_height(const pdf_line *l) {
  return l->box.y1 - l->box.y0;
}

/* Number of leading lines forming a header: in the top zone and followed by a
 * clear gap. 0 when there is none. */
static size_t top_group(const pdf_page *pg) {
  double bottom = 0;
  for (size_t k = 1; k <= MAX_GROUP && k < pg->nlines; k++) {
    const pdf_line *l = &pg->lines[k - 1];
    if (l->box.y1 > ZONE * pg->height) return 0;
    bottom = k == 1 ? l->box.y1 : (bottom > l->box.y1 ? bottom : l->box.y1);
    if (pg->lines[k].box.y0 - bottom >= APART * line_height(l)) return k;
  }
  return 0;
}

/* Number of trailing lines forming a footer, likewise. */
static size_t bottom_group(const pdf_page *pg) {
  for (size_t k = 1; k <= MAX_GROUP && k < pg->nlines; k++) {
    const pdf_line *l = &pg->lines[pg->nlines - k];
    if (l->box.y0 < (1 - ZONE) * pg->height) return 0;
    double above = 0;
    for (size_t i = 0; i < pg->nlines - k; i++)
      if (pg->lines[i].box.y1 > above) above = pg->lines[i].box.y1;
    if (l->box.y0 - above >= APART * line_height(l)) return k;
  }
  return 0;
}

static size_t collect(const pdf_page *pages, size_t npages, candidate *c) {
  size_t n = 0;
  for (size_t p = 0; p < npages; p++) {
    const pdf_page *pg = &pages[p];
    size_t top = top_group(pg), bottom = bottom_group(pg);
    for (size_t i = 0; i < pg->nlines; i++) {
      if (i >= top && i + bottom < pg->nlines) continue;
      line_key(pg, &pg->lines[i], i < top ? 'T' : 'B', c[n].key);
      c[n].page = p;
      c[n].line = i;
      n++;
    }
  }
  return n;
}

static void compact(pdf_page *pg) {
  size_t n = 0;
  for (size_t i = 0; i < pg->nlines; i++)
    if (!pg->lines[i].dropped) pg->lines[n++] = pg->lines[i];
  pg->nlines = n;
}

void pdf_margins_drop(pdf_page *pages, size_t npages) {
  candidate *c = malloc((2 * MAX_GROUP * npages + 1) * sizeof *c);
  if (!c) return; /* keeping headers is harmless */
  size_t n = collect(pages, npages, c);
  qsort(c, n, sizeof *c, candidate_cmp);
  for (size_t i = 0, j; i < n; i = j) {
    for (j = i + 1; j < n && !strcmp(c[i].key, c[j].key);)
      j++;
    int running = j - i >= 2 && 2 * (j - i) > npages;
    for (size_t k = i; k < j; k++)
      if (running || is_page_number(c[k].key) || is_browser_margin(c[k].key))
        pages[c[k].page].lines[c[k].line].dropped = 1;
  }
  free(c);
  for (size_t p = 0; p < npages; p++)
    compact(&pages[p]);
}

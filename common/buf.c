#include "buf.h"

#include <stdlib.h>
#include <string.h>

void parx_buf_add(parx_buf *b, const char *s, size_t n) {
  if (b->failed) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) {
      b->failed = 1;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void parx_buf_adds(parx_buf *b, const char *s) {
  parx_buf_add(b, s, strlen(s));
}

void parx_buf_free(parx_buf *b) {
  free(b->s);
  *b = (parx_buf){0};
}

char *parx_join_words(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *s = malloc(la + lb + 2);
  if (!s) return NULL;
  memcpy(s, a, la);
  size_t k = la;
  if (la && lb) s[k++] = ' ';
  memcpy(s + k, b, lb + 1);
  return s;
}

/* Internal helpers shared by the stages: a growable string buffer.
 * Ownership: the buffer owns `s` (parx_buf_free); added text is copied. */
#ifndef PARX_COMMON_BUF_H
#define PARX_COMMON_BUF_H

#include <stddef.h>

/* A NUL-terminated string that grows; `failed` records an allocation that
 * failed (later additions are then ignored), so callers check it once. */
typedef struct parx_buf {
  char *s;
  size_t len, cap;
  int failed;
} parx_buf;

void parx_buf_add(parx_buf *b, const char *s, size_t n);
void parx_buf_adds(parx_buf *b, const char *s);
void parx_buf_free(parx_buf *b);

/* "a b": two texts joined by one space (malloc'd), or NULL. */
char *parx_join_words(const char *a, const char *b);

#endif

/* Passwords kept out of the command line, where `ps` would show them. */
#include "password.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

int resolve_password(const char *given, const char *file, const char **password, char **owned) {
  *owned = NULL;
  *password = given;
  if (given) return 0;
  if (!file) {
    *password = getenv("PARX_PASSWORD");
    return 0;
  }
  FILE *f = fopen(file, "r");
  size_t cap = 0;
  ssize_t n = f ? getline(owned, &cap, f) : -1;
  int bad = !f || (n < 0 && ferror(f));
  int saved = errno;
  if (f) fclose(f);
  if (bad) {
    fprintf(stderr, "parx: %s: cannot read the password file: %s\n", file, strerror(saved));
    free(*owned);
    *owned = NULL;
    return -1;
  }
  if (n < 0) {
    free(*owned);
    *owned = strdup(""); /* an empty file: an empty password */
    n = 0;
  }
  while (n > 0 && ((*owned)[n - 1] == '\n' || (*owned)[n - 1] == '\r'))
    (*owned)[--n] = '\0';
  *password = *owned;
  return *owned ? 0 : -1;
}

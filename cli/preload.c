/* Loading the first input's reader ahead (preload.h). */
#include "preload.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "parx.h"

static void *preload(void *arg) {
  cli_preload *p = arg;
  parx_preload_reader(p->head, p->len);
  return NULL;
}

void cli_preload_start(cli_preload *p, const char *path) {
  p->started = 0;
  /* a regular file only: the bytes of a pipe read here would be lost */
  struct stat st;
  if (!strcmp(path, "-") || stat(path, &st) || !S_ISREG(st.st_mode)) return;
  FILE *f = fopen(path, "rb");
  if (!f) return;
  p->len = fread(p->head, 1, sizeof p->head, f);
  fclose(f);
  p->started = p->len && !pthread_create(&p->thread, NULL, preload, p);
}

void cli_preload_finish(cli_preload *p) {
  if (p->started) pthread_join(p->thread, NULL);
  p->started = 0;
}

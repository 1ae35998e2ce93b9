/* -o FILE through a temporary file in the same directory, renamed when complete. */
#include "safe_output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int same_file(const struct stat *a, const char *path) {
  struct stat b;
  return strcmp(path, "-") && stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

int safe_output_open(safe_output *out, const char *target, char *const *inputs, size_t n) {
  *out = (safe_output){stdout, target, NULL};
  if (!target || !strcmp(target, "-")) {
    out->target = NULL;
    return 0;
  }
  struct stat st;
  if (stat(target, &st) == 0)
    for (size_t i = 0; i < n; i++)
      if (same_file(&st, inputs[i])) {
        fprintf(stderr, "parx: %s: the output is also an input; give another -o\n", target);
        return -1;
      }
  size_t len = strlen(target) + sizeof ".parx-XXXXXX";
  out->temp = malloc(len);
  if (!out->temp) return -1;
  snprintf(out->temp, len, "%s.parx-XXXXXX", target);
  int fd = mkstemp(out->temp);
  if (fd < 0) {
    fprintf(stderr, "parx: %s: cannot write: %s\n", target, strerror(errno));
    free(out->temp);
    return -1;
  }
  /* mkstemp makes the file private; the output gets the usual permissions */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (!(out->f = fdopen(fd, "w"))) {
    close(fd);
    unlink(out->temp);
    free(out->temp);
    return -1;
  }
  return 0;
}

int safe_output_close(safe_output *out) {
  int failed = ferror(out->f);
  int saved = errno;
  if (fflush(out->f)) failed = 1, saved = errno;
  if (fclose(out->f)) failed = 1, saved = errno;
  const char *name = out->target ? out->target : "standard output";
  if (!failed && out->temp && rename(out->temp, out->target)) failed = 1, saved = errno;
  if (failed) {
    fprintf(stderr, "parx: %s: cannot write: %s\n", name, strerror(saved ? saved : EIO));
    if (out->temp) unlink(out->temp);
  }
  free(out->temp);
  out->temp = NULL;
  return failed ? -1 : 0;
}

/* Error records, duplicates, and the SHA-256 that finds duplicates. */
#include "entry.h"
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const failure_names[FAILURE_KINDS] = {
    "",         "io",    "unsupported", "corrupt", "encoding",
    "password", "limit", "no_text",     "timeout", "crash"};

const char *failure_name(failure_kind kind) {
  return kind < FAILURE_KINDS ? failure_names[kind] : "crash";
}

failure_kind failure_of_status(parx_status status) {
  switch (status) {
  case PARX_OK:
    return FAILURE_NONE;
  case PARX_ERR_IO:
    return FAILURE_IO;
  case PARX_ERR_UNSUPPORTED:
    return FAILURE_UNSUPPORTED;
  case PARX_ERR_ENCODING:
    return FAILURE_ENCODING;
  case PARX_ERR_PASSWORD:
    return FAILURE_PASSWORD;
  case PARX_ERR_NO_TEXT:
    return FAILURE_NO_TEXT;
  case PARX_ERR_LIMIT:
  case PARX_ERR_NOMEM:
    return FAILURE_LIMIT;
  default: /* a damaged document, or a library that failed on it */
    return FAILURE_CORRUPT;
  }
}

/* {"schema", "source": {"path", "bytes", "sha256"}} plus `key`: `value`. */
static char *entry_with(const input_file *in, const char *key, json_t *value) {
  int readable = in->sha256[0] != '\0';
  json_t *source = json_pack("{s:s,s:o,s:o}", "path", in->path, "bytes",
                             readable ? json_integer(in->bytes) : json_null(), "sha256",
                             readable ? json_string(in->sha256) : json_null());
  json_t *entry =
      json_pack("{s:s,s:o,s:o}", "schema", "parx.record/1", "source", source, key, value);
  char *text = entry ? json_dumps(entry, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(entry);
  return text;
}

char *entry_error(const input_file *in, failure_kind kind, const char *message) {
  return entry_with(in, "error",
                    json_pack("{s:s,s:s}", "kind", failure_name(kind), "message", message));
}

char *entry_duplicate(const input_file *in, const char *first_path) {
  return entry_with(in, "duplicate_of", json_string(first_path));
}

int input_digest(input_file *in, char *message, size_t message_len) {
  in->sha256[0] = '\0';
  in->bytes = -1;
  /* not blocking: a FIFO named as a document must not stop the batch */
  int fd = open(in->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat st;
  const char *why = fd < 0 || fstat(fd, &st) ? strerror(errno)
                    : S_ISDIR(st.st_mode)    ? "is a directory"
                    : !S_ISREG(st.st_mode)   ? "not a regular file (a FIFO, device or socket)"
                                             : NULL;
  FILE *f = why ? NULL : fdopen(fd, "rb");
  if (!f) {
    if (fd >= 0) close(fd);
    snprintf(message, message_len, "%s: cannot open: %s", in->path, why ? why : strerror(errno));
    return -1;
  }
  parx_digest digest;
  parx_digest_init(&digest);
  unsigned char buf[1 << 16];
  long long total = 0;
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
    parx_digest_add(&digest, buf, got);
    total += (long long)got;
  }
  int read_error = ferror(f);
  fclose(f);
  if (read_error) {
    snprintf(message, message_len, "%s: cannot read the file", in->path);
    return -1;
  }
  parx_digest_hex(&digest, in->sha256);
  in->bytes = total;
  return 0;
}

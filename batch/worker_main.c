/* One worker process: documents in, records or failures out. */
#include "worker_main.h"
#include "entry.h"
#include "error.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

int fd_read_all(int fd, void *data, size_t len) {
  char *s = data;
  while (len) {
    ssize_t k = read(fd, s, len);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    s += k;
    len -= (size_t)k;
  }
  return 0;
}

int fd_write_all(int fd, const void *data, size_t len) {
  const char *s = data;
  while (len) {
    ssize_t k = write(fd, s, len);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    s += k;
    len -= (size_t)k;
  }
  return 0;
}

static void limit_memory(long memory_mb) {
#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer reserves terabytes of address space for its shadow
   * memory: a limit on the address space would stop every worker at once */
  (void)memory_mb;
#else
  if (memory_mb <= 0) return;
  struct rlimit rl = {(rlim_t)memory_mb << 20, (rlim_t)memory_mb << 20};
  setrlimit(RLIMIT_AS, &rl);
#endif
}

/* Test-only (PARX_BATCH_TEST_FAULTS=1): a document whose file name starts
 * with "crash-" crashes its worker, one with "hang-" never ends, so that the
 * tests can show how a batch survives both. */
static void test_fault(const char *path) {
  const char *on = getenv("PARX_BATCH_TEST_FAULTS");
  if (!on || strcmp(on, "1")) return;
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (!strncmp(base, "crash-", 6)) raise(SIGSEGV);
  if (!strncmp(base, "hang-", 5))
    for (;;)
      pause();
}

static int send_result(int fd, failure_kind kind, const char *text) {
  worker_header h = {strlen(text), (uint32_t)kind, 0};
  return fd_write_all(fd, &h, sizeof h) || fd_write_all(fd, text, h.len) ? -1 : 0;
}

int worker_main(const parx_engine *engine, const parx_options *options, long memory_mb,
                pid_t parent, int jobs_fd, int results_fd) {
  /* a batch killed outright takes its workers with it */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) return 1; /* it died before that */
  /* an interrupt or a termination sent to the whole process group is the
   * batch's to handle: a worker dying of it would look like a crash */
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  signal(SIGPIPE, SIG_DFL);
  limit_memory(memory_mb);
  uint32_t len;
  while (!fd_read_all(jobs_fd, &len, sizeof len)) {
    char *path = malloc((size_t)len + 1);
    if (!path || fd_read_all(jobs_fd, path, len)) return 1;
    path[len] = '\0';
    test_fault(path);
    parx_error err = {0};
    parx_record *r = parx_extract_file(engine, path, options, &err);
    char *json = r ? parx_record_to_json(r, 0) : NULL;
    if (r && !json)
      parx_error_set(&err, PARX_ERR_NOMEM, "%s: out of memory writing the record", path);
    parx_record_free(r);
    int rc = json ? send_result(results_fd, FAILURE_NONE, json)
                  : send_result(results_fd, failure_of_status(err.status), err.message);
    free(json);
    free(path);
    if (rc) return 1;
  }
  return 0;
}

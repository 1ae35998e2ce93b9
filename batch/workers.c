/* The worker processes of a batch and the pipes that carry their jobs. */
#define _GNU_SOURCE /* pipe2, wait4 */
#include "workers.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "worker_main.h"

typedef struct worker {
  pid_t pid;      /* 0: not running */
  int jobs_fd;    /* paths to the worker */
  int results_fd; /* results from it (non-blocking) */
  int busy;
  size_t job;
  double deadline; /* monotonic seconds; 0: none */
  char *buf;       /* the result read so far */
  size_t len, cap;
} worker;

struct pool {
  const parx_engine *engine;
  const parx_options *options;
  worker_limits limits;
  worker *w;
  int n;
  long peak_kb;
  struct pollfd *fds; /* pool_wait's, one per worker */
  int *who;           /* the worker of each of fds */
};

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void close_fd(int *fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

static int start(pool *p, worker *w, char err[POOL_ERR_LEN]) {
  int jobs[2], results[2];
  if (pipe2(jobs, O_CLOEXEC)) goto failed;
  if (pipe2(results, O_CLOEXEC)) {
    close(jobs[0]), close(jobs[1]);
    goto failed;
  }
  fflush(NULL); /* nothing buffered may be written twice */
  pid_t parent = getpid(), pid = fork();
  if (pid == 0) {
    /* the worker holds no end of another worker's pipes: a worker that
     * dies must show as the end of its own pipe */
    for (int i = 0; i < p->n; i++)
      if (&p->w[i] != w) close_fd(&p->w[i].jobs_fd), close_fd(&p->w[i].results_fd);
    close(jobs[1]);
    close(results[0]);
    _exit(worker_main(p->engine, p->options, p->limits.memory_mb, parent, jobs[0], results[1]));
  }
  close(jobs[0]);
  close(results[1]);
  if (pid < 0) {
    close(jobs[1]), close(results[0]);
    goto failed;
  }
  fcntl(results[0], F_SETFL, fcntl(results[0], F_GETFL) | O_NONBLOCK);
  *w = (worker){.pid = pid, .jobs_fd = jobs[1], .results_fd = results[0]};
  return 0;
failed:
  snprintf(err, POOL_ERR_LEN, "cannot start a worker process: %s", strerror(errno));
  return -1;
}

/* Ends a worker (killing it if it still runs) and says how it ended. */
static void reap(pool *p, worker *w, int kill_it, char *how, size_t how_len) {
  close_fd(&w->jobs_fd);
  close_fd(&w->results_fd);
  if (kill_it) kill(w->pid, SIGKILL);
  int status = 0;
  struct rusage ru;
  pid_t got;
  while ((got = wait4(w->pid, &status, 0, &ru)) < 0 && errno == EINTR)
    ;
  if (got == w->pid && ru.ru_maxrss > p->peak_kb) p->peak_kb = ru.ru_maxrss;
  if (how && got == w->pid && WIFSIGNALED(status))
    snprintf(how, how_len, "was killed by signal %d (%s)", WTERMSIG(status),
             strsignal(WTERMSIG(status)));
  else if (how)
    snprintf(how, how_len, "ended with exit status %d",
             WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  free(w->buf);
  *w = (worker){.jobs_fd = -1, .results_fd = -1};
}

pool *pool_new(const parx_engine *engine, const parx_options *options, int workers,
               worker_limits limits, char err[POOL_ERR_LEN]) {
  pool *p = calloc(1, sizeof *p);
  if (!p) {
    snprintf(err, POOL_ERR_LEN, "out of memory");
    return NULL;
  }
  *p = (pool){engine,
              options,
              limits,
              calloc((size_t)workers, sizeof *p->w),
              workers,
              0,
              calloc((size_t)workers, sizeof *p->fds),
              calloc((size_t)workers, sizeof *p->who)};
  if (!p->w || !p->fds || !p->who) {
    pool_free(p, NULL);
    snprintf(err, POOL_ERR_LEN, "out of memory");
    return NULL;
  }
  for (int i = 0; i < workers; i++)
    p->w[i] = (worker){.jobs_fd = -1, .results_fd = -1};
  for (int i = 0; i < workers; i++)
    if (start(p, &p->w[i], err)) {
      if (i) break; /* fewer workers than asked still do the work */
      pool_free(p, NULL);
      return NULL;
    }
  return p;
}

int pool_idle(const pool *p) {
  int k = 0;
  for (int i = 0; i < p->n; i++)
    k += p->w[i].pid && !p->w[i].busy;
  return k;
}

int pool_busy(const pool *p) {
  int k = 0;
  for (int i = 0; i < p->n; i++)
    k += p->w[i].busy;
  return k;
}

int pool_submit(pool *p, size_t job, const char *path, char err[POOL_ERR_LEN]) {
  for (int i = 0; i < p->n; i++) {
    worker *w = &p->w[i];
    if (!w->pid || w->busy) continue;
    uint32_t len = (uint32_t)strlen(path);
    if (fd_write_all(w->jobs_fd, &len, sizeof len) || fd_write_all(w->jobs_fd, path, len)) {
      /* it died while idle: start another and give it the job */
      reap(p, w, 1, NULL, 0);
      if (start(p, w, err)) return -1;
      i--;
      continue;
    }
    w->busy = 1;
    w->job = job;
    w->deadline = p->limits.seconds > 0 ? now() + p->limits.seconds : 0;
    return 0;
  }
  snprintf(err, POOL_ERR_LEN, "no idle worker");
  return -1;
}

/* Reads what the worker has sent; 1 when its result is complete, 0 when
 * more is to come, -1 when the pipe ended first (the worker died). */
static int read_some(worker *w) {
  for (;;) {
    if (w->cap - w->len < 65536) {
      size_t cap = w->cap ? 2 * w->cap : 65536;
      char *b = realloc(w->buf, cap);
      if (!b) return -1;
      w->buf = b;
      w->cap = cap;
    }
    ssize_t k = read(w->results_fd, w->buf + w->len, w->cap - w->len - 1);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (k <= 0) return -1;
    w->len += (size_t)k;
  }
  worker_header h;
  if (w->len < sizeof h) return 0;
  memcpy(&h, w->buf, sizeof h);
  return w->len - sizeof h >= h.len;
}

/* The job of `w` ended with `kind` and `text` (taken). */
static void finish(worker *w, pool_result *r, failure_kind kind, char *text) {
  *r = (pool_result){w->job, kind, text};
  w->busy = 0;
  w->len = 0;
}

static int take_result(worker *w, pool_result *r) {
  worker_header h;
  memcpy(&h, w->buf, sizeof h);
  char *text = malloc(h.len + 1);
  if (!text) return -1;
  memcpy(text, w->buf + sizeof h, h.len);
  text[h.len] = '\0';
  finish(w, r, (failure_kind)h.kind, text);
  return 0;
}

/* A worker that died or ran out of time: its job fails, another takes its place. */
static int replace(pool *p, worker *w, pool_result *r, failure_kind kind, char err[POOL_ERR_LEN]) {
  char how[128], message[256];
  size_t job = w->job;
  reap(p, w, kind == FAILURE_TIMEOUT, how, sizeof how);
  if (kind == FAILURE_TIMEOUT)
    snprintf(message, sizeof message, "took longer than %g s (--timeout) and was stopped",
             p->limits.seconds);
  else
    snprintf(message, sizeof message,
             "the worker extracting it %s (a crash in a library, or over --max-memory)", how);
  w->job = job;
  finish(w, r, kind, strdup(message));
  return start(p, w, err);
}

int pool_wait(pool *p, pool_result *r, char err[POOL_ERR_LEN]) {
  struct pollfd *fds = p->fds;
  int *who = p->who;
  for (;;) {
    int k = 0;
    double t = now(), first = 0;
    for (int i = 0; i < p->n; i++) {
      worker *w = &p->w[i];
      if (!w->busy) continue;
      if (w->deadline && w->deadline <= t) return replace(p, w, r, FAILURE_TIMEOUT, err);
      if (w->deadline && (!first || w->deadline < first)) first = w->deadline;
      fds[k] = (struct pollfd){.fd = w->results_fd, .events = POLLIN};
      who[k++] = i;
    }
    if (!k) {
      snprintf(err, POOL_ERR_LEN, "no document is being extracted");
      return -1;
    }
    int wait_ms = first ? (int)((first - t) * 1000) + 1 : -1;
    int ready = poll(fds, (nfds_t)k, wait_ms);
    if (ready < 0 && errno == EINTR) return 1;
    for (int j = 0; ready > 0 && j < k; j++) {
      if (!fds[j].revents) continue;
      worker *w = &p->w[who[j]];
      int got = read_some(w);
      if (got > 0 && !take_result(w, r)) return 0;
      if (got) return replace(p, w, r, FAILURE_CRASH, err);
    }
  }
}

void pool_free(pool *p, long *peak_kb) {
  if (!p) return;
  for (int i = 0; p->w && i < p->n; i++)
    if (p->w[i].pid) {
      /* an idle worker ends at the end of its jobs pipe; a busy one is stopped */
      if (!p->w[i].busy) close_fd(&p->w[i].jobs_fd);
      reap(p, &p->w[i], p->w[i].busy, NULL, 0);
    }
  if (peak_kb) *peak_kb = p->peak_kb;
  free(p->w);
  free(p->fds);
  free(p->who);
  free(p);
}

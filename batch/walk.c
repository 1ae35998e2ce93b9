/* Collecting the documents of a batch from files, directories and path lists. */
#include "walk.h"
#include "seen.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Deeper than any archive's folders; bounds the recursion. */
enum { WALK_MAX_DEPTH = 128 };

typedef struct walker {
  path_list *list;
  seen *dirs; /* "device:inode" of the directories walked */
  char *err;
} walker;

static int out_of_memory(walker *w) {
  snprintf(w->err, WALK_ERR_LEN, "out of memory");
  return -1;
}

static int take(path_list *list, const char *path) {
  if (list->n == list->cap) {
    size_t cap = list->cap ? 2 * list->cap : 64;
    char **items = realloc(list->items, cap * sizeof *items);
    if (!items) return -1;
    list->items = items;
    list->cap = cap;
  }
  if (!(list->items[list->n] = strdup(path))) return -1;
  list->n++;
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The visible entries of an open directory, sorted (closes it); NULL when
 * out of memory. */
static char **entries_of(walker *w, DIR *d, size_t *n) {
  path_list names = {0};
  struct dirent *e;
  int failed = 0;
  while (!failed && (e = readdir(d)))
    if (e->d_name[0] != '.') failed = take(&names, e->d_name);
  closedir(d);
  if (failed) {
    path_list_free(&names);
    out_of_memory(w);
    return NULL;
  }
  qsort(names.items, names.n, sizeof *names.items, by_name);
  *n = names.n;
  return names.items ? names.items : calloc(1, sizeof(char *));
}

static int walk_dir(walker *w, const char *dir, const struct stat *st, int depth);

static int walk_path(walker *w, const char *path, int depth, int named) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return walk_dir(w, path, &st, depth);
  /* a named path is taken whatever it is; found below a directory, only a
   * regular file is (a FIFO would block the reader, a dangling link is no
   * document) */
  if (!named && (stat(path, &st) || !S_ISREG(st.st_mode))) return 0;
  return take(w->list, path) ? out_of_memory(w) : 0;
}

static int walk_dir(walker *w, const char *dir, const struct stat *st, int depth) {
  char id[64];
  snprintf(id, sizeof id, "%llu:%llu", (unsigned long long)st->st_dev,
           (unsigned long long)st->st_ino);
  if (seen_has_path(w->dirs, id) || depth > WALK_MAX_DEPTH) return 0;
  if (seen_add(w->dirs, id, "")) return out_of_memory(w);
  DIR *d = opendir(dir);
  /* taken as a document, it fails with an error record naming it and the
   * cause: nothing below it is lost silently */
  if (!d) return take(w->list, dir) ? out_of_memory(w) : 0;
  size_t n = 0;
  char **names = entries_of(w, d, &n);
  if (!names) return -1;
  int rc = 0;
  size_t dlen = strlen(dir);
  int slash = dlen && dir[dlen - 1] == '/';
  for (size_t i = 0; i < n && !rc; i++) {
    size_t len = dlen + 1 + strlen(names[i]) + 1;
    char *child = malloc(len);
    if (!child) {
      rc = out_of_memory(w);
      break;
    }
    snprintf(child, len, "%s%s%s", dir, slash ? "" : "/", names[i]);
    rc = walk_path(w, child, depth + 1, 0);
    free(child);
  }
  path_list names_list = {names, n, n};
  path_list_free(&names_list);
  return rc;
}

int walk_add(path_list *list, const char *path, char err[WALK_ERR_LEN]) {
  walker w = {list, seen_new(), err};
  int rc = w.dirs ? walk_path(&w, path, 0, 1) : out_of_memory(&w);
  seen_free(w.dirs);
  return rc;
}

int walk_add_lines(path_list *list, FILE *in, const char *name, char err[WALK_ERR_LEN]) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int rc = 0;
  while (!rc && (n = getline(&line, &cap, in)) >= 0) {
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (n) rc = walk_add(list, line, err);
  }
  if (!rc && ferror(in)) {
    snprintf(err, WALK_ERR_LEN, "%s: cannot read the list of files: %s", name, strerror(errno));
    rc = -1;
  }
  free(line);
  return rc;
}

void path_list_free(path_list *list) {
  for (size_t i = 0; i < list->n; i++)
    free(list->items[i]);
  free(list->items);
  list->items = NULL;
  list->n = list->cap = 0;
}

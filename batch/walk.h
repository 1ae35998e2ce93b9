/*
 * The documents of a batch: the files named, and the files found below the
 * directories named, in a stable order (names sorted byte-wise), so that a
 * run started again with --resume meets them in the same order.
 */
#ifndef PARX_BATCH_WALK_H
#define PARX_BATCH_WALK_H

#include <stddef.h>
#include <stdio.h>

typedef struct path_list {
  char **items; /* owned */
  size_t n, cap;
} path_list;

enum { WALK_ERR_LEN = 1024 };

/*
 * Adds `path`: a directory is walked (recursively; hidden entries, those
 * whose name starts with '.', are passed over; a directory reached twice,
 * by a symbolic link, is walked once; only regular files are taken); any
 * other path is taken as it is, even one that does not exist (its document
 * then fails with an error record). Returns 0, or -1 and fills `err` (out
 * of memory, or a directory that cannot be read).
 */
int walk_add(path_list *list, const char *path, char err[WALK_ERR_LEN]);

/* Adds every line of `in` (one path a line; empty lines skipped) as walk_add. */
int walk_add_lines(path_list *list, FILE *in, const char *name, char err[WALK_ERR_LEN]);

void path_list_free(path_list *list);

#endif

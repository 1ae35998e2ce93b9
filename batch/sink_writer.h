/*
 * The writers behind sink.h, one per format. sink.c owns the temporary name
 * and the rename; a writer only writes the entries into `part` and reads
 * back the entries an interrupted run left there.
 */
#ifndef PARX_BATCH_SINK_WRITER_H
#define PARX_BATCH_SINK_WRITER_H

#include "sink.h"

typedef struct sink_writer_ops {
  /* Opens `part` for writing (NULL, for JSON Lines only: standard output).
   * With `keep`, `part` exists and holds the entries of an interrupted run:
   * they stay (an entry cut short by a kill is dropped) and each one's path
   * and SHA-256 go into `done`. Without, `part` does not exist yet. Returns
   * the writer's state, or NULL and fills `err`. */
  void *(*open)(const char *part, int keep, seen *done, char err[SINK_ERR_LEN]);
  /* Writes one entry (sink.h); it is whole on disk (flushed, committed)
   * when this returns. 0, or -1 and fills `err`. */
  int (*write)(void *writer, const char *entry, char err[SINK_ERR_LEN]);
  /* Flushes and frees the writer. 0, or -1 and fills `err`. */
  int (*close)(void *writer, char err[SINK_ERR_LEN]);
  /* Removes an output of this format at `path` (a leftover part, or the
   * target being replaced); nothing there is no error. Refuses to remove
   * what this writer did not make. 0, or -1 and fills `err`. */
  int (*remove)(const char *path, char err[SINK_ERR_LEN]);
} sink_writer_ops;

extern const sink_writer_ops sink_jsonl_ops, sink_csv_ops, sink_sqlite_ops;

#endif

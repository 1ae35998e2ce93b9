/*
 * Where `parx batch` writes its entries: JSON Lines, a directory of CSV
 * files, or a SQLite database. One writer per format behind this interface.
 *
 * An entry is one JSON object on one line (no trailing newline), one of:
 * - a record of the contract parx.record/1 (a document extracted);
 * - an error record: {"schema", "source": {"path", "bytes", "sha256"},
 *   "error": {"kind", "message"}} (a document that failed; "bytes" and
 *   "sha256" are null when the file could not be read);
 * - a duplicate: {"schema", "source": {"path", "bytes", "sha256"},
 *   "duplicate_of": FIRST_PATH} (the same bytes as a document already
 *   written under FIRST_PATH).
 *
 * Nothing is half-written: a sink writes to TARGET.part (a file, or for CSV
 * a directory) and renames it to TARGET when closed complete. An entry is
 * whole in TARGET.part once sink_write returns: a run killed after that and
 * started again with `resume` finds it there. Errors are returned as a
 * message in `err` (naming the target and the cause), never printed.
 */
#ifndef PARX_BATCH_SINK_H
#define PARX_BATCH_SINK_H

#include <stddef.h>

#include "seen.h"

typedef enum sink_format { SINK_JSONL, SINK_CSV, SINK_SQLITE } sink_format;

typedef struct sink sink;

enum { SINK_ERR_LEN = 1024 };

/*
 * Opens the writer of `format` on `target` ("-": JSON Lines on standard
 * output, no temporary file, no resume). Without `resume`, a leftover
 * TARGET.part is discarded and TARGET is replaced when the sink closes
 * complete. With `resume`, the entries of TARGET.part, else of TARGET, are
 * kept (a last entry cut short by a kill is dropped) and each one's path and
 * SHA-256 are added to `done`. Returns NULL and fills `err` on failure.
 */
sink *sink_open(sink_format format, const char *target, int resume, seen *done,
                char err[SINK_ERR_LEN]);

/* Writes one entry (see above). Returns 0, or -1 and fills `err`. */
int sink_write(sink *s, const char *entry, char err[SINK_ERR_LEN]);

/*
 * Closes the sink and frees it. With `complete`, TARGET.part becomes TARGET;
 * without, it stays TARGET.part for a later --resume. Returns 0, or -1 and
 * fills `err`.
 */
int sink_close(sink *s, int complete, char err[SINK_ERR_LEN]);

/* Where unfinished work is kept: TARGET.part (malloc'd). */
char *sink_part_path(const char *target);

#endif

/**
 * # NAME
 *
 * libparx - turn Vietnamese PAR Index plans and reports into records
 *
 * # SYNOPSIS
 *
 * The library reads a document (text, DOCX or PDF bytes) and builds one
 * record of the `parx.record/1` contract: headline index results, criteria,
 * scores, deficits, assigned tasks and warnings, each with its provenance.
 *
 * Errors are values: every call that can fail fills a `parx_error` with a
 * status and a message naming the file and the cause. Nothing is printed and
 * nothing exits. There is no global mutable state: an engine may be shared by
 * threads once built, and documents are processed independently.
 */
#ifndef PARX_H
#define PARX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PARX_VERSION "0.1.0"

/** The largest input read, from a file or a stream: a plan is a few MB. */
#define PARX_MAX_INPUT_BYTES ((size_t)512 << 20)

/** Items a record holds at most in each of its lists (results, criteria,
 * scores, deficits, tasks): a plan has hundreds; past the limit the record
 * says in a warning how many were left out. */
#define PARX_MAX_ITEMS 10000

typedef enum parx_status {
  PARX_OK = 0,
  PARX_ERR_IO,         /* the file could not be read or written */
  PARX_ERR_FORMAT,     /* a damaged or malformed document of a format parx reads */
  PARX_ERR_ENCODING,   /* invalid text encoding */
  PARX_ERR_LIMIT,      /* a safety limit was exceeded */
  PARX_ERR_RULE,       /* a rule file is malformed */
  PARX_ERR_PASSWORD,   /* an encrypted document needs a password */
  PARX_ERR_NOMEM,      /* out of memory */
  PARX_ERR_INTERNAL,   /* a library we use failed unexpectedly */
  PARX_ERR_UNSUPPORTED, /* a format parx does not read (image, .doc, archive, …) */
  PARX_ERR_NO_TEXT      /* a PDF of page images that was not recognised (OCR off or
                           unavailable): no text at all could be read */
} parx_status;

/** A failure: its status and a message that names the file and the place. */
typedef struct parx_error {
  parx_status status;
  char message[1024];
} parx_error;

/** The compiled rules and the Unicode services: build once, use for many documents. */
typedef struct parx_engine parx_engine;

/** One extracted record. */
typedef struct parx_record parx_record;

/**
 * Builds an engine from the rule files in `rules_dir` (NULL: the built-in
 * directory), then from each of the `nextra` files in `extra_rules`, whose
 * rules add to or override the built-in ones by name. Returns NULL and fills
 * `err` on failure: a malformed rule, a rule the program reads that no file
 * defines, or one that lacks a named group the program reads (the message
 * names the file, the line, the rule and the group).
 */
parx_engine *parx_engine_new(const char *rules_dir, const char *const *extra_rules, size_t nextra,
                             parx_error *err);
void parx_engine_free(parx_engine *engine);

/**
 * What building the engine noted without failing, such as a rule name the
 * program never reads ("my.rules:3: unknown rule …", naming the file and the
 * line): `parx_engine_warning_count` of them, the i-th by
 * `parx_engine_warning`, owned by the engine (NULL past the last). The
 * library prints nothing: a front end shows them.
 */
size_t parx_engine_warning_count(const parx_engine *engine);
const char *parx_engine_warning(const parx_engine *engine, size_t i);

/** Pages of one PDF recognised at most (OCR takes seconds a page): past
 * them the pages are left unread and a warning counts them. */
#define PARX_MAX_OCR_PAGES 1000

/** The time a record's assembly may take by default, in seconds. */
#define PARX_TIME_BUDGET 60.0

/** When the pages of a PDF are recognised as images (OCR, with Tesseract). */
typedef enum parx_ocr_mode {
  PARX_OCR_AUTO = 0, /* pages without text, and pages whose invisible text layer is poor */
  PARX_OCR_ALWAYS,   /* every page, whatever text it carries */
  PARX_OCR_NEVER
} parx_ocr_mode;

typedef struct parx_options {
  const char *password; /* for encrypted PDF, or NULL */
  /* Seconds the rules may spend on one document: 0 is PARX_TIME_BUDGET, a
   * negative value no limit. Past it the record holds what was found so
   * far and a warning says where the reading stopped. */
  double max_seconds;
  parx_ocr_mode ocr;
  /* Pages of one document recognised at once, each on one thread: 0 is one
   * per CPU. Tesseract's own OpenMP threads buy little for much CPU: a
   * program should set OMP_THREAD_LIMIT=1 in its environment before it
   * reads its first scanned page. */
  int ocr_threads;
} parx_options;

/**
 * Extracts the record of a document held in memory. `path` is reported in
 * the record's `source.path` and in error messages. Returns NULL and fills
 * `err` when the document cannot be read.
 */
parx_record *parx_extract(const parx_engine *engine, const unsigned char *bytes, size_t len,
                          const char *path, const parx_options *options, parx_error *err);

/** Reads `path` ("-" is not handled here) and extracts its record. */
parx_record *parx_extract_file(const parx_engine *engine, const char *path,
                               const parx_options *options, parx_error *err);

/** The record as JSON text (malloc'd, NUL-terminated); `pretty` indents it. */
char *parx_record_to_json(const parx_record *record, int pretty);

/**
 * Writes the same text through `write`, in pieces, item by item, so that the
 * text is never held whole (JSON Lines of large records in bounded memory).
 * `write` gets each piece and `data`, and returns 0 to go on or non-zero to
 * stop. Returns 0 when all was written, `write`'s non-zero answer when it
 * stopped, or -1 when out of memory. No newline is added after the record.
 */
typedef int (*parx_write_fn)(const char *bytes, size_t len, void *data);
int parx_record_write_json(const parx_record *record, int pretty, parx_write_fn write, void *data);

/**
 * The normalised text of a document, one numbered line each (malloc'd).
 * The reader's warnings (a page without text, …) are not part of it: when
 * `warnings` is not NULL it receives them, one a line (malloc'd), or NULL
 * when there is none.
 */
char *parx_text(const parx_engine *engine, const unsigned char *bytes, size_t len, const char *path,
                const parx_options *options, char **warnings, parx_error *err);

/* Reads `path` and returns its normalised text, as parx_text. */
char *parx_text_file(const parx_engine *engine, const char *path, const parx_options *options,
                     char **warnings, parx_error *err);

void parx_record_free(parx_record *record);

#ifdef __cplusplus
}
#endif

#endif

/* The public library: ingest → extract → rules → output, behind parx.h. */
#include "parx.h"
#include "digest.h"
#include "error.h"
#include "locate.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "output/output.h"
#include "rules/rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct parx_engine {
  parx_rules *rules;
};

struct parx_record {
  parx_rec *rec;
  parx_source source;
  char *path;
  parx_page_ocr *ocr;
};

parx_engine *parx_engine_new(const char *rules_dir, const char *const *extra_rules, size_t nextra,
                             parx_error *err) {
  parx_engine *e = calloc(1, sizeof *e);
  if (!e) {
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
    return NULL;
  }
  char found[4096];
  if (!rules_dir) rules_dir = parx_locate_rules_dir(found, sizeof found);
  e->rules = parx_rules_load(rules_dir, extra_rules, nextra, err);
  if (!e->rules) {
    free(e);
    return NULL;
  }
  return e;
}

size_t parx_engine_warning_count(const parx_engine *engine) {
  return parx_rules_warnings(engine->rules)->n;
}

const char *parx_engine_warning(const parx_engine *engine, size_t i) {
  const parx_strings *w = parx_rules_warnings(engine->rules);
  return i < w->n ? w->items[i] : NULL;
}

void parx_engine_free(parx_engine *engine) {
  if (!engine) return;
  parx_rules_free(engine->rules);
  free(engine);
}

static parx_doc *read_doc(const unsigned char *bytes, size_t len, const char *path,
                          const parx_options *options, parx_error *err) {
  parx_ingest_options io = {0};
  if (options) {
    io.password = options->password;
    io.ocr = options->ocr;
    io.ocr_threads = options->ocr_threads;
  }
  parx_doc *doc = parx_ingest(bytes, len, path, &io, err);
  if (doc && parx_prepare_doc(doc)) {
    parx_doc_free(doc);
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", path);
    return NULL;
  }
  return doc;
}

parx_record *parx_extract(const parx_engine *engine, const unsigned char *bytes, size_t len,
                          const char *path, const parx_options *options, parx_error *err) {
  parx_doc *doc = read_doc(bytes, len, path, options, err);
  if (!doc) return NULL;
  parx_record *r = calloc(1, sizeof *r);
  if (r) r->rec = parx_assemble(engine->rules, doc, options ? options->max_seconds : 0, err);
  if (!r || !r->rec || !(r->path = strdup(path))) {
    if (r) parx_rec_free(r->rec);
    free(r);
    parx_doc_free(doc);
    if (!err || err->status == PARX_OK)
      parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", path);
    return NULL;
  }
  r->source.path = r->path;
  r->source.format =
      strcmp(doc->format, "pdf") ? strcmp(doc->format, "docx") ? "txt" : "docx" : "pdf";
  r->source.bytes = len;
  r->source.pages = doc->pages;
  if (doc->nocr) { /* the record outlives the document */
    r->source.ocr = r->ocr = doc->ocr;
    r->source.nocr = doc->nocr;
    doc->ocr = NULL;
    doc->nocr = 0;
  }
  parx_sha256_hex(bytes, len, r->source.sha256);
  parx_doc_free(doc);
  return r;
}

/* Reads a whole file, refusing one past PARX_MAX_INPUT_BYTES. */
static unsigned char *slurp(const char *path, size_t *len, parx_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    parx_error_set(err, PARX_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    return NULL;
  }
  struct stat st;
  int known = fstat(fileno(f), &st) == 0;
  if (known && S_ISDIR(st.st_mode)) {
    fclose(f);
    parx_error_set(err, PARX_ERR_IO, "%s: is a directory", path);
    return NULL;
  }
  /* a file is read into one buffer of its size (its end still found by reading) */
  size_t cap = 1 << 16, n = 0;
  if (known && S_ISREG(st.st_mode) && (size_t)st.st_size >= cap)
    cap = (size_t)st.st_size < PARX_MAX_INPUT_BYTES ? (size_t)st.st_size + 1 : PARX_MAX_INPUT_BYTES;
  unsigned char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      if (cap >= PARX_MAX_INPUT_BYTES) {
        free(buf);
        fclose(f);
        parx_error_set(err, PARX_ERR_LIMIT,
                       "%s: larger than %zu MiB; parx reads plans, not archives", path,
                       PARX_MAX_INPUT_BYTES >> 20);
        return NULL;
      }
      unsigned char *p = realloc(buf, cap * 2);
      if (!p) {
        /* never a silently shortened document */
        free(buf);
        buf = NULL;
        break;
      }
      buf = p;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  int bad = ferror(f), saved = errno;
  fclose(f);
  if (!buf) {
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory reading the file", path);
    return NULL;
  }
  if (bad) {
    free(buf);
    parx_error_set(err, PARX_ERR_IO, "%s: cannot read: %s", path, strerror(saved));
    return NULL;
  }
  *len = n;
  return buf;
}

parx_record *parx_extract_file(const parx_engine *engine, const char *path,
                               const parx_options *options, parx_error *err) {
  size_t len;
  unsigned char *bytes = slurp(path, &len, err);
  if (!bytes) return NULL;
  parx_record *r = parx_extract(engine, bytes, len, path, options, err);
  free(bytes);
  return r;
}

char *parx_record_to_json(const parx_record *record, int pretty) {
  return parx_output_json(record->rec, &record->source, pretty);
}

int parx_record_write_json(const parx_record *record, int pretty, parx_write_fn write, void *data) {
  return parx_output_json_write(record->rec, &record->source, pretty, write, data);
}

char *parx_text(const parx_engine *engine, const unsigned char *bytes, size_t len, const char *path,
                const parx_options *options, char **warnings, parx_error *err) {
  (void)engine;
  if (warnings) *warnings = NULL;
  parx_doc *doc = read_doc(bytes, len, path, options, err);
  if (!doc) return NULL;
  char *text = parx_output_text(doc);
  int want_notes = warnings && doc->nwarnings;
  char *notes = want_notes ? parx_output_warnings(doc) : NULL;
  parx_doc_free(doc);
  if (!text || (want_notes && !notes)) {
    free(text);
    free(notes);
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", path);
    return NULL;
  }
  if (warnings) *warnings = notes;
  return text;
}

char *parx_text_file(const parx_engine *engine, const char *path, const parx_options *options,
                     char **warnings, parx_error *err) {
  size_t len;
  unsigned char *bytes = slurp(path, &len, err);
  if (!bytes) return NULL;
  char *text = parx_text(engine, bytes, len, path, options, warnings, err);
  free(bytes);
  return text;
}

void parx_record_free(parx_record *record) {
  if (!record) return;
  parx_rec_free(record->rec);
  free(record->path);
  free(record->ocr);
  free(record);
}

/*
 * ZIP access for the DOCX reader. A DOCX is a ZIP archive, and a ZIP archive
 * can be a bomb: a few kilobytes that inflate to gigabytes. Every part is
 * therefore judged by the sizes its central directory declares before any
 * byte is inflated, and reading stops as soon as more bytes come out than
 * were declared, so a lying directory cannot get past the checks either.
 */
#include "docx_internal.h"

#include <stdlib.h>

#include "error.h"

/* More entries than any real document has; a longer directory is hostile. */
#define DOCX_MAX_ENTRIES 10000
/* Uncompressed size of one part (document.xml, numbering.xml). */
#define DOCX_MAX_PART_SIZE ((zip_uint64_t)64 << 20)
/* Uncompressed bytes read from one archive, all parts together. */
#define DOCX_MAX_TOTAL_SIZE ((zip_uint64_t)256 << 20)
/* Word XML compresses about 10:1; 200:1 only comes from padding. */
#define DOCX_MAX_RATIO 200
/* Parts below this size are too small to hurt, whatever their ratio (a tiny
 * part of repeated markup can legitimately compress very well). */
#define DOCX_RATIO_MIN_SIZE ((zip_uint64_t)1 << 20)

zip_t *docx_zip_open(const unsigned char *bytes, size_t len, const char *name, parx_error *err) {
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &zerr);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
  if (!za) {
    parx_status st = zip_error_code_zip(&zerr) == ZIP_ER_MEMORY ? PARX_ERR_NOMEM : PARX_ERR_FORMAT;
    parx_error_set(err, st, "%s: not a DOCX file: the ZIP archive cannot be read (%s)", name,
                   zip_error_strerror(&zerr));
    zip_source_free(src); /* the archive owns the source only once opened */
    zip_error_fini(&zerr);
    return NULL;
  }
  zip_error_fini(&zerr);
  zip_int64_t n = zip_get_num_entries(za, 0);
  if (n > DOCX_MAX_ENTRIES) {
    parx_error_set(err, PARX_ERR_LIMIT,
                   "%s: the ZIP archive has %lld entries, over the limit of %d; the file may be "
                   "a zip bomb",
                   name, (long long)n, DOCX_MAX_ENTRIES);
    zip_discard(za);
    return NULL;
  }
  return za;
}

/* Judges a part by its declared sizes, before inflating anything. */
static int check_declared(const zip_stat_t *st, const char *part, const char *name,
                          zip_uint64_t total, parx_error *err) {
  unsigned long long size = st->size, comp = st->comp_size;
  if (st->size > DOCX_MAX_PART_SIZE) {
    parx_error_set(err, PARX_ERR_LIMIT,
                   "%s: %s would expand to %llu bytes, over the limit of %llu; the file may be a "
                   "zip bomb",
                   name, part, size, (unsigned long long)DOCX_MAX_PART_SIZE);
    return -1;
  }
  if (st->size > DOCX_RATIO_MIN_SIZE && st->size / DOCX_MAX_RATIO > st->comp_size) {
    parx_error_set(err, PARX_ERR_LIMIT,
                   "%s: %s would expand from %llu to %llu bytes, a ratio over the limit of "
                   "%d:1; the file may be a zip bomb",
                   name, part, comp, size, DOCX_MAX_RATIO);
    return -1;
  }
  if (st->size > DOCX_MAX_TOTAL_SIZE - total) {
    parx_error_set(err, PARX_ERR_LIMIT,
                   "%s: reading %s would expand the archive to more than %llu bytes in all; "
                   "the file may be a zip bomb",
                   name, part, (unsigned long long)DOCX_MAX_TOTAL_SIZE);
    return -1;
  }
  return 0;
}

static void set_zip_error(parx_error *err, zip_error_t *ze, const char *name, const char *part) {
  int code = zip_error_code_zip(ze);
  if (code == ZIP_ER_MEMORY) {
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory reading %s", name, part);
  } else if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
    parx_error_set(err, PARX_ERR_FORMAT, "%s: %s is encrypted and cannot be read", name, part);
  } else {
    parx_error_set(err, PARX_ERR_FORMAT, "%s: %s is damaged: %s", name, part,
                   zip_error_strerror(ze));
  }
}

/*
 * Inflates exactly `size` bytes into buf (size + 1 bytes long). Asking for
 * one byte more than declared is what detects a directory that lies.
 */
static int inflate_part(zip_file_t *zf, char *buf, zip_uint64_t size, const char *part,
                        const char *name, parx_error *err) {
  zip_uint64_t got = 0;
  while (got <= size) {
    zip_int64_t n = zip_fread(zf, buf + got, size + 1 - got);
    if (n < 0) {
      set_zip_error(err, zip_file_get_error(zf), name, part);
      return -1;
    }
    if (n == 0) break;
    got += (zip_uint64_t)n;
  }
  if (got > size) {
    parx_error_set(err, PARX_ERR_LIMIT,
                   "%s: %s expands past the %llu bytes its ZIP directory declares; the file may "
                   "be a zip bomb",
                   name, part, (unsigned long long)size);
    return -1;
  }
  if (got < size) {
    parx_error_set(err, PARX_ERR_FORMAT, "%s: %s is truncated: %llu of %llu bytes", name, part,
                   (unsigned long long)got, (unsigned long long)size);
    return -1;
  }
  buf[size] = '\0';
  return 0;
}

int docx_zip_read(zip_t *za, const char *part, const char *name, zip_uint64_t *total, char **out,
                  size_t *out_len, parx_error *err) {
  /* OPC part names are case-insensitive. */
  zip_int64_t idx = zip_name_locate(za, part, ZIP_FL_NOCASE);
  if (idx < 0) return DOCX_PART_MISSING;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) ||
      (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) != (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
    set_zip_error(err, zip_get_error(za), name, part);
    return DOCX_PART_ERROR;
  }
  if (check_declared(&st, part, name, *total, err)) return DOCX_PART_ERROR;
  zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) {
    set_zip_error(err, zip_get_error(za), name, part);
    return DOCX_PART_ERROR;
  }
  char *buf = malloc((size_t)st.size + 1);
  if (!buf) {
    zip_fclose(zf);
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory reading %s", name, part);
    return DOCX_PART_ERROR;
  }
  int rc = inflate_part(zf, buf, st.size, part, name, err);
  zip_fclose(zf);
  if (rc) {
    free(buf);
    return DOCX_PART_ERROR;
  }
  *total += st.size;
  *out = buf;
  *out_len = (size_t)st.size;
  return DOCX_PART_OK;
}

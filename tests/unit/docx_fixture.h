/*
 * Building DOCX files in memory for the tests (libzip), so that every case
 * shows the exact WordprocessingML it feeds in; shared by the DOCX tests.
 * Include after <cmocka.h>.
 */
#ifndef PARX_TESTS_DOCX_FIXTURE_H
#define PARX_TESTS_DOCX_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "ingest/ingest.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
#define DOC_HEAD "<w:document xmlns:w=\"" W_NS "\"><w:body>"
#define DOC_TAIL "</w:body></w:document>"
#define BODY(x) XML_DECL DOC_HEAD x DOC_TAIL
#define RUN(text) "<w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r>"
#define P(text) "<w:p>" RUN(text) "</w:p>"
/* A paragraph of list numId at level ilvl. */
#define LI(num, lvl, text)                                                                         \
  "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num                        \
  "\"/></w:numPr></w:pPr>" RUN(text) "</w:p>"
#define TC(x) "<w:tc>" x "</w:tc>"
#define TC_PR(pr, x) "<w:tc><w:tcPr>" pr "</w:tcPr>" x "</w:tc>"
#define TR(x) "<w:tr>" x "</w:tr>"

static const char CONTENT_TYPES[] =
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
             "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
             "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

typedef struct part {
  const char *name;
  const char *data;
  size_t len; /* 0: strlen(data) */
} part;

/* Writes the parts into a ZIP archive held in memory; returns its bytes. */
static inline unsigned char *make_zip(const part *parts, size_t n, size_t *out_len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  assert_non_null(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  assert_non_null(za);
  zip_source_keep(src); /* read the bytes back after zip_close */
  for (size_t i = 0; i < n; i++) {
    size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
    zip_source_t *s = zip_source_buffer(za, parts[i].data, len, 0);
    assert_non_null(s);
    assert_true(zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(za), 0);
  assert_int_equal(zip_source_open(src), 0);
  assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
  zip_int64_t size = zip_source_tell(src);
  assert_true(size > 0);
  assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
  unsigned char *bytes = malloc((size_t)size);
  assert_non_null(bytes);
  assert_int_equal(zip_source_read(src, bytes, (zip_uint64_t)size), size);
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&ze);
  *out_len = (size_t)size;
  return bytes;
}

/* A DOCX of [Content_Types].xml, document.xml and numbering.xml (each optional). */
static inline unsigned char *make_docx(const char *document, size_t document_len,
                                       const char *numbering, size_t *len) {
  part parts[3] = {{"[Content_Types].xml", CONTENT_TYPES, 0}};
  size_t n = 1;
  if (document) parts[n++] = (part){"word/document.xml", document, document_len};
  if (numbering) parts[n++] = (part){"word/numbering.xml", numbering, 0};
  return make_zip(parts, n, len);
}

static inline parx_doc *read_docx(const char *document, const char *numbering, parx_error *err) {
  size_t len;
  unsigned char *bytes = make_docx(document, 0, numbering, &len);
  parx_doc *doc = parx_ingest_docx(bytes, len, "plan.docx", err);
  free(bytes);
  return doc;
}

static inline parx_doc *read_ok(const char *document, const char *numbering) {
  parx_error err = {0};
  parx_doc *doc = read_docx(document, numbering, &err);
  if (!doc) fail_msg("parx_ingest_docx failed: %s", err.message);
  return doc;
}

static inline void assert_fails(const char *document, parx_status status, const char *needle) {
  parx_error err = {0};
  parx_doc *doc = read_docx(document, NULL, &err);
  assert_null(doc);
  assert_int_equal(err.status, status);
  assert_non_null(strstr(err.message, "plan.docx"));
  assert_non_null(strstr(err.message, needle));
}

/* The paragraphs of doc, all of them, in order. */
static inline void assert_paragraphs(const parx_doc *doc, const char *const *want, size_t n) {
  assert_int_equal(doc->nblocks, n);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(doc->blocks[i].kind, PARX_BLOCK_PARAGRAPH);
    assert_string_equal(doc->blocks[i].text, want[i]);
  }
}

static inline void assert_row(const parx_row *row, const char *const *cells, size_t n) {
  assert_int_equal(row->ncells, n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(row->cells[i], cells[i]);
}

#endif

/*
 * The DOCX reader: word/document.xml (and word/numbering.xml for list
 * labels) to the document model. Headers, footers, footnotes and comments
 * live in other parts and are not read: a plan's tasks are in the body.
 */
#include "ingest.h"

#include <stdlib.h>

#include "docx_internal.h"
#include "error.h"

/* Reads word/numbering.xml when there is one; *nb stays NULL without it. A
 * damaged one only costs the list labels, so it is a warning, not an error. */
static int read_numbering(zip_t *za, parx_doc *doc, const char *name, zip_uint64_t *total,
                          docx_numbering **nb, parx_error *err) {
  char *xml = NULL;
  size_t len = 0;
  int rc = docx_zip_read(za, "word/numbering.xml", name, total, &xml, &len, err);
  if (rc == DOCX_PART_MISSING) return 0;
  if (rc != DOCX_PART_OK) return -1;
  parx_error perr = {0};
  *nb = docx_numbering_load(xml, len, name, &perr);
  free(xml);
  if (*nb) return 0;
  if (perr.status == PARX_ERR_NOMEM) {
    *err = perr;
    return -1;
  }
  return parx_doc_warn(doc, "%s; list labels are left out", perr.message) ? -1 : 0;
}

/* The lists of paragraph styles, from word/styles.xml: only worth reading
 * when there are lists. A missing or damaged part costs only labels. */
static docx_styles *read_styles(zip_t *za, const char *name, zip_uint64_t *total) {
  char *xml = NULL;
  size_t len = 0;
  parx_error ignored = {0};
  if (docx_zip_read(za, "word/styles.xml", name, total, &xml, &len, &ignored) != DOCX_PART_OK)
    return NULL;
  xmlDoc *d = docx_xml_read(xml, len, "word/styles.xml", name, &ignored);
  free(xml);
  docx_styles *st = d ? docx_styles_load(d) : NULL;
  xmlFreeDoc(d);
  return st;
}

/* Reads and parses word/document.xml; NULL with err filled on failure. */
static xmlDoc *read_document(zip_t *za, const char *name, zip_uint64_t *total, parx_error *err) {
  char *xml = NULL;
  size_t len = 0;
  int rc = docx_zip_read(za, "word/document.xml", name, total, &xml, &len, err);
  if (rc == DOCX_PART_MISSING)
    parx_error_set(err, PARX_ERR_FORMAT, "%s: not a DOCX file: word/document.xml is missing", name);
  if (rc != DOCX_PART_OK) return NULL;
  xmlDoc *d = docx_xml_read(xml, len, "word/document.xml", name, err);
  free(xml);
  return d;
}

parx_doc *parx_ingest_docx(const unsigned char *bytes, size_t len, const char *name,
                           parx_error *err) {
  if (!name) name = "document";
  zip_t *za = docx_zip_open(bytes, len, name, err);
  if (!za) return NULL;
  parx_doc *doc = parx_doc_new("docx");
  if (!doc) {
    zip_discard(za);
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", name);
    return NULL;
  }
  doc->pages = 0;
  doc->paged = 0; /* a DOCX states its paragraphs and rows: no page cut them */
  zip_uint64_t total = 0;
  docx_numbering *nb = NULL;
  xmlDoc *xml = read_document(za, name, &total, err);
  int ok = xml && !read_numbering(za, doc, name, &total, &nb, err);
  docx_styles *styles = ok && nb ? read_styles(za, name, &total) : NULL;
  zip_discard(za);
  if (ok && docx_body_read(doc, xml, nb, styles, name, err) != PARX_OK) ok = 0;
  docx_styles_free(styles);
  docx_numbering_free(nb);
  xmlFreeDoc(xml);
  if (!ok) {
    parx_doc_free(doc);
    return NULL;
  }
  return doc;
}

/*
 * The DOCX reader: the main document part (word/document.xml, or the part
 * the package's relationship names) to the document model, with its
 * numbering (list labels) and styles; footnotes and endnotes follow the body
 * as paragraphs. Headers, footers and comments are not read: a plan's tasks
 * are in the body.
 */
#include "ingest.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "docx_internal.h"
#include "docx_module.h"
#include "error.h"

/*
 * libxml2 must set itself up before threads parse with it (not lazily in two
 * at once), and libzip converts ZIP times to local time. Both are done while
 * the module is being loaded: the dynamic loader runs constructors once, and
 * other threads' dlopen of the module waits for them.
 */
__attribute__((constructor)) static void docx_module_loaded(void) {
  xmlInitParser();
  tzset();
}

/* Room for a part's name inside the ZIP. */
enum { PART_NAME_MAX = 512 };

/* The part related to the main part as `kind`, else Word's usual name. */
static void related_part(zip_t *za, const char *main_part, const char *kind, const char *usual,
                         const char *name, zip_uint64_t *total, char *out) {
  if (!docx_rel_target(za, main_part, kind, name, total, out, PART_NAME_MAX))
    snprintf(out, PART_NAME_MAX, "%s", usual);
}

/* Reads the numbering part when there is one; *nb stays NULL without it. A
 * damaged one only costs the list labels, so it is a warning, not an error. */
static int read_numbering(zip_t *za, const char *main_part, parx_doc *doc, const char *name,
                          zip_uint64_t *total, docx_numbering **nb, parx_error *err) {
  char *xml = NULL, part[PART_NAME_MAX];
  size_t len = 0;
  related_part(za, main_part, "numbering", "word/numbering.xml", name, total, part);
  int rc = docx_zip_read(za, part, name, total, &xml, &len, err);
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
static docx_styles *read_styles(zip_t *za, const char *main_part, const char *name,
                                zip_uint64_t *total) {
  char *xml = NULL, part[PART_NAME_MAX];
  size_t len = 0;
  parx_error ignored = {0};
  related_part(za, main_part, "styles", "word/styles.xml", name, total, part);
  if (docx_zip_read(za, part, name, total, &xml, &len, &ignored) != DOCX_PART_OK) return NULL;
  xmlDoc *d = docx_xml_read(xml, len, part, name, &ignored);
  free(xml);
  docx_styles *st = d ? docx_styles_load(d) : NULL;
  xmlFreeDoc(d);
  return st;
}

/* Reads and parses the main part; NULL with err filled on failure. */
static xmlDoc *read_document(zip_t *za, const char *name, zip_uint64_t *total, char *part,
                             parx_error *err) {
  char *xml = NULL;
  size_t len = 0;
  docx_main_part(za, name, total, part, PART_NAME_MAX);
  int rc = docx_zip_read(za, part, name, total, &xml, &len, err);
  if (rc == DOCX_PART_MISSING)
    parx_error_set(err, PARX_ERR_FORMAT, "%s: not a DOCX file: %s is missing", name, part);
  if (rc != DOCX_PART_OK) return NULL;
  xmlDoc *d = docx_xml_read(xml, len, part, name, err);
  free(xml);
  return d;
}

/* Adds the notes of the footnotes or endnotes part after the body. A
 * missing or damaged part costs only the notes: a warning for the latter. */
static int read_notes(zip_t *za, const char *main_part, const char *kind, parx_doc *doc,
                      docx_numbering *nb, const docx_styles *styles, const char *name,
                      zip_uint64_t *total, parx_error *err) {
  char *xml = NULL, part[PART_NAME_MAX], usual[32];
  size_t len = 0;
  snprintf(usual, sizeof usual, "word/%s.xml", kind);
  related_part(za, main_part, kind, usual, name, total, part);
  parx_error perr = {0};
  int rc = docx_zip_read(za, part, name, total, &xml, &len, &perr);
  xmlDoc *d = rc == DOCX_PART_OK ? docx_xml_read(xml, len, part, name, &perr) : NULL;
  free(xml);
  if (d && docx_notes_read(doc, d, nb, styles, name, &perr) == PARX_OK) perr.status = PARX_OK;
  xmlFreeDoc(d);
  if (rc == DOCX_PART_MISSING || perr.status == PARX_OK) return 0;
  if (perr.status == PARX_ERR_NOMEM) {
    *err = perr;
    return -1;
  }
  return parx_doc_warn(doc, "%s; its notes are left out", perr.message) ? -1 : 0;
}

parx_doc *parx_docx_ingest(const unsigned char *bytes, size_t len, const char *name,
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
  char main_part[PART_NAME_MAX];
  xmlDoc *xml = read_document(za, name, &total, main_part, err);
  int ok = xml && !read_numbering(za, main_part, doc, name, &total, &nb, err);
  docx_styles *styles = ok && nb ? read_styles(za, main_part, name, &total) : NULL;
  if (ok && docx_body_read(doc, xml, nb, styles, name, err) != PARX_OK) ok = 0;
  if (ok && (read_notes(za, main_part, "footnotes", doc, nb, styles, name, &total, err) ||
             read_notes(za, main_part, "endnotes", doc, nb, styles, name, &total, err)))
    ok = 0;
  zip_discard(za);
  docx_styles_free(styles);
  docx_numbering_free(nb);
  xmlFreeDoc(xml);
  if (!ok) {
    parx_doc_free(doc);
    return NULL;
  }
  return doc;
}

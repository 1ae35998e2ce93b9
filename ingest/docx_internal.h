/*
 * Internals of the DOCX reader, split by concern: ZIP access under limits
 * (docx_zip.c), package relationships (docx_rels.c), XML helpers
 * (docx_xml.c), list numbering (docx_num.c), and the walk of w:body and the
 * notes into the model (docx_body.c, docx_para.c, docx_walk.h). They are
 * built into the DOCX module, whose only public functions are those of
 * docx_module.h (docx.c, docx_detect.c).
 */
#ifndef PARX_INGEST_DOCX_INTERNAL_H
#define PARX_INGEST_DOCX_INTERNAL_H

#include <stddef.h>

#include <libxml/tree.h>
#include <zip.h>

#include "buf.h"
#include "ingest.h"

/* --- ZIP ---------------------------------------------------------------- */

/* Opens the archive held in bytes (not copied: they must outlive it). */
zip_t *docx_zip_open(const unsigned char *bytes, size_t len, const char *name, parx_error *err);

enum { DOCX_PART_OK = 0, DOCX_PART_MISSING = 1, DOCX_PART_ERROR = -1 };

/*
 * Reads the part named `part` into a malloc'd NUL-terminated buffer, adding
 * its size to *total. Returns DOCX_PART_OK, DOCX_PART_MISSING (err untouched)
 * or DOCX_PART_ERROR (err filled: a limit, a damaged entry, no memory).
 */
int docx_zip_read(zip_t *za, const char *part, const char *name, zip_uint64_t *total, char **out,
                  size_t *out_len, parx_error *err);

/* --- relationships ------------------------------------------------------ */

/*
 * The part that the first relationship of type `kind` ("officeDocument",
 * "numbering", "styles", "footnotes", "endnotes") of part `source` names
 * ("" for the package's own _rels/.rels), resolved to a ZIP name in `out`.
 * 1 when there is one; 0 when not, or the .rels part is missing or damaged.
 */
int docx_rel_target(zip_t *za, const char *source, const char *kind, const char *name,
                    zip_uint64_t *total, char *out, size_t out_len);

/* The main document part: the package's officeDocument relationship, else
 * word/document.xml. 1 when that part exists. */
int docx_main_part(zip_t *za, const char *name, zip_uint64_t *total, char *out, size_t out_len);

/* --- XML ---------------------------------------------------------------- */

/* Parses without entity substitution, DTD loading or network; NULL on error. */
xmlDoc *docx_xml_read(const char *xml, size_t len, const char *part, const char *name,
                      parx_error *err);

/* The local name of n when it is a WordprocessingML element, else NULL. */
const char *docx_w_name(const xmlNode *n);

/* True when n is the WordprocessingML element w:<local>. */
int docx_is_w(const xmlNode *n, const char *local);

/* True when n is the OMML (math) element m:<local>. */
int docx_is_math(const xmlNode *n, const char *local);

/* The first child element w:<local> of n, or NULL (n may be NULL). */
const xmlNode *docx_child(const xmlNode *n, const char *local);

/* The value of attribute w:<local> of n, or NULL; points into the tree. */
const char *docx_attr(const xmlNode *n, const char *local);

/* The integer value of w:<local> of n, or dflt when absent or not a number. */
long docx_attr_long(const xmlNode *n, const char *local, long dflt);

/* --- numbering ---------------------------------------------------------- */

typedef struct docx_numbering docx_numbering;

/* Builds the list definitions of word/numbering.xml; NULL with err on failure. */
docx_numbering *docx_numbering_load(const char *xml, size_t len, const char *name, parx_error *err);
void docx_numbering_free(docx_numbering *nb);

/*
 * Advances the counters of list num_id at level ilvl and appends the
 * paragraph's label and a space ("1.2. ", "a) ", "- "). Appends nothing for
 * an unknown list or a level without a label. nb may be NULL.
 */
void docx_numbering_label(docx_numbering *nb, long num_id, long ilvl, parx_buf *out);

/* --- paragraph styles that carry a list ------------------------------------ */

typedef struct docx_styles docx_styles;

/* The list of each paragraph style of word/styles.xml; NULL when out of memory. */
docx_styles *docx_styles_load(const xmlDoc *xml);
void docx_styles_free(docx_styles *st);

/* The list (numId, ilvl) of a paragraph style, following w:basedOn; 1 when
 * the style has one. st may be NULL. */
int docx_style_numbering(const docx_styles *st, const char *style_id, long *num_id, long *ilvl);

/* --- body --------------------------------------------------------------- */

/* Adds the paragraphs and tables of w:body to doc; status, err filled on failure. */
parx_status docx_body_read(parx_doc *doc, const xmlDoc *xml, docx_numbering *nb,
                           const docx_styles *styles, const char *name, parx_error *err);

/* Adds the notes of a footnotes or endnotes part (w:footnotes, w:endnotes)
 * to doc as paragraphs, leaving out the separators; status, err filled on
 * failure (FORMAT when the root is neither). */
parx_status docx_notes_read(parx_doc *doc, const xmlDoc *xml, docx_numbering *nb,
                            const docx_styles *styles, const char *name, parx_error *err);

#endif

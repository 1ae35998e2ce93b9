/*
 * Where parx's own files are at run time: the rule directory, the PDF, DOCX
 * and OCR modules and the catalogs. They are looked for relative to the code that is running (the
 * shared library, else the executable) so that an installed prefix still
 * works after it is moved; the source and build trees are used only by a
 * program that runs from the build tree.
 */
#ifndef PARX_COMMON_LOCATE_H
#define PARX_COMMON_LOCATE_H

#include <stddef.h>

/* The rule directory: $PARX_RULES_DIR, else the installed or built one.
 * Written to `out` (`cap` bytes) and returned; never NULL. */
const char *parx_locate_rules_dir(char *out, size_t cap);

/* The PDF reader module, as parx_locate_rules_dir ($PARX_PDF_MODULE first). */
const char *parx_locate_pdf_module(char *out, size_t cap);

/* The DOCX reader module, as parx_locate_rules_dir ($PARX_DOCX_MODULE first). */
const char *parx_locate_docx_module(char *out, size_t cap);

/* The OCR module, as parx_locate_rules_dir ($PARX_OCR_MODULE first). */
const char *parx_locate_ocr_module(char *out, size_t cap);

/* The shipped criteria catalogs, as parx_locate_rules_dir ($PARX_CATALOG_DIR first). */
const char *parx_locate_catalogs_dir(char *out, size_t cap);

#endif

/* What a ZIP package holds, for format detection (detect.c): a DOCX, or
 * another Office or ZIP file that parx does not read. */
#include "docx_internal.h"
#include "docx_module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of [Content_Types].xml read to find the main part's type. */
enum { CONTENT_TYPES_MAX = 1 << 20 };

/* A WordprocessingML package whose main part is not word/document.xml: the
 * package's officeDocument relationship names a part that exists, and
 * [Content_Types].xml declares a wordprocessingml main part. */
static int is_renamed_docx(zip_t *za) {
  char part[512];
  zip_uint64_t total = 0;
  if (!docx_main_part(za, "", &total, part, sizeof part)) return 0;
  zip_int64_t idx = zip_name_locate(za, "[Content_Types].xml", ZIP_FL_NOCASE);
  zip_stat_t st;
  if (idx < 0 || zip_stat_index(za, (zip_uint64_t)idx, 0, &st) || !(st.valid & ZIP_STAT_SIZE) ||
      st.size > CONTENT_TYPES_MAX)
    return 0;
  char *xml = NULL;
  size_t n = 0;
  parx_error ignored = {0};
  if (docx_zip_read(za, "[Content_Types].xml", "", &total, &xml, &n, &ignored) != DOCX_PART_OK)
    return 0;
  /* the main part's type, Transitional or Strict (also the macro-enabled .docm) */
  int word = strstr(xml, "wordprocessingml.document.main+xml") != NULL ||
             strstr(xml, "ms-word.document.macroEnabled.main+xml") != NULL;
  free(xml);
  return word;
}

parx_format parx_docx_classify(const unsigned char *b, size_t len, char *what, size_t what_len) {
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t *src = zip_source_buffer_create(b, len, 0, &zerr);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
  parx_format f = PARX_FORMAT_UNSUPPORTED;
  if (!za) {
    if (src) zip_source_free(src);
    snprintf(what, what_len, "a damaged ZIP archive (%s)", zip_error_strerror(&zerr));
    f = PARX_FORMAT_DAMAGED;
  } else if (zip_name_locate(za, "word/document.xml", 0) >= 0 || is_renamed_docx(za)) {
    f = PARX_FORMAT_DOCX;
  } else if (zip_name_locate(za, "content.xml", 0) >= 0) {
    snprintf(what, what_len, "an OpenDocument file (.odt); save it as .docx and try again");
  } else if (zip_name_locate(za, "xl/workbook.xml", 0) >= 0) {
    snprintf(what, what_len, "an Excel workbook (.xlsx); parx reads plans as DOCX, PDF or text");
  } else if (zip_name_locate(za, "ppt/presentation.xml", 0) >= 0) {
    snprintf(what, what_len, "a PowerPoint file (.pptx); parx reads plans as DOCX, PDF or text");
  } else {
    snprintf(what, what_len,
             "a ZIP archive without word/document.xml; unpack it and give its documents");
  }
  if (za) zip_discard(za);
  zip_error_fini(&zerr);
  return f;
}

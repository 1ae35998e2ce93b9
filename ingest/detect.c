/* Format detection from the bytes, never from the file name. */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "docx_internal.h"

/* Bytes of the start that are searched for "%PDF-" (the header may follow junk). */
enum { PDF_HEADER_WINDOW = 1024, BINARY_PROBE = 4096 };

static int starts_with(const unsigned char *b, size_t len, const char *magic, size_t n) {
  return len >= n && !memcmp(b, magic, n);
}

static int has_pdf_header(const unsigned char *b, size_t len) {
  size_t n = len < PDF_HEADER_WINDOW ? len : PDF_HEADER_WINDOW;
  for (size_t i = 0; i + 5 <= n; i++)
    if (!memcmp(b + i, "%PDF-", 5)) return 1;
  return 0;
}

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

static parx_format classify_zip(const unsigned char *b, size_t len, char *what, size_t what_len) {
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

/* An OLE2 (Compound File) container is a legacy .doc, or an encrypted OOXML
 * file: Office keeps a password-protected DOCX as an OLE2 container with a
 * stream named "EncryptedPackage". Its directory entries hold names in
 * UTF-16LE; a scan of the file for that name, bounded, finds the entry
 * without parsing the sector chains (an encrypted plan is a few MB). */
enum { OLE_SCAN_MAX = 64 << 20 };

static int is_encrypted_ooxml(const unsigned char *b, size_t len) {
  static const char name[] = "EncryptedPackage";
  unsigned char u16[2 * (sizeof name - 1)];
  for (size_t i = 0; i < sizeof name - 1; i++)
    u16[2 * i] = (unsigned char)name[i], u16[2 * i + 1] = 0;
  size_t n = len < OLE_SCAN_MAX ? len : OLE_SCAN_MAX;
  for (size_t i = 0; i + sizeof u16 <= n; i++) {
    const unsigned char *p = memchr(b + i, 'E', n - sizeof u16 + 1 - i);
    if (!p) return 0;
    i = (size_t)(p - b);
    if (!memcmp(p, u16, sizeof u16)) return 1;
  }
  return 0;
}

static int looks_binary(const unsigned char *b, size_t len) {
  if (starts_with(b, len, "\xFF\xFE", 2) || starts_with(b, len, "\xFE\xFF", 2))
    return 0; /* UTF-16 text with its byte order mark */
  size_t n = len < BINARY_PROBE ? len : BINARY_PROBE;
  return memchr(b, 0, n) != NULL;
}

parx_format parx_detect_format(const unsigned char *b, size_t len, char *what, size_t what_len) {
  static const struct {
    const char *magic;
    size_t n;
    const char *what;
  } unsupported[] = {
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
       "a legacy Word .doc (OLE2) file; convert it to .docx (e.g. libreoffice --headless "
       "--convert-to docx) and try again"},
      {"{\\rtf", 5, "an RTF document; convert it to .docx and try again"},
      {"\x89PNG", 4, "a PNG image; parx reads text, not images (run OCR first)"},
      {"\xFF\xD8\xFF", 3, "a JPEG image; parx reads text, not images (run OCR first)"},
      {"GIF8", 4, "a GIF image; parx reads text, not images"},
      {"II*\0", 4, "a TIFF image; parx reads text, not images (run OCR first)"},
      {"MM\0*", 4, "a TIFF image; parx reads text, not images (run OCR first)"},
      {"\x1F\x8B", 2, "gzip-compressed data; decompress it first"},
      {"7z\xBC\xAF", 4, "a 7-Zip archive; unpack it first"},
      {"Rar!", 4, "a RAR archive; unpack it first"},
      {"\x7F"
       "ELF",
       4, "an executable program, not a document"},
  };
  if (what_len) what[0] = '\0';
  if (has_pdf_header(b, len)) return PARX_FORMAT_PDF;
  if (starts_with(b, len, "PK\x03\x04", 4) || starts_with(b, len, "PK\x05\x06", 4))
    return classify_zip(b, len, what, what_len);
  if (starts_with(b, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) && is_encrypted_ooxml(b, len)) {
    snprintf(what, what_len, "a password-protected (encrypted) Office document");
    return PARX_FORMAT_ENCRYPTED_DOCX;
  }
  for (size_t i = 0; i < sizeof unsupported / sizeof *unsupported; i++)
    if (starts_with(b, len, unsupported[i].magic, unsupported[i].n)) {
      snprintf(what, what_len, "%s", unsupported[i].what);
      return PARX_FORMAT_UNSUPPORTED;
    }
  if (looks_binary(b, len)) {
    snprintf(what, what_len,
             "binary data (NUL bytes) of an unknown format; parx reads DOCX, PDF "
             "or UTF-8/UTF-16 text");
    return PARX_FORMAT_UNSUPPORTED;
  }
  return PARX_FORMAT_TEXT;
}

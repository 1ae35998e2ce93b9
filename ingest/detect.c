/* Format detection from the bytes, never from the file name. */
#include "ingest.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

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
  } else if (zip_name_locate(za, "word/document.xml", 0) >= 0) {
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

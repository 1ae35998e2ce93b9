/* Format detection from the bytes, never from the file name. */
#include "ingest.h"

#include <stdio.h>
#include <string.h>

#include "docx_module.h"

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
    return parx_classify_zip(b, len, what, what_len);
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

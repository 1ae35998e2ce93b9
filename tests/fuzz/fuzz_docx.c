/* libFuzzer: the DOCX reader on fuzzed XML. The input is
 * document.xml[NUL numbering.xml[NUL styles.xml]], packed here into a valid
 * ZIP: mutating a ZIP's own bytes breaks its checksums, so the reader would
 * rarely get past libzip (fuzz_extract covers damaged archives). The reader's
 * objects are linked in, not loaded as the module, so that libFuzzer sees
 * their coverage from the start. */
#include "docx_module.h"
#include "error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char types[] =
    "<?xml version=\"1.0\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
    "PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static int add_part(zip_t *za, const char *name, const void *bytes, size_t len) {
  zip_source_t *part = zip_source_buffer(za, bytes, len, 0);
  zip_int64_t i = part ? zip_file_add(za, name, part, ZIP_FL_OVERWRITE) : -1;
  if (i < 0) {
    zip_source_free(part);
    return -1;
  }
  return zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* The ZIP of the parts as malloc'd bytes, or NULL. */
static unsigned char *pack(const uint8_t *data, size_t size, size_t *len) {
  static const char *const names[] = {"word/document.xml", "word/numbering.xml", "word/styles.xml"};
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_error_fini(&ze);
  if (!out) return NULL;
  zip_source_keep(out); /* still read once the archive is closed */
  zip_t *za = zip_open_from_source(out, ZIP_TRUNCATE, NULL);
  int ok = za && add_part(za, "[Content_Types].xml", types, strlen(types)) == 0;
  for (size_t k = 0; ok && k < 3 && size; k++) {
    const uint8_t *end = memchr(data, 0, size);
    size_t n = end ? (size_t)(end - data) : size;
    ok = add_part(za, names[k], data, n) == 0;
    data += end ? n + 1 : n, size -= end ? n + 1 : n;
  }
  ok = ok && zip_close(za) == 0;
  if (!ok && za) zip_discard(za);
  zip_stat_t st;
  unsigned char *bytes = NULL;
  if (ok && zip_source_stat(out, &st) == 0 && zip_source_open(out) == 0) {
    bytes = malloc(st.size ? st.size : 1);
    if (bytes && zip_source_read(out, bytes, st.size) != (zip_int64_t)st.size) {
      free(bytes);
      bytes = NULL;
    }
    zip_source_close(out);
    *len = st.size;
  }
  zip_source_free(out);
  return bytes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t len = 0;
  unsigned char *docx = pack(data, size, &len);
  if (!docx) return 0;
  parx_error err = {0};
  parx_doc_free(parx_docx_ingest(docx, len, "fuzz.docx", &err));
  free(docx);
  return 0;
}

/* The SHA-256 of inputs (digest.h). */
#include "digest.h"

void parx_digest_init(parx_digest *d) {
  sha256_init(&d->ctx);
}

void parx_digest_add(parx_digest *d, const void *bytes, size_t n) {
  sha256_update(&d->ctx, n, bytes);
}

void parx_digest_hex(parx_digest *d, char hex[65]) {
  static const char digits[] = "0123456789abcdef";
  unsigned char md[SHA256_DIGEST_SIZE];
  sha256_digest(&d->ctx, sizeof md, md);
  for (size_t i = 0; i < sizeof md; i++) {
    hex[2 * i] = digits[md[i] >> 4];
    hex[2 * i + 1] = digits[md[i] & 15];
  }
  hex[2 * sizeof md] = '\0';
}

void parx_sha256_hex(const void *bytes, size_t n, char hex[65]) {
  parx_digest d;
  parx_digest_init(&d);
  parx_digest_add(&d, bytes, n);
  parx_digest_hex(&d, hex);
}

/* Internal helper shared by the library and batch: the SHA-256 that names an
 * input in its record and finds duplicates (Nettle's, which uses the CPU's
 * SHA instructions where it has them). Ownership: arguments are borrowed. */
#ifndef PARX_COMMON_DIGEST_H
#define PARX_COMMON_DIGEST_H

#include <nettle/sha2.h>
#include <stddef.h>

/* A digest being computed: init, add the bytes in any number of pieces, hex. */
typedef struct parx_digest {
  struct sha256_ctx ctx;
} parx_digest;

void parx_digest_init(parx_digest *d);
void parx_digest_add(parx_digest *d, const void *bytes, size_t n);
/* Ends the digest: 64 lowercase hex digits and a NUL in `hex`. */
void parx_digest_hex(parx_digest *d, char hex[65]);

/* The SHA-256 of n bytes, in hex, at once. */
void parx_sha256_hex(const void *bytes, size_t n, char hex[65]);

#endif

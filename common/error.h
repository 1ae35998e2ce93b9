/* Internal helpers shared by every stage: filling a parx_error. */
#ifndef PARX_COMMON_ERROR_H
#define PARX_COMMON_ERROR_H

#include "parx.h"

#if defined(__GNUC__)
#define PARX_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PARX_PRINTF(a, b)
#endif

/* Sets status and message; a NULL err is allowed. Returns status. */
parx_status parx_error_set(parx_error *err, parx_status status, const char *fmt, ...)
    PARX_PRINTF(3, 4);

#endif

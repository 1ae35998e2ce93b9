#include "error.h"

#include <stdarg.h>
#include <stdio.h>

parx_status parx_error_set(parx_error *err, parx_status status, const char *fmt, ...) {
  if (!err) return status;
  err->status = status;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return status;
}

/* The engine of every command, built the same way. */
#ifndef PARX_CLI_ENGINE_H
#define PARX_CLI_ENGINE_H

#include <stddef.h>

#include "parx.h"

/*
 * Builds the engine from the rule options; prints its load error (and
 * returns NULL) or its warnings (a rule name the program never reads) on
 * standard error, each prefixed with `prog` ("parx", "parx batch").
 */
parx_engine *cli_engine(const char *prog, const char *rules_dir, const char *const *extra,
                        size_t nextra);

#endif

/* The password of encrypted PDFs, from where a user may give it. */
#ifndef PARX_CLI_PASSWORD_H
#define PARX_CLI_PASSWORD_H

/*
 * The password from --password (`given`), else the first line of
 * --password-file (`file`), else the environment's PARX_PASSWORD, else NULL.
 * A password read from the file is malloc'd into *owned (free it after use).
 * Returns 0, or -1 with a message on standard error when the file cannot be
 * read.
 */
int resolve_password(const char *given, const char *file, const char **password, char **owned);

#endif

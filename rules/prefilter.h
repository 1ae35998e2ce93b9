/*
 * Internal to the rules stage: what every match of a pattern must hold, read
 * from the pattern's source when a rule is loaded, so that a text lacking it
 * is passed over without running PCRE2 (issue 12: most blocks hold no '/',
 * '%' or ':', which a rule may need).
 *
 * The reading is conservative: a construct it does not know (a verb, a
 * recursion, a condition, extended mode) gives a pattern with no needs, which
 * every text passes. Ownership: arguments are borrowed for the call.
 */
#ifndef PARX_RULES_PREFILTER_H
#define PARX_RULES_PREFILTER_H

#include <stddef.h>

enum { PARX_NEEDS_MAX = 4, PARX_LITERAL_MAX = 48, PARX_LITERAL_MIN = 4 };

typedef struct parx_needs {
  unsigned char bytes[PARX_NEEDS_MAX]; /* ASCII punctuation each match holds */
  size_t nbytes;
  /* the longest run of literal characters each match holds, when it has at
   * least PARX_LITERAL_MIN bytes (else literal_len is 0), and whether it is
   * matched without case: found with PCRE2 (match.c), which folds case as the
   * pattern does */
  char literal[PARX_LITERAL_MAX];
  size_t literal_len;
  int literal_caseless;
} parx_needs;

/* The needs of a PCRE2 pattern (UTF and UCP on) of len bytes. */
parx_needs parx_needs_of(const char *pattern, size_t len);

/* 0 when the n bytes at s cannot hold a match of a pattern with those needs'
 * bytes (the literal is looked for by match.c); 1 when they may. */
int parx_needs_met(const parx_needs *needs, const char *s, size_t n);

/* How a pattern uses \G, the place a match was asked for. */
typedef enum parx_g_use {
  PARX_G_NONE,  /* not at all: a search from a place finds what one from any later place would */
  PARX_G_LEADS, /* "\G" then a part R with no other \G and no '|' outside a group:
                   searching for R finds the next place where the pattern matches */
  PARX_G_OTHER  /* otherwise, or a construct this reading does not know */
} parx_g_use;
parx_g_use parx_g_use_of(const char *pattern, size_t len);

/*
 * The pattern relaxed: every assertion (lookaround, ^, $, \b, \G …) dropped,
 * atomic groups and possessive quantifiers made plain, and an optional item
 * that opens it left out. It matches in a text wherever the pattern matches
 * in a part of the text taken as a subject of its own (a clause of a
 * sentence), if perhaps from further on, so a text it does not match holds
 * no such part. Malloc'd; NULL when the reading does not know a construct.
 */
char *parx_relaxed_of(const char *pattern, size_t len);

#endif

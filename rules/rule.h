/*
 * Internal to the rules stage: a loaded rule, shared by the loader
 * (rulefile.c) and the matcher (match.c). Rules are immutable once loaded but
 * for their compiled forms, which are made at first use under `jit_lock`.
 */
#ifndef PARX_RULES_RULE_H
#define PARX_RULES_RULE_H

#include <pthread.h>
#include <stdatomic.h>

#include "prefilter.h"
#include "rules.h"

struct parx_rule {
  char *name;
  char *source; /* the pattern as written */
  char *index;  /* for a rule of the index family, the index it names ("PAR INDEX") */
  pcre2_code *code;
  int group_no[GROUP_COUNT]; /* the number of each named group the C reads, -1 if absent */
  parx_needs needs;          /* what a text must hold for the pattern to match in it */
  parx_g_use g_use;
  /* PCRE2's table of the bytes a match can start with (NULL when it keeps
   * none), and whether a match starts only where it is tried (^, \A or \G
   * opens every alternative): a match tried at a byte not in the table fails
   * without a call into PCRE2. */
  const uint8_t *first_bytes;
  int anchored_only;
  /* The pattern compiled to match at one place only (PCRE2_ANCHORED), for
   * "does the rule match here"; for a pattern that opens with \G, what
   * follows it, for "where does the rule match next"; and the literal of its
   * needs alone, for "can the rule match in this text"; and the pattern
   * relaxed (prefilter.h), for "can it match in a part of this text": each
   * made at its first such use. */
  pcre2_code *anchored, *next, *literal, *relaxed;
  /* JIT compilation costs more start-up than most documents' matching with
   * one rule: it happens at the rule's first match, once, under its set's
   * lock. Per use (search, anchored, next, literal, relaxed): 0 not yet,
   * else how match.c runs it. */
  atomic_int ready[5];
  pthread_mutex_t *jit_lock;
};

#endif

/* Loading rule files: their PCRE2 patterns, checked against the catalogue. */
#include "rules.h"
#include "buf.h"
#include "error.h"
#include "rule.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_RULE_FILE = 1 << 20, MAX_RULES = 4096 };

struct parx_rules {
  parx_rule *items;
  size_t n, cap;
  /* resolved once the files are read: the C reaches its rules through these */
  const parx_rule *by_id[RULE_COUNT];
  const parx_rule **indices; /* the index family, in file order */
  size_t nindices;
  /* the family as one pattern, alternative i for indices[i], so that a text
   * is scanned once for all of them; NULL where that cannot be built */
  parx_rule any_index;
  parx_strings warnings;
  pthread_mutex_t jit_lock;
};

static void rule_fini(parx_rule *r) {
  free(r->name);
  free(r->source);
  free(r->index);
  pcre2_code_free(r->code);
  pcre2_code_free(r->anchored);
  pcre2_code_free(r->next);
  pcre2_code_free(r->literal);
  pcre2_code_free(r->relaxed);
}

void parx_rules_free(parx_rules *rules) {
  if (!rules) return;
  for (size_t i = 0; i < rules->n; i++)
    rule_fini(&rules->items[i]);
  free(rules->items);
  free(rules->indices);
  rule_fini(&rules->any_index);
  parx_strings_clear(&rules->warnings);
  pthread_mutex_destroy(&rules->jit_lock);
  free(rules);
}

static parx_rule *slot_for(parx_rules *rules, const char *name, size_t name_len) {
  for (size_t i = 0; i < rules->n; i++)
    if (strlen(rules->items[i].name) == name_len && !memcmp(rules->items[i].name, name, name_len)) {
      rule_fini(&rules->items[i]);
      return &rules->items[i];
    }
  if (rules->n == rules->cap) {
    size_t cap = rules->cap ? rules->cap * 2 : 64;
    parx_rule *p = realloc(rules->items, cap * sizeof *p);
    if (!p) return NULL;
    rules->items = p;
    rules->cap = cap;
  }
  return &rules->items[rules->n++];
}

static int in_index_family(const char *name, size_t name_len) {
  size_t l = sizeof PARX_INDEX_FAMILY - 1;
  return name_len > l && !memcmp(name, PARX_INDEX_FAMILY, l);
}

/*
 * Checks a rule's name against the catalogue: a rule the C reads must have
 * every group the C reads from it; a name the C never asks for is a warning,
 * since the rule would silently do nothing (a misspelt override, say).
 */
static int check_rule(parx_rules *rules, const char *path, int lineno, const char *name,
                      size_t name_len, const pcre2_code *code, parx_error *err) {
  int id = parx_rule_id_named(name, name_len);
  if (id < 0) {
    if (in_index_family(name, name_len)) return PARX_OK;
    char msg[512];
    snprintf(msg, sizeof msg,
             "%s:%d: unknown rule %.*s: parx reads no rule of that name, so it is never used", path,
             lineno, (int)name_len, name);
    if (parx_strings_add(&rules->warnings, msg, strlen(msg)))
      return parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", path);
    return PARX_OK;
  }
  unsigned need = parx_rule_id_groups((parx_rule_id)id);
  for (int g = 0; g < GROUP_COUNT; g++)
    if ((need & (1u << g)) &&
        pcre2_substring_number_from_name(code, (PCRE2_SPTR)parx_group_name((parx_group)g)) < 0)
      return parx_error_set(err, PARX_ERR_RULE,
                            "%s:%d: rule %.*s has no group (?<%s>...), which parx reads from it",
                            path, lineno, (int)name_len, name, parx_group_name((parx_group)g));
  return PARX_OK;
}

/* Reads from a rule's compiled pattern where its matches can start. */
static void describe_start(parx_rule *r) {
  uint32_t options = 0;
  r->first_bytes = NULL;
  pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTBITMAP, &r->first_bytes);
  pcre2_pattern_info(r->code, PCRE2_INFO_ALLOPTIONS, &options);
  r->anchored_only = (options & PCRE2_ANCHORED) != 0;
}

/* Fills in what matching needs: group numbers, where a match can start and,
 * for an index, its name. */
static int describe_rule(parx_rule *r) {
  describe_start(r);
  for (int g = 0; g < GROUP_COUNT; g++) {
    int no = pcre2_substring_number_from_name(r->code, (PCRE2_SPTR)parx_group_name((parx_group)g));
    r->group_no[g] = no > 0 ? no : -1;
  }
  r->index = NULL;
  if (!in_index_family(r->name, strlen(r->name))) return 0;
  /* "index.PAR_INDEX" names "PAR INDEX" */
  r->index = strdup(r->name + sizeof PARX_INDEX_FAMILY - 1);
  if (!r->index) return -1;
  for (char *p = r->index; *p; p++)
    if (*p == '_') *p = ' ';
  return 0;
}

static int add_rule(parx_rules *rules, const char *path, int lineno, const char *name,
                    size_t name_len, const char *pattern, size_t pattern_len, parx_error *err) {
  int errcode;
  PCRE2_SIZE erroffset;
  pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, pattern_len, PCRE2_UTF | PCRE2_UCP,
                                   &errcode, &erroffset, NULL);
  if (!code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(errcode, msg, sizeof msg);
    return parx_error_set(err, PARX_ERR_RULE, "%s:%d: rule %.*s: %s (at pattern offset %zu)", path,
                          lineno, (int)name_len, name, (char *)msg, (size_t)erroffset);
  }
  int rc = check_rule(rules, path, lineno, name, name_len, code, err);
  if (rc) {
    pcre2_code_free(code);
    return rc;
  }
  if (rules->n >= MAX_RULES) {
    pcre2_code_free(code);
    return parx_error_set(err, PARX_ERR_RULE, "%s:%d: more than %d rules", path, lineno, MAX_RULES);
  }
  parx_rule *slot = slot_for(rules, name, name_len);
  char *copy = strndup(name, name_len), *source = strndup(pattern, pattern_len);
  if (!slot || !copy || !source) {
    free(copy);
    free(source);
    pcre2_code_free(code);
    if (slot)
      memset(slot, 0, sizeof *slot); /* the set is freed next: leave nothing to free twice */
    return parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", path);
  }
  slot->name = copy;
  slot->source = source;
  slot->code = code;
  slot->anchored = slot->next = slot->literal = slot->relaxed = NULL;
  slot->needs = parx_needs_of(pattern, pattern_len);
  slot->g_use = parx_g_use_of(pattern, pattern_len);
  for (int use = 0; use < 5; use++)
    atomic_init(&slot->ready[use], 0);
  slot->jit_lock = &rules->jit_lock;
  if (describe_rule(slot)) return parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", path);
  return PARX_OK;
}

static int is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

static int parse_rules(parx_rules *rules, const char *path, const char *text, size_t len,
                       parx_error *err) {
  int lineno = 0;
  for (size_t pos = 0; pos < len;) {
    const char *line = text + pos;
    const char *nl = memchr(line, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - line) : len - pos;
    pos += n + 1;
    lineno++;
    while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
      n--;
    size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
      i++;
    if (i == n || line[i] == '#') continue;
    size_t name_start = i;
    while (i < n && is_name_char(line[i]))
      i++;
    size_t name_len = i - name_start;
    if (!name_len || i == n || (line[i] != ' ' && line[i] != '\t'))
      return parx_error_set(err, PARX_ERR_RULE,
                            "%s:%d: expected `name  pattern` (a name of letters, digits, '_' "
                            "and '.', white space, then the PCRE2 pattern)",
                            path, lineno);
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
      i++;
    if (i == n)
      return parx_error_set(err, PARX_ERR_RULE, "%s:%d: rule %.*s has no pattern", path, lineno,
                            (int)name_len, line + name_start);
    if (add_rule(rules, path, lineno, line + name_start, name_len, line + i, n - i, err))
      return err ? err->status : PARX_ERR_RULE;
  }
  return PARX_OK;
}

/* Reads the rest of f into text, which grows with what is read rather than
 * being as large as the biggest rule file allowed; stops past that size. */
static void read_whole(FILE *f, parx_buf *text) {
  char chunk[16384];
  size_t n;
  while (text->len <= MAX_RULE_FILE && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
    parx_buf_add(text, chunk, n);
}

static int load_file(parx_rules *rules, const char *path, parx_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return parx_error_set(err, PARX_ERR_IO, "%s: cannot read rule file: %s", path, strerror(errno));
  parx_buf text = {0};
  read_whole(f, &text);
  fclose(f);
  int rc;
  if (text.failed)
    rc = parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory", path);
  else if (text.len > MAX_RULE_FILE)
    rc = parx_error_set(err, PARX_ERR_LIMIT, "%s: rule file larger than %d bytes", path,
                        MAX_RULE_FILE);
  else
    rc = parse_rules(rules, path, text.s ? text.s : "", text.len, err);
  parx_buf_free(&text);
  return rc;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(parx_rules *rules, const char *dir, parx_error *err) {
  DIR *d = opendir(dir);
  if (!d)
    return parx_error_set(err, PARX_ERR_IO, "%s: cannot open rule directory: %s", dir,
                          strerror(errno));
  char *names[256];
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 256) {
    size_t l = strlen(e->d_name);
    if (l > 6 && !strcmp(e->d_name + l - 6, ".rules")) names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  int rc = PARX_OK;
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (!rc && names[i]) rc = load_file(rules, path, err);
    free(names[i]);
  }
  if (!rc && !n) rc = parx_error_set(err, PARX_ERR_RULE, "%s: no *.rules files", dir);
  return rc;
}

/*
 * Builds "(A)|(B)|…" from the index family. Where a member has groups of its
 * own the alternatives could not be told apart, and where the whole does not
 * compile (a verb such as (*UTF) that must open a pattern) it is not built:
 * the members are then tried one by one. -1 when out of memory.
 */
static int combine_indices(parx_rules *rules) {
  parx_buf pattern = {0};
  for (size_t i = 0; i < rules->nindices; i++) {
    uint32_t groups = 1;
    pcre2_pattern_info(rules->indices[i]->code, PCRE2_INFO_CAPTURECOUNT, &groups);
    if (groups) {
      parx_buf_free(&pattern);
      return 0;
    }
    parx_buf_adds(&pattern, i ? "|(" : "(");
    parx_buf_adds(&pattern, rules->indices[i]->source);
    parx_buf_adds(&pattern, ")");
  }
  if (pattern.failed) {
    parx_buf_free(&pattern);
    return -1;
  }
  int errcode;
  PCRE2_SIZE erroffset;
  parx_rule *any = &rules->any_index;
  if (pattern.s && rules->nindices + 1 <= PARX_MATCH_SPANS)
    any->code = pcre2_compile((PCRE2_SPTR)pattern.s, pattern.len, PCRE2_UTF | PCRE2_UCP, &errcode,
                              &erroffset, NULL);
  if (any->code) {
    any->needs = parx_needs_of(pattern.s, pattern.len);
    any->g_use = parx_g_use_of(pattern.s, pattern.len);
    describe_start(any);
  }
  any->source = pattern.s; /* the set's now */
  any->jit_lock = &rules->jit_lock;
  return 0;
}

/* Points every id of the catalogue at its rule, and lists the index family. */
static int resolve(parx_rules *rules, const char *dir, parx_error *err) {
  for (size_t i = 0; i < rules->n; i++) {
    const parx_rule *r = &rules->items[i];
    int id = parx_rule_id_named(r->name, strlen(r->name));
    if (id >= 0) rules->by_id[id] = r;
  }
  for (int id = 0; id < RULE_COUNT; id++)
    if (!rules->by_id[id])
      return parx_error_set(err, PARX_ERR_RULE, "%s: rule %s is missing: parx reads it", dir,
                            parx_rule_id_name((parx_rule_id)id));
  rules->indices = calloc(rules->n, sizeof *rules->indices);
  if (!rules->indices) return parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < rules->n; i++)
    if (rules->items[i].index) rules->indices[rules->nindices++] = &rules->items[i];
  return combine_indices(rules) ? parx_error_set(err, PARX_ERR_NOMEM, "out of memory") : PARX_OK;
}

parx_rules *parx_rules_load(const char *dir, const char *const *extra, size_t nextra,
                            parx_error *err) {
  parx_rules *rules = calloc(1, sizeof *rules);
  if (!rules || pthread_mutex_init(&rules->jit_lock, NULL)) {
    free(rules);
    parx_error_set(err, PARX_ERR_NOMEM, "out of memory");
    return NULL;
  }
  int rc = load_dir(rules, dir, err);
  for (size_t i = 0; !rc && i < nextra; i++)
    rc = load_file(rules, extra[i], err);
  if (!rc) rc = resolve(rules, dir, err);
  if (rc) {
    parx_rules_free(rules);
    return NULL;
  }
  return rules;
}

const parx_rule *parx_rules_get(const parx_rules *rules, parx_rule_id id) {
  return rules->by_id[id];
}

const parx_rule *parx_rules_find(const parx_rules *rules, const char *name) {
  for (size_t i = 0; i < rules->n; i++)
    if (!strcmp(rules->items[i].name, name)) return &rules->items[i];
  return NULL;
}

size_t parx_rules_count(const parx_rules *rules) {
  return rules->n;
}

const parx_rule *parx_rules_index(const parx_rules *rules, size_t i) {
  return i < rules->nindices ? rules->indices[i] : NULL;
}

/* The index rule matching first in s, or (`at_start`) matching at its start. */
static const parx_rule *index_in(const parx_rules *rules, parx_matcher *mr, const char *s,
                                 size_t len, int at_start, parx_match *m) {
  int (*match)(parx_matcher *, const parx_rule *, const char *, size_t, size_t, parx_match *) =
      at_start ? parx_rule_match_at : parx_rule_match;
  const parx_rule *best = NULL;
  if (rules->any_index.code) {
    parx_match any;
    if (!match(mr, &rules->any_index, s, len, 0, &any)) return NULL;
    for (size_t i = 0; i < rules->nindices && !best; i++)
      if (i + 1 < any.nspans && any.spans[i + 1][0] != PCRE2_UNSET) best = rules->indices[i];
    *m = any;
    m->rule = best;
    m->nspans = 1; /* the whole match: the rule has no groups of its own */
    return best;
  }
  parx_match one;
  for (size_t i = 0; i < rules->nindices; i++)
    if (match(mr, rules->indices[i], s, len, 0, &one) && (!best || one.start < m->start)) {
      best = rules->indices[i];
      *m = one;
    }
  return best;
}

const parx_rule *parx_rules_first_index(const parx_rules *rules, parx_matcher *mr, const char *s,
                                        size_t len, parx_match *m) {
  return index_in(rules, mr, s, len, 0, m);
}

const parx_rule *parx_rules_index_at_start(const parx_rules *rules, parx_matcher *mr, const char *s,
                                           size_t len, parx_match *m) {
  return index_in(rules, mr, s, len, 1, m);
}

const parx_strings *parx_rules_warnings(const parx_rules *rules) {
  return &rules->warnings;
}

const char *parx_rule_name(const parx_rule *rule) {
  return rule->name;
}

const char *parx_rule_index(const parx_rule *rule) {
  return rule->index;
}

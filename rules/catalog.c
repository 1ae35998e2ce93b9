/* The names of the catalogue's rules and groups (catalog.h). */
#include "catalog.h"

#include <string.h>

static const char *const rule_names[RULE_COUNT] = {
#define PARX_RULE_NAME(id, name, groups) name,
    PARX_RULES(PARX_RULE_NAME)
#undef PARX_RULE_NAME
};

static const unsigned rule_groups[RULE_COUNT] = {
#define PARX_RULE_GROUPS(id, name, groups) groups,
    PARX_RULES(PARX_RULE_GROUPS)
#undef PARX_RULE_GROUPS
};

static const char *const group_names[GROUP_COUNT] = {
#define PARX_GROUP_NAME(id, name) name,
    PARX_GROUPS(PARX_GROUP_NAME)
#undef PARX_GROUP_NAME
};

const char *parx_rule_id_name(parx_rule_id id) {
  return rule_names[id];
}

unsigned parx_rule_id_groups(parx_rule_id id) {
  return rule_groups[id];
}

int parx_rule_id_named(const char *name, size_t len) {
  for (int r = 0; r < RULE_COUNT; r++)
    if (strlen(rule_names[r]) == len && !memcmp(rule_names[r], name, len)) return r;
  return -1;
}

const char *parx_group_name(parx_group g) {
  return group_names[g];
}

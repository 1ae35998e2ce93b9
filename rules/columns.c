/* The roles of a table's columns, named by their header words (assembly.h). */
#include "assembly.h"

#include <string.h>

/* Header rules in the order they are tried: the first that matches wins. */
static const struct {
  parx_rule_id rule;
  column_role role;
} role_rules[] = {{RULE_COLUMN_CODE, COL_CODE},         {RULE_COLUMN_SUPPORT, COL_SUPPORT},
                  {RULE_COLUMN_DEADLINE, COL_DEADLINE}, {RULE_COLUMN_LEAD, COL_LEAD},
                  {RULE_COLUMN_LOST, COL_LOST},         {RULE_COLUMN_REASON, COL_REASON},
                  {RULE_COLUMN_MAX, COL_MAX},           {RULE_COLUMN_TARGET, COL_TARGET},
                  {RULE_COLUMN_SCORE, COL_SCORE},       {RULE_COLUMN_OUTPUT, COL_OUTPUT},
                  {RULE_COLUMN_TASK, COL_TASK},         {RULE_COLUMN_CRITERION, COL_CRITERION}};

column_role column_role_of(ctx *c, const char *t, int *year) {
  parx_match match;
  size_t n = strlen(t);
  for (size_t k = 0; k < sizeof role_rules / sizeof *role_rules; k++)
    if (match_rule(c, role_rules[k].rule, t, n, 0, &match)) {
      double y;
      if (group_number(&match, GROUP_YEAR, &y) || group_number(&match, GROUP_YEAR2, &y))
        *year = (int)y;
      else if (match_rule(c, RULE_HEADER_YEAR, t, n, 0, &match) &&
               group_number(&match, GROUP_YEAR, &y))
        *year = (int)y;
      return role_rules[k].role;
    }
  return COL_NONE;
}

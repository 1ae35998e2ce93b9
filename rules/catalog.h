/*
 * The contract between the rule files and the C: every rule the C reads, by
 * name, with the named groups it reads from that rule's matches. Like cmark's
 * scanners.h, one named entry per pattern: the C reaches a rule through its
 * RULE_ id, resolved once when the rules are loaded, and a rule or a group
 * missing from the files is a load error rather than a rule that silently
 * never matches. Part of the rules stage's interface (rules.h includes it).
 *
 * Adding a rule the C reads: a line here and a line in a .rules file.
 * Rules of the open family `index.` are not listed: each names an index, and
 * a user's file may add more (index.ICT_INDEX).
 */
#ifndef PARX_RULES_CATALOG_H
#define PARX_RULES_CATALOG_H

#include <stddef.h>

/* The named groups the C reads, X(ID, "name"). */
#define PARX_GROUPS(X)                                                                             \
  X(CODE, "code")                                                                                  \
  X(TITLE, "title")                                                                                \
  X(SCORE, "score")                                                                                \
  X(MAX, "max")                                                                                    \
  X(LOST, "lost")                                                                                  \
  X(REASON, "reason")                                                                              \
  X(RANK, "rank")                                                                                  \
  X(OF, "of")                                                                                      \
  X(PERCENT, "percent")                                                                            \
  X(YEAR, "year")                                                                                  \
  X(YEAR2, "year2")                                                                                \
  X(DAY, "day")                                                                                    \
  X(MONTH, "month")                                                                                \
  X(PLACE, "place")                                                                                \
  X(NUMBER, "number")                                                                              \
  X(KIND, "kind")                                                                                  \
  X(NAMES, "names")                                                                                \
  X(UNIT, "unit")                                                                                  \
  X(RATING, "rating")                                                                              \
  X(WORD, "word")                                                                                  \
  X(RECURRING, "recurring")                                                                        \
  X(RELATIVE, "relative")                                                                          \
  X(BY, "by")                                                                                      \
  X(THIS_YEAR, "this_year")

typedef enum parx_group {
#define PARX_GROUP_ENUM(id, name) GROUP_##id,
  PARX_GROUPS(PARX_GROUP_ENUM)
#undef PARX_GROUP_ENUM
      GROUP_COUNT
} parx_group;

/* A set of groups, for the table below. */
#define GROUP_BIT(id) (1u << GROUP_##id)

/* The rules the C reads, X(ID, "name", groups it requires). */
#define PARX_RULES(X)                                                                              \
  X(CODE_LABEL, "code.label", GROUP_BIT(CODE))                                                     \
  X(CODE_CELL, "code.cell", GROUP_BIT(CODE))                                                       \
  X(CODE_LIST_NEXT, "code.list_next", GROUP_BIT(CODE))                                             \
  X(CODE_NAME_LEAD, "code.name_lead", GROUP_BIT(CODE))                                             \
  X(CODE_POINTS_LINE, "code.points_line", GROUP_BIT(CODE) | GROUP_BIT(TITLE) | GROUP_BIT(MAX))     \
  X(CODE_POINTS_TAIL, "code.points_tail", GROUP_BIT(MAX))                                          \
  X(CODE_PAREN_POINTS, "code.paren_points", GROUP_BIT(MAX))                                        \
  X(CODE_INLINE_POINTS, "code.inline_points", GROUP_BIT(TITLE) | GROUP_BIT(MAX))                   \
  X(CODE_TITLE_END, "code.title_end", 0)                                                           \
  X(CODE_FIELD_WORDS, "code.field_words", 0)                                                       \
  X(SCORE_FRACTION, "score.fraction", GROUP_BIT(SCORE) | GROUP_BIT(MAX))                           \
  X(SCORE_NOT_ASSESSED, "score.not_assessed", 0)                                                   \
  X(SCORE_TARGET, "score.target", 0)                                                               \
  X(SCORE_SINGLE, "score.single", GROUP_BIT(SCORE))                                                \
  X(SCORE_TITLE_CUE, "score.title_cue", 0)                                                         \
  X(SCORE_TAIL, "score.tail", 0)                                                                   \
  X(DEDUCTION_POINTS, "deduction.points", GROUP_BIT(LOST) | GROUP_BIT(CODE))                       \
  X(DEDUCTION_MORE, "deduction.more", GROUP_BIT(LOST) | GROUP_BIT(CODE))                           \
  X(DEDUCTION_LOCUS, "deduction.locus", 0)                                                         \
  X(REASON_CUE, "reason.cue", GROUP_BIT(REASON))                                                   \
  X(REASON_CAUSE, "reason.cause", 0)                                                               \
  X(REASON_JOINER, "reason.joiner", 0)                                                             \
  X(RESULT_TOTAL, "result.total", GROUP_BIT(SCORE) | GROUP_BIT(MAX))                               \
  X(RESULT_SCORE_ONLY, "result.score_only", GROUP_BIT(SCORE))                                      \
  X(RESULT_RANK_ONLY, "result.rank_only", GROUP_BIT(RANK))                                         \
  X(RESULT_PERCENT, "result.percent", GROUP_BIT(PERCENT))                                          \
  X(RESULT_RANK, "result.rank", GROUP_BIT(RANK) | GROUP_BIT(OF))                                   \
  X(RESULT_TOTAL_CUE, "result.total_cue", 0)                                                       \
  X(RESULT_TOTAL_ROW, "result.total_row", 0)                                                       \
  X(RESULT_YEAR, "result.year", GROUP_BIT(YEAR))                                                   \
  X(RESULT_CUE, "result.cue", 0)                                                                   \
  X(RESULT_RANK_WORD, "result.rank_word", GROUP_BIT(WORD))                                         \
  X(RESULT_RANK_FIRST, "result.rank_first", 0)                                                     \
  X(RESULT_RATING, "result.rating", GROUP_BIT(RATING))                                             \
  X(RESULT_NOT_RESULT, "result.not_result", 0)                                                     \
  X(RESULT_UNIT, "result.unit", GROUP_BIT(UNIT))                                                   \
  X(RESULT_PROVINCE, "result.province", GROUP_BIT(UNIT))                                           \
  X(RESULT_UNIT_PERCENT, "result.unit_percent", GROUP_BIT(PERCENT))                                \
  X(RESULT_COMPARED, "result.compared", GROUP_BIT(YEAR))                                           \
  X(RESULT_CLAUSE_JOIN, "result.clause_join", 0)                                                   \
  X(RESULT_TABLE_INDEX, "result.table_index", 0)                                                   \
  X(RESULT_GROUP_ROW, "result.group_row", 0)                                                       \
  X(RESULT_RESPECTIVELY, "result.respectively", 0)                                                 \
  X(RESULT_YEAR_NEXT, "result.year_next", GROUP_BIT(YEAR))                                         \
  X(RESULT_VALUE, "result.value", GROUP_BIT(SCORE) | GROUP_BIT(MAX) | GROUP_BIT(PERCENT))          \
  X(ORDINAL_1, "ordinal.1", 0)                                                                     \
  X(ORDINAL_2, "ordinal.2", 0)                                                                     \
  X(ORDINAL_3, "ordinal.3", 0)                                                                     \
  X(ORDINAL_4, "ordinal.4", 0)                                                                     \
  X(ORDINAL_5, "ordinal.5", 0)                                                                     \
  X(ORDINAL_6, "ordinal.6", 0)                                                                     \
  X(ORDINAL_7, "ordinal.7", 0)                                                                     \
  X(ORDINAL_8, "ordinal.8", 0)                                                                     \
  X(ORDINAL_9, "ordinal.9", 0)                                                                     \
  X(ORDINAL_10, "ordinal.10", 0)                                                                   \
  X(COLUMN_UNIT, "column.unit", 0)                                                                 \
  X(COLUMN_RESULT_SCORE, "column.result_score", 0)                                                 \
  X(COLUMN_PERCENT, "column.percent", 0)                                                           \
  X(COLUMN_RANK, "column.rank", 0)                                                                 \
  X(COLUMN_RATING, "column.rating", 0)                                                             \
  X(AGENCY_KIND, "agency.kind", 0)                                                                 \
  X(AGENCY_HEAD, "agency.head", 0)                                                                 \
  X(AGENCY_LIST, "agency.list", GROUP_BIT(KIND) | GROUP_BIT(NAMES))                                \
  X(AGENCY_RUN_ON, "agency.run_on", 0)                                                             \
  X(AGENCY_SUPPORT, "agency.support", 0)                                                           \
  X(AGENCY_NAME, "agency.name", 0)                                                                 \
  X(AGENCY_VERB, "agency.verb", 0)                                                                 \
  X(AGENCY_NOT_TASK, "agency.not_task", 0)                                                         \
  X(AGENCY_COLLECTIVE_TAIL, "agency.collective_tail", 0)                                           \
  X(AGENCY_ASSIGN, "agency.assign", 0)                                                             \
  X(AGENCY_JOINED, "agency.joined", 0)                                                             \
  X(AGENCY_LEAD_IN, "agency.lead_in", 0)                                                           \
  X(AGENCY_AND, "agency.and", 0)                                                                   \
  X(AGENCY_SUPPORT_END, "agency.support_end", 0)                                                   \
  X(AGENCY_PASSIVE, "agency.passive", 0)                                                           \
  X(AGENCY_COLLECTIVE, "agency.collective", 0)                                                     \
  X(COLUMN_CODE, "column.code", 0)                                                                 \
  X(COLUMN_TASK, "column.task", 0)                                                                 \
  X(COLUMN_CRITERION, "column.criterion", 0)                                                       \
  X(COLUMN_MAX, "column.max", 0)                                                                   \
  X(COLUMN_LOST, "column.lost", 0)                                                                 \
  X(COLUMN_REASON, "column.reason", 0)                                                             \
  X(COLUMN_SCORE, "column.score", GROUP_BIT(YEAR) | GROUP_BIT(YEAR2))                              \
  X(COLUMN_TARGET, "column.target", 0)                                                             \
  X(COLUMN_LEAD, "column.lead", 0)                                                                 \
  X(COLUMN_SUPPORT, "column.support", 0)                                                           \
  X(COLUMN_LEAD_LABEL, "column.lead_label", 0)                                                     \
  X(COLUMN_SUPPORT_IN_LEAD, "column.support_in_lead", 0)                                           \
  X(COLUMN_LEAD_ROLE, "column.lead_role", 0)                                                       \
  X(COLUMN_SUPPORT_ROLE, "column.support_role", 0)                                                 \
  X(COLUMN_OUTPUT, "column.output", 0)                                                             \
  X(COLUMN_DEADLINE, "column.deadline", 0)                                                         \
  X(TASK_SKIP_SECTION, "task.skip_section", 0)                                                     \
  X(TASK_NOT_TASK, "task.not_task", 0)                                                             \
  X(TASK_CAPTION, "task.caption", 0)                                                               \
  X(TASK_CLOSING, "task.closing", 0)                                                               \
  X(TASK_CLOSING_MARK, "task.closing_mark", 0)                                                     \
  X(TASK_HEADING_LEAD, "task.heading_lead", 0)                                                     \
  X(TASK_HEADING_LIST, "task.heading_list", GROUP_BIT(NAMES))                                      \
  X(TASK_STOP, "task.stop", 0)                                                                     \
  X(TASK_RESUME, "task.resume", 0)                                                                 \
  X(TASK_LETTERHEAD, "task.letterhead", 0)                                                         \
  X(TASK_REPORTED, "task.reported", 0)                                                             \
  X(DEADLINE_TIME, "deadline.time",                                                                \
    GROUP_BIT(RECURRING) | GROUP_BIT(RELATIVE) | GROUP_BIT(BY) | GROUP_BIT(THIS_YEAR))             \
  X(DEADLINE_NEXT_YEAR, "deadline.next_year", 0)                                                   \
  X(DEADLINE_PAST, "deadline.past", 0)                                                             \
  X(DEADLINE_STRONG_CUE, "deadline.strong_cue", 0)                                                 \
  X(DEADLINE_OPENER, "deadline.opener", 0)                                                         \
  X(HEADER_NUMBER, "header.number", GROUP_BIT(NUMBER))                                             \
  X(HEADER_PLACE_DATE, "header.place_date",                                                        \
    GROUP_BIT(PLACE) | GROUP_BIT(DAY) | GROUP_BIT(MONTH) | GROUP_BIT(YEAR))                        \
  X(HEADER_PLACE_ONLY, "header.place_only", GROUP_BIT(PLACE))                                      \
  X(HEADER_DOC_TYPE, "header.doc_type", 0)                                                         \
  X(HEADER_TITLE_PLACE, "header.title_place", GROUP_BIT(PLACE))                                    \
  X(HEADER_YEAR, "header.year", GROUP_BIT(YEAR))                                                   \
  X(SECTION_RESULTS, "section.results", 0)                                                         \
  X(SECTION_ARTICLE, "section.article", 0)

typedef enum parx_rule_id {
#define PARX_RULE_ENUM(id, name, groups) RULE_##id,
  PARX_RULES(PARX_RULE_ENUM)
#undef PARX_RULE_ENUM
      RULE_COUNT
} parx_rule_id;

/* The open family whose members each name an index: "index.PAR_INDEX". */
#define PARX_INDEX_FAMILY "index."

/* The name of a rule of the catalogue, and the set of groups it must have. */
const char *parx_rule_id_name(parx_rule_id id);
unsigned parx_rule_id_groups(parx_rule_id id);
/* The rule of that name (len bytes), or -1 when the C reads no rule of that name. */
int parx_rule_id_named(const char *name, size_t len);
const char *parx_group_name(parx_group g);

#endif

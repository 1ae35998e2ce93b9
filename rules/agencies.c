/* Agencies: splitting a list of names, the subject of a sentence, supporters. */
#include "assembly.h"
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

/* Longest agency list taken from one cell or clause. */
enum { MAX_AGENCY_TEXT = 600 };

/* Words a subject's name may run past its shape before a known verb: the
 * lower-case tail of "Giao thông vận tải", "Phục vụ hành chính công tỉnh". */
enum { NAME_SLACK = 4 };

/* True when the list already names this agency, however it is cased or accented. */
static int listed(const parx_strings *list, const char *name) {
  if (!list->n) return 0; /* most lists: no key to make */
  char *key = parx_key(name, strlen(name));
  int found = 0;
  for (size_t i = 0; key && !found && i < list->n; i++) {
    char *other = parx_key(list->items[i], strlen(list->items[i]));
    found = other && !strcmp(key, other);
    free(other);
  }
  free(key);
  return found;
}

static void add_agency(ctx *c, const char *s, size_t n, parx_strings *out) {
  parx_match match;
  while (n && (*s == ' ' || *s == ',' || *s == ';' || *s == '-' || *s == '+'))
    s++, n--;
  while (n && strchr(" ,;:.", s[n - 1]))
    n--;
  /* a note after the name, "(Sản phẩm 2)", is not part of it */
  if (n && s[n - 1] == ')') {
    const char *open = NULL;
    for (const char *p = s; p < s + n; p++)
      if (*p == '(') open = p;
    if (open && open > s) n = (size_t)(open - s);
    while (n && strchr(" ,;:.", s[n - 1]))
      n--;
  }
  /* a head stands for the agency: "Giám đốc Sở Nội vụ" is "Sở Nội vụ" */
  int headed = match_rule(c, RULE_AGENCY_HEAD, s, n, 0, &match);
  if (headed) {
    s += match.end;
    n -= match.end;
  }
  if (n < 2) return;
  char *name = strndup(s, n);
  if (!name) {
    c->failed = 1;
    return;
  }
  /* "Thủ trưởng các sở, ban, ngành" stands for "Các sở, ban, ngành" */
  if (headed && match_rule(c, RULE_AGENCY_COLLECTIVE, name, n, 0, &match) && name[0] >= 'a' &&
      name[0] <= 'z')
    name[0] = (char)(name[0] - 'a' + 'A');
  if (!listed(out, name) && parx_strings_add(out, name, n)) c->failed = 1;
  free(name);
}

/* True when an agency's name starts at s, not a word going on a collective name. */
static int agency_starts(ctx *c, const char *s, size_t n) {
  parx_match match;
  /* list items inside a cell: "Thanh tra huyện, - Phòng Nội vụ" */
  while (n && (*s == ' ' || *s == '-' || *s == '+'))
    s++, n--;
  if (match_rule(c, RULE_AGENCY_COLLECTIVE_TAIL, s, n, 0, &match)) return 0;
  return match_rule_at(c, RULE_AGENCY_KIND, s, n, 0, &match);
}

/*
 * "Các Sở: Nội vụ, Tư pháp" gives "Sở Nội vụ", "Sở Tư pháp". Names of one
 * kind hold " và " themselves ("Thông tin và Truyền thông"): the list ends
 * only at a " và " before another agency ("… và các cơ quan liên quan").
 */
static int split_kind_list(ctx *c, const char *s, size_t n, parx_strings *out) {
  parx_match match;
  if (!match_rule(c, RULE_AGENCY_LIST, s, n, 0, &match)) return 0;
  size_t ks, ke, ns, ne;
  if (!group(&match, GROUP_KIND, &ks, &ke) || !group(&match, GROUP_NAMES, &ns, &ne)) return 0;
  size_t rest = ne, rest_end = ne;
  for (size_t j = ns; match_rule(c, RULE_AGENCY_AND, s, ne, j, &match); j = match.start + 1)
    if (agency_starts(c, s + match.end, ne - match.end)) {
      rest = match.start;
      rest_end = match.end;
      break;
    }
  char buf[MAX_AGENCY_TEXT + 64];
  for (size_t i = ns; i < rest;) {
    size_t j = i;
    while (j < rest && s[j] != ',' && s[j] != ';')
      j++;
    size_t piece = j - i;
    while (piece && s[i] == ' ')
      i++, piece--;
    if (piece && agency_starts(c, s + i, piece)) {
      /* "Các Sở: Xây dựng, Ban Dân tộc tỉnh, Sở Y tế": a member that names its
       * own kind of body keeps its name */
      add_agency(c, s + i, piece, out);
    } else if (piece && piece + (ke - ks) + 1 < sizeof buf) {
      memcpy(buf, s + ks, ke - ks);
      buf[ke - ks] = ' ';
      memcpy(buf + ke - ks + 1, s + i, piece);
      buf[ke - ks + 1 + piece] = '\0';
      add_agency(c, buf, ke - ks + 1 + piece, out);
    }
    i = j + 1;
  }
  if (rest < ne) agencies_split(c, s + rest_end, ne - rest_end, out);
  return 1;
}

/* A cheap test before the rule: every kind of body starts with one of these
 * capitals (S, P, B, T, C, V, K, Đ). */
static int may_open_kind(const char *s, size_t n) {
  return n > 1 &&
         (strchr("SPBTCVK", s[0]) || ((unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x90));
}

/* True when the first n of the len bytes at s are only a head's title ("Giám đốc "): the
 * agency's name follows it and must not be split from it. */
static int only_head(ctx *c, const char *s, size_t len, size_t n) {
  parx_match match;
  return match_rule(c, RULE_AGENCY_HEAD, s, len, 0, &match) && match.end == n;
}

/* "Văn phòng HĐND và UBND huyện" is one office whose name holds the " và " at
 * bytes [at, end). */
static int joined_name_at(ctx *c, const char *s, size_t n, size_t start, size_t at, size_t end) {
  parx_match match;
  size_t from = at > start + 40 ? at - 40 : start;
  return match_rule(c, RULE_AGENCY_JOINED, s, n, from, &match) && match.start < at &&
         match.end > end;
}

void agencies_split(ctx *c, const char *s, size_t n, parx_strings *out) {
  parx_match match;
  if (n > MAX_AGENCY_TEXT) n = MAX_AGENCY_TEXT;
  if (split_kind_list(c, s, n, out)) return;
  size_t start = 0;
  /* the next " và " at or after i, searched again only once i passes it */
  size_t and_at = 0, and_end = 0;
  int and_searched = 0;
  for (size_t i = 0; i < n; i++) {
    if (!and_searched || and_at < i) {
      parx_match next;
      int found = match_rule(c, RULE_AGENCY_AND, s, n, i, &next);
      and_at = found ? next.start : n;
      and_end = found ? next.end : n;
      and_searched = 1;
    }
    size_t skip = 0;
    if (s[i] == ',' || s[i] == ';' || s[i] == '\n')
      skip = 1;
    else if (and_at == i && !joined_name_at(c, s, n, start, and_at, and_end))
      skip = and_end - and_at;
    else if (!strncmp(s + i, " - ", 3) && i + 3 <= n)
      skip = 3; /* a new item of a list written with dashes */
    else if (s[i] == ' ' && i > start && may_open_kind(s + i + 1, n - i - 1) &&
             !only_head(c, s + start, n - start, i + 1 - start) &&
             match_rule_at(c, RULE_AGENCY_RUN_ON, s, n, i + 1, &match))
      skip = 1; /* "Sở Thông tin và Truyền thông Sở Nội vụ": two names run together */
    if (!skip || !agency_starts(c, s + i + skip, n - i - skip)) continue;
    add_agency(c, s + start, i - start, out);
    start = i + skip;
    i = start - 1;
  }
  add_agency(c, s + start, n - start, out);
}

/* Words in s[from, to). */
static size_t words_between(const char *s, size_t from, size_t to) {
  size_t words = 0;
  for (size_t i = from; i < to; i++)
    words += s[i] == ' ' && i + 1 < to && s[i + 1] != ' ';
  return words;
}

/* Where the names that start at `from` end: at `end`, a verb or a clause's
 * end found after them, unless their own shape ends more than NAME_SLACK
 * words before it; at the shape's end when nothing bounds them ("Sở Tư pháp
 * cập nhật …": a verb the rules do not list). 0 when neither tells. */
static size_t names_end(ctx *c, const char *s, size_t n, size_t from, size_t end, int bounded) {
  parx_match name;
  if (match_rule(c, RULE_AGENCY_NAME, s, n, from, &name) &&
      (!bounded || words_between(s, name.end, end) > NAME_SLACK))
    return name.end;
  return bounded ? end : 0;
}

size_t agencies_subject(ctx *c, const char *s, size_t n, size_t *start) {
  parx_match match;
  size_t off = 0;
  if (match_rule(c, RULE_AGENCY_ASSIGN, s, n, 0, &match) ||
      match_rule(c, RULE_AGENCY_LEAD_IN, s, n, 0, &match))
    off = match.end;
  *start = off;
  if (match_rule(c, RULE_AGENCY_NOT_TASK, s + off, n - off, 0, &match)) return 0;
  if (!agency_starts(c, s + off, n - off)) return 0;
  /* a known verb a word or two after the name's shape still ends the name
   * ("Sở Giao thông vận tải chủ trì") */
  int has_verb = match_rule(c, RULE_AGENCY_VERB, s, n, off, &match);
  size_t end = names_end(c, s, n, off, has_verb ? match.start : n, has_verb);
  if (!end) return 0;
  /* a subject is a name, not a clause: it holds no sentence end */
  if (end - off > 300 || memchr(s + off, '.', end - off) != NULL) return 0;
  return end;
}

void agencies_support(ctx *c, const char *s, size_t n, parx_strings *out) {
  parx_match match;
  if (!match_rule(c, RULE_AGENCY_SUPPORT, s, n, 0, &match)) return;
  size_t start = match.end;
  size_t end = n;
  if (match_rule(c, RULE_AGENCY_VERB, s, n, start, &match)) end = match.start;
  if (match_rule(c, RULE_AGENCY_SUPPORT_END, s, n, start, &match) && match.start < end)
    end = match.start;
  /* "phối hợp với Sở Y tế nâng cấp hệ thống …": the names end with their shape */
  size_t shape = names_end(c, s, n, start, end, end < n);
  if (shape) end = shape;
  if (end > start && agency_starts(c, s + start, end - start))
    agencies_split(c, s + start, end - start, out);
}

int agencies_copy(parx_strings *to, const parx_strings *from) {
  for (size_t i = 0; i < from->n; i++)
    if (parx_strings_add(to, from->items[i], strlen(from->items[i]))) return -1;
  return 0;
}

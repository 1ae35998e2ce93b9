/*
 * The package relationships of a DOCX (Open Packaging Conventions): which
 * part is the main document (named in _rels/.rels), and which parts hold its
 * numbering, styles and notes (named in the main part's own .rels). Word
 * calls them word/document.xml and so on, but other producers need not:
 * the relationships are what the format states.
 */
#include "docx_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Transitional and Strict OOXML spell the relationship types apart. */
static int type_is(const char *type, const char *kind) {
  static const char *const bases[] = {
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
      "http://purl.oclc.org/ooxml/officeDocument/relationships/"};
  for (size_t i = 0; i < sizeof bases / sizeof *bases; i++) {
    size_t n = strlen(bases[i]);
    if (!strncmp(type, bases[i], n) && !strcmp(type + n, kind)) return 1;
  }
  return 0;
}

/* The folder of a part ("word/" of "word/document.xml"), its length. */
static size_t folder_len(const char *part) {
  const char *slash = strrchr(part, '/');
  return slash ? (size_t)(slash - part) + 1 : 0;
}

/* Resolves a relative target against the folder of its source, folding "."
 * and ".." segments; an absolute one ("/word/x.xml") is from the root. */
static int resolve(const char *source, const char *target, char *out, size_t out_len) {
  char path[512];
  int n = target[0] == '/'
              ? snprintf(path, sizeof path, "%s", target + 1)
              : snprintf(path, sizeof path, "%.*s%s", (int)folder_len(source), source, target);
  if (n < 0 || (size_t)n >= sizeof path) return 0;
  size_t k = 0;
  for (char *seg = path, *next; seg; seg = next) {
    next = strchr(seg, '/');
    if (next) *next++ = '\0';
    if (!*seg || !strcmp(seg, ".")) continue;
    if (!strcmp(seg, "..")) {
      while (k && out[k - 1] == '/')
        k--;
      while (k && out[k - 1] != '/')
        k--;
      continue;
    }
    size_t len = strlen(seg);
    if (k + len + 2 > out_len) return 0;
    if (k) out[k++] = '/';
    memcpy(out + k, seg, len);
    k += len;
  }
  out[k] = '\0';
  return k > 0;
}

/* The name of the .rels part of `source` ("" is the package itself). */
static int rels_name(const char *source, char *out, size_t out_len) {
  size_t dir = folder_len(source);
  int n = snprintf(out, out_len, "%.*s_rels/%s.rels", (int)dir, source, source + dir);
  return n > 0 && (size_t)n < out_len;
}

/* The attribute `name` (no namespace) of n, or NULL. */
static const char *plain_attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (!strcmp((const char *)a->name, name) && !a->ns && a->children &&
        a->children->type == XML_TEXT_NODE)
      return (const char *)a->children->content;
  return NULL;
}

int docx_rel_target(zip_t *za, const char *source, const char *kind, const char *name,
                    zip_uint64_t *total, char *out, size_t out_len) {
  char rels[512];
  char *xml = NULL;
  size_t len = 0;
  parx_error ignored = {0};
  if (!rels_name(source, rels, sizeof rels) ||
      docx_zip_read(za, rels, name, total, &xml, &len, &ignored) != DOCX_PART_OK)
    return 0;
  xmlDoc *d = docx_xml_read(xml, len, rels, name, &ignored);
  free(xml);
  const xmlNode *root = d ? xmlDocGetRootElement(d) : NULL;
  int found = 0;
  for (const xmlNode *c = root ? root->children : NULL; c && !found; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Relationship")) continue;
    const char *type = plain_attr(c, "Type"), *target = plain_attr(c, "Target");
    const char *mode = plain_attr(c, "TargetMode");
    if (!type || !target || (mode && !strcmp(mode, "External")) || !type_is(type, kind)) continue;
    found = resolve(source, target, out, out_len);
  }
  xmlFreeDoc(d);
  return found;
}

int docx_main_part(zip_t *za, const char *name, zip_uint64_t *total, char *out, size_t out_len) {
  if (!docx_rel_target(za, "", "officeDocument", name, total, out, out_len))
    snprintf(out, out_len, "word/document.xml");
  return zip_name_locate(za, out, ZIP_FL_NOCASE) >= 0;
}

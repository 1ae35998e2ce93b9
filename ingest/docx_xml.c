/* XML helpers of the DOCX reader. */
#include "docx_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "error.h"

/* Transitional and Strict OOXML name the WordprocessingML namespace apart. */
static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_NS_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/* Drops a message of libxml2's that XML_PARSE_NOERROR does not reach. */
static void ignore_xml_message(void *ctx, const char *fmt, ...) {
  (void)ctx, (void)fmt;
}

xmlDoc *docx_xml_read(const char *xml, size_t len, const char *part, const char *name,
                      parx_error *err) {
  xmlParserCtxt *ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory parsing %s", name, part);
    return NULL;
  }
  /* No XML_PARSE_NOENT (entities stay references, so an entity bomb cannot
   * expand), no DTD loading, no network, no XML_PARSE_HUGE (libxml2 keeps its
   * depth and size limits); errors are reported through err, never printed.
   * XML_PARSE_COMPACT stores short texts in their nodes: fewer allocations,
   * and the tree is only read. */
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  /* Encoding conversion errors (a part declaring Shift_JIS with bytes that
   * are not) are raised without the context and go to libxml2's generic
   * handler, which prints them: silenced for this parse only, on this
   * thread (the handler is per thread), and the caller's put back. */
  xmlGenericErrorFunc handler = xmlGenericError;
  void *handler_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, ignore_xml_message);
  xmlDoc *doc = xmlCtxtReadMemory(ctxt, xml, (int)len, part, NULL, options);
  xmlSetGenericErrorFunc(handler_ctx, handler);
  if (!doc) {
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    const char *msg = e && e->message ? e->message : "unknown error";
    size_t n = strcspn(msg, "\n");
    if (e && e->code == XML_ERR_NO_MEMORY)
      parx_error_set(err, PARX_ERR_NOMEM, "%s: out of memory parsing %s", name, part);
    else
      parx_error_set(err, PARX_ERR_FORMAT, "%s: %s is not well-formed XML: %.*s (line %d)", name,
                     part, (int)n, msg, e ? e->line : 0);
  }
  xmlFreeParserCtxt(ctxt);
  return doc;
}

static int is_w_ns(const xmlNs *ns) {
  if (!ns || !ns->href) return 0;
  const char *href = (const char *)ns->href;
  return !strcmp(href, W_NS) || !strcmp(href, W_NS_STRICT);
}

const char *docx_w_name(const xmlNode *n) {
  return n && n->type == XML_ELEMENT_NODE && is_w_ns(n->ns) ? (const char *)n->name : NULL;
}

int docx_is_w(const xmlNode *n, const char *local) {
  const char *nm = docx_w_name(n);
  return nm && !strcmp(nm, local);
}

int docx_is_math(const xmlNode *n, const char *local) {
  static const char M_NS[] = "http://schemas.openxmlformats.org/officeDocument/2006/math";
  static const char M_NS_STRICT[] = "http://purl.oclc.org/ooxml/officeDocument/math";
  if (!n || n->type != XML_ELEMENT_NODE || !n->ns || !n->ns->href) return 0;
  const char *href = (const char *)n->ns->href;
  return (!strcmp(href, M_NS) || !strcmp(href, M_NS_STRICT)) &&
         !strcmp((const char *)n->name, local);
}

const xmlNode *docx_child(const xmlNode *n, const char *local) {
  if (!n) return NULL;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (docx_is_w(c, local)) return c;
  return NULL;
}

const char *docx_attr(const xmlNode *n, const char *local) {
  if (!n || n->type != XML_ELEMENT_NODE) return NULL;
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    if (strcmp((const char *)a->name, local) || !is_w_ns(a->ns)) continue;
    /* Attribute values are a single text node unless they hold entity
     * references, which are not expanded: read those as empty. */
    const xmlNode *t = a->children;
    return t && t->type == XML_TEXT_NODE && !t->next && t->content ? (const char *)t->content : "";
  }
  return NULL;
}

long docx_attr_long(const xmlNode *n, const char *local, long dflt) {
  const char *v = docx_attr(n, local);
  if (!v || !*v) return dflt;
  char *end;
  errno = 0;
  long x = strtol(v, &end, 10);
  return errno || *end ? dflt : x;
}

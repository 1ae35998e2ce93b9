/*
 * ingest: bytes to a document model of paragraphs and tables, with line and
 * page provenance. This header is the stage's whole interface.
 *
 * Every reader (text, DOCX, PDF) produces the same model, so that the stages
 * after it do not know where a document came from. Text handed to the model is
 * UTF-8; the model collapses white space as it is added, and removes markup
 * debris (<b>, **, # headings, ...; see parx_clean_text) only for a reader
 * that says its input carries some (doc->markup_debris): converted text does,
 * while the `*` or `#` that a DOCX or PDF states is the author's.
 *
 * Ownership, for every function here: pointer arguments are borrowed for the
 * call (the model copies the text and cells it is given); a parx_doc and a
 * char * returned are the caller's (parx_doc_free, free); a block or row
 * pointer returned belongs to its document and lives until the next block
 * or row is added.
 */
#ifndef PARX_INGEST_H
#define PARX_INGEST_H

#include <stddef.h>

#include "parx.h"

typedef struct parx_row {
  char **cells; /* ncells cleaned UTF-8 strings, never NULL ("" when empty) */
  size_t ncells;
  int line; /* 1-based line of the normalised text */
  int page; /* 1-based page, 0 when unknown (text, DOCX) */
} parx_row;

typedef enum parx_block_kind { PARX_BLOCK_PARAGRAPH, PARX_BLOCK_TABLE } parx_block_kind;

typedef struct parx_block {
  parx_block_kind kind;
  char *text;     /* paragraph: cleaned text; table: NULL */
  parx_row *rows; /* table: its rows, the first being the header row */
  size_t nrows, rows_cap;
  int line; /* line of the paragraph or of the table's first row */
  int page;
  int markup_debris; /* table: its cells are cleaned (the doc's flag when made) */
} parx_block;

/* A page read by recognising its image, and how sure the recognition was. */
typedef struct parx_page_ocr {
  int page;          /* 1-based */
  double confidence; /* mean word confidence, 0-100 */
} parx_page_ocr;

typedef struct parx_doc {
  parx_block *blocks;
  size_t nblocks, blocks_cap;
  char format[8]; /* "txt", "docx" or "pdf" */
  int pages;      /* page count, 0 when the format has none */
  char **warnings;
  size_t nwarnings, warnings_cap;
  int next_line;      /* readers without source lines number blocks with this */
  int markup_debris;  /* set by a reader whose input is converted text with markup
                         debris: the text added is then cleaned (parx_clean_text) */
  int paged;          /* the blocks come from pages (PDF, text converted from them) that
                         may cut them anywhere; 0 for a DOCX, which states them (the
                         default is 1) */
  parx_page_ocr *ocr; /* the pages recognised as images, in page order */
  size_t nocr;
} parx_doc;

/* --- building the model (used by the readers) --------------------------- */

parx_doc *parx_doc_new(const char *format);
void parx_doc_free(parx_doc *doc);

/* Adds a paragraph, cleaned when doc->markup_debris, its white space
 * collapsed; empty text adds nothing. 0 on success. */
int parx_doc_add_paragraph(parx_doc *doc, const char *text, size_t len, int line, int page);

/* Starts a table (cleaned as the doc is); rows are added with parx_table_add_row. */
parx_block *parx_doc_add_table(parx_doc *doc, int line, int page);

/* Adds a row of n cells (each cleaned when table->markup_debris, its white
 * space collapsed); lens may be NULL for NUL-terminated cells. */
int parx_table_add_row(parx_block *table, const char *const *cells, const size_t *lens, size_t n,
                       int line, int page);

/* True when `row` repeats `header` (a header row repeated at a page break). */
int parx_rows_repeat_header(const parx_row *row, const parx_row *header);

/* Frees a row's cells (not the row), leaving it without cells. */
void parx_row_clear(parx_row *row);
/* Frees what a block holds (text, rows; not the block), leaving it empty. */
void parx_block_clear(parx_block *b);

/* Appends the cells of `from` to the cells of `to`, column by column. */
void parx_row_join(parx_row *to, const parx_row *from);

/* True when `row`, the first after a page break, is the rest of `prev` that
 * the break cut off: its number cell empty, or prev's empty and its text cell
 * empty or in lower case. */
int parx_row_continues(const parx_row *prev, const parx_row *row);

/* Joins `row` into `prev` (the number going to whichever half has it) and
 * frees row's cells. */
void parx_row_mend(parx_row *prev, parx_row *row);

/*
 * Drops the header row repeated at page breaks (a row equal to the first
 * row), and joins a row split by such a break: the first row after it when
 * its number cell is empty, or when the row before the break lost its number
 * to it (empty number cell there, text cell empty or lower-case here).
 */
void parx_table_tidy(parx_block *table);

/*
 * Repairs what pages break, after any reader: a paragraph cut in the middle
 * of a sentence (the next one starts in lower case) is joined to the one it
 * continues; a table split in two (the same columns, no header row in the
 * second part, at most a cut fragment between them) is made whole. Where the
 * doc is not paged (DOCX) only what a converter of a paged source leaves is
 * joined: the parts of a split table (the copy of the header heading a part
 * dropped, only the row at the cut joined, only fragments that cannot open a
 * sentence taken in), and a full line that stops between two lower-case
 * words to the paragraph it continues.
 */
void parx_doc_tidy(parx_doc *doc);

/* Notes that `page` was read by recognising its image. 0, or -1 when out of memory. */
int parx_doc_note_ocr(parx_doc *doc, int page, double confidence);

/* Adds a warning (printf-style). */
int parx_doc_warn(parx_doc *doc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * Removes markup debris from UTF-8 text and collapses white space: HTML-like
 * tags (<b>, <p>, <ul ...>, <br>), **bold** and *italic* markers, leading #
 * of headings, ~~strike~~ markers. Returns a malloc'd string.
 */
char *parx_clean_text(const char *text, size_t len);

/* Collapses runs of white space (tabs, line breaks, no-break spaces) to one
 * space and trims: all a text that states itself needs. Returns a malloc'd
 * string. */
char *parx_collapse_space(const char *text, size_t len);

/* Length of a bullet at s (n bytes) that a symbol font draws with a code of
 * Unicode's private use area, as Word's and LibreOffice's Symbol and
 * Wingdings bullets come out of a PDF or a converter (U+F0B7 for "•"): 3, or
 * 0 when s does not open with one. */
size_t parx_symbol_bullet(const char *s, size_t n);

/* True when the n bytes at s, trailing spaces left out, end a sentence or a
 * clause that says no more follows: ".", ":", ";", "!", "?". */
int parx_ends_sentence(const char *s, size_t n);

/* The characters (code points) of the n bytes of UTF-8 at s. */
size_t parx_utf8_chars(const char *s, size_t n);

/* True when the word at s (n bytes) opens a list item: an outline marker
 * ("1.", "1.2.", "2)", "a)", "đ)", "II.") or a bullet ("-", "+", "•", a
 * symbol font's bullet). */
int parx_is_list_marker(const char *s, size_t n);

/* --- reading ------------------------------------------------------------ */

typedef enum parx_format {
  PARX_FORMAT_TEXT,
  PARX_FORMAT_DOCX,
  PARX_FORMAT_PDF,
  PARX_FORMAT_ENCRYPTED_DOCX, /* an OLE2 container holding an EncryptedPackage */
  PARX_FORMAT_UNSUPPORTED,
  PARX_FORMAT_DAMAGED,  /* the container of a format parx reads, broken (a cut ZIP) */
  PARX_FORMAT_NO_READER /* a ZIP package, but the DOCX reader module that classifies it
                           could not be loaded */
} parx_format;

/*
 * Detects the format from the bytes, never the name. For an unsupported
 * format, fills `what` (size `what_len`) with what was found and what to do;
 * for NO_READER, with why the module could not be loaded.
 */
parx_format parx_detect_format(const unsigned char *bytes, size_t len, char *what, size_t what_len);

typedef struct parx_ingest_options {
  const char *password; /* PDF user password, or NULL */
  parx_ocr_mode ocr;
  int ocr_threads;        /* pages recognised at once: 0 one per CPU */
  const char *ocr_module; /* the OCR module (parx-ocr.so): set by parx_ingest_pdf */
} parx_ingest_options;

/* Detects the format and runs its reader. `name` is used in messages. */
parx_doc *parx_ingest(const unsigned char *bytes, size_t len, const char *name,
                      const parx_ingest_options *options, parx_error *err);

parx_doc *parx_ingest_text(const unsigned char *bytes, size_t len, const char *name,
                           parx_error *err);
parx_doc *parx_ingest_docx(const unsigned char *bytes, size_t len, const char *name,
                           parx_error *err);
parx_doc *parx_ingest_pdf(const unsigned char *bytes, size_t len, const char *name,
                          const parx_ingest_options *options, parx_error *err);

#endif

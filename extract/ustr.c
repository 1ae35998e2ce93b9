/* UTF-8 <-> UTF-16 plumbing for the extract stage (see ustr.h). */
#include "extract/ustr.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

int px_is_ascii(const char *s, size_t len) {
  const uint64_t high = 0x8080808080808080u;
  size_t i = 0;
  /* Eight bytes at a time: this check runs on every string normalised. */
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & high) return 0;
  }
  for (; i < len; i++)
    if ((unsigned char)s[i] & 0x80) return 0;
  return 1;
}

/* Length of the precomposed letter at byte i that NFC and the mapping of
 * parx_normalize leave as it is, 0 when it may change (the full path decides). */
static size_t plain_nfc_at(const unsigned char *u, size_t len, size_t i) {
  unsigned char c = u[i];
  /* Latin-1 to Latin Extended-B and IPA (U+00C0..U+02FF): precomposed and
   * stable under NFC; U+0080..U+00BF only outside the odd spaces (U+0085,
   * U+00A0) and the soft hyphen (U+00AD) that normalisation maps */
  if (c >= 0xC2 && c <= 0xCB && i + 1 < len && (u[i + 1] & 0xC0) == 0x80)
    return c == 0xC2 && (u[i + 1] == 0x85 || u[i + 1] == 0xA0 || u[i + 1] == 0xAD) ? 0 : 2;
  /* Latin Extended Additional (U+1E00..U+1EFF): Vietnamese letters with tones */
  if (c == 0xE1 && i + 2 < len && u[i + 1] >= 0xB8 && u[i + 1] <= 0xBB && (u[i + 2] & 0xC0) == 0x80)
    return 3;
  return 0;
}

int px_is_plain_nfc(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    size_t k = u[i] < 0x80 ? 1 : plain_nfc_at(u, len, i);
    if (!k) return 0;
    i += k;
  }
  return 1;
}

int px_is_normal(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  if (len && (u[0] == ' ' || u[len - 1] == ' ')) return 0;
  /* one pass: visible ASCII, single spaces, and letters that stay as they are */
  for (size_t i = 0; i < len;) {
    unsigned char c = u[i];
    size_t k = 0; /* other white space and control characters are mapped */
    if (c > ' ' && c < 0x80)
      k = 1;
    else if (c == ' ')
      k = u[i + 1] != ' '; /* a second space would collapse */
    else if (c > ' ')
      k = plain_nfc_at(u, len, i);
    if (!k) return 0;
    i += k;
  }
  return 1;
}

/*
 * px_is_prepared as an automaton over bytes, since it runs on every block of
 * every document: a table step a byte instead of a few branches. Classes of
 * bytes, then states; a state is its row's offset in prep_next, and 0 (bad,
 * where every entry not listed leads) and P_TONE (a letter just read after o
 * or u, whose tone may move: px_tone_moves decides) stop the run.
 */
enum {
  C_CONTROL, /* and the bytes no prepared text holds */
  C_SPACE,
  C_VISIBLE, /* visible ASCII but o and u */
  C_O_U,     /* o, u, O, U: a tone may move onto the letter after them */
  C_ODD,     /* second bytes of C2 that normalisation maps: U+0085, U+00A0, U+00AD */
  C_B8_BB,   /* second bytes of E1 of Latin Extended Additional */
  C_TAIL,    /* other continuation bytes */
  C_C2,
  C_LEAD2, /* C3..CB: U+00C0..U+02FF */
  C_E1,
  C_CLASSES
};
enum {
  P_BAD = 0 * C_CLASSES,
  P_TONE = 1 * C_CLASSES,
  P_SPACE = 2 * C_CLASSES, /* after a space, or at the start */
  P_WORD = 3 * C_CLASSES,  /* after a visible character */
  P_O_U = 4 * C_CLASSES,   /* after o or u */
  P_C2 = 5 * C_CLASSES,    /* the letter's second byte still to come */
  P_LEAD2 = 6 * C_CLASSES,
  P_E1 = 7 * C_CLASSES,
  P_E1_TAIL = 8 * C_CLASSES,
  P_C2_O_U = 9 * C_CLASSES, /* the same after o or u */
  P_LEAD2_O_U = 10 * C_CLASSES,
  P_E1_O_U = 11 * C_CLASSES,
  P_E1_TAIL_O_U = 12 * C_CLASSES,
  P_END = 13 * C_CLASSES
};

/* clang-format off */
#define X16(c) c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c
static const unsigned char prep_class[256] = {
    X16(C_CONTROL), X16(C_CONTROL),
    C_SPACE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE,
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE,
    X16(C_VISIBLE), /* 30 */
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE,
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_O_U, /* 40 */
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_O_U, C_VISIBLE, C_VISIBLE,
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, /* 50 */
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE,
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_O_U, /* 60 */
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_O_U, C_VISIBLE, C_VISIBLE,
    C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, C_VISIBLE, /* 70 */
    C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_ODD, C_TAIL, C_TAIL,
    C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, /* 80 */
    X16(C_TAIL), /* 90 */
    C_ODD, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL,
    C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_ODD, C_TAIL, C_TAIL, /* A0 */
    C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL, C_TAIL,
    C_B8_BB, C_B8_BB, C_B8_BB, C_B8_BB, C_TAIL, C_TAIL, C_TAIL, C_TAIL, /* B0 */
    C_CONTROL, C_CONTROL, C_C2, C_LEAD2, C_LEAD2, C_LEAD2, C_LEAD2, C_LEAD2,
    C_LEAD2, C_LEAD2, C_LEAD2, C_LEAD2, C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL, /* C0..CF */
    X16(C_CONTROL),
    C_CONTROL, C_E1, C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL,
    C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL, C_CONTROL,
    X16(C_CONTROL)};
#undef X16
/* clang-format on */

/* The entries of a state that reads a character from scratch. */
#define PREP_START(state, after_o_u)                                                               \
  [state + C_VISIBLE] = P_WORD, [state + C_O_U] = P_O_U, [state + C_C2] = P_C2##after_o_u,         \
           [state + C_LEAD2] = P_LEAD2##after_o_u, [state + C_E1] = P_E1##after_o_u
/* The entries of a state that waits for a letter's last byte. */
#define PREP_LAST(state, done)                                                                     \
  [state + C_ODD] = done, [state + C_B8_BB] = done, [state + C_TAIL] = done

static const unsigned char prep_next[P_END] = {
    PREP_START(P_SPACE, ), /* two spaces in a row are bad */
    PREP_START(P_WORD, ),
    [P_WORD + C_SPACE] = P_SPACE,
    PREP_START(P_O_U, _O_U),
    [P_O_U + C_SPACE] = P_SPACE,
    [P_C2 + C_B8_BB] = P_WORD,
    [P_C2 + C_TAIL] = P_WORD,
    PREP_LAST(P_LEAD2, P_WORD),
    [P_E1 + C_B8_BB] = P_E1_TAIL,
    PREP_LAST(P_E1_TAIL, P_WORD),
    [P_C2_O_U + C_B8_BB] = P_TONE,
    [P_C2_O_U + C_TAIL] = P_TONE,
    PREP_LAST(P_LEAD2_O_U, P_TONE),
    [P_E1_O_U + C_B8_BB] = P_E1_TAIL_O_U,
    PREP_LAST(P_E1_TAIL_O_U, P_TONE)};
#undef PREP_START
#undef PREP_LAST

/* One step of the automaton. */
static unsigned prep_step(unsigned state, unsigned char byte) {
  return prep_next[state + prep_class[byte]];
}

/* Settles a stop state reached at byte i (the end of what was read): 0 when
 * the text is not prepared; else leaves *state where reading goes on. */
static int prep_settle(const char *s, size_t len, unsigned *state, size_t i) {
  if (*state == P_BAD) return 0;
  if (*state != P_TONE) return 1;
  const unsigned char *u = (const unsigned char *)s;
  size_t at = i - 1; /* the letter's lead byte, after its o or u */
  while ((u[at] & 0xC0) == 0x80)
    at--;
  *state = P_WORD;
  return !px_tone_moves(s, len, at, i);
}

/* Reads bytes [*i, end) from *state; 0 when the text is not prepared. */
static int prep_read(const char *s, size_t len, unsigned *state, size_t *i, size_t end) {
  const unsigned char *u = (const unsigned char *)s;
  while (*i < end) {
    *state = prep_step(*state, u[(*i)++]);
    if (*state <= P_TONE && !prep_settle(s, len, state, *i)) return 0;
  }
  return 1;
}

int px_is_prepared(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  if (len && (u[0] == ' ' || u[len - 1] == ' ')) return 0;
  /* Each step waits for the one before (a load's latency a byte): the text
   * is cut after a space near its middle, and the two halves, the second
   * from the state after a space, are read side by side. */
  const unsigned char *space = len >= 64 ? memchr(u + len / 2, ' ', len - len / 2) : NULL;
  size_t cut = space ? (size_t)(space - u) + 1 : len, both = len - cut < cut ? len - cut : cut;
  unsigned first = P_SPACE, second = P_SPACE;
  for (size_t k = 0; k < both; k++) {
    first = prep_step(first, u[k]);
    second = prep_step(second, u[cut + k]);
    /* one test for both: the stop states are the lowest */
    if ((first < second ? first : second) <= P_TONE &&
        (!prep_settle(s, len, &first, k + 1) || !prep_settle(s, len, &second, cut + k + 1)))
      return 0;
  }
  size_t i = both, j = cut + both;
  if (!prep_read(s, len, &first, &i, cut) || !prep_read(s, len, &second, &j, len)) return 0;
  /* read to its end, the text is prepared unless a letter is cut short
   * (a second half ends after a visible character: the text ends with none
   * of the spaces that P_SPACE, below P_WORD, stands for) */
  return cut == len ? first <= P_O_U : second == P_WORD || second == P_O_U;
}

char *px_ascii_collapse(const char *s, size_t len, int lower) {
  char *out = malloc(len + 1);
  if (!out) return NULL;
  size_t o = 0;
  int pending = 0; /* a space is owed before the next visible character */
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\0') continue;
    if (px_is_ascii_space(c)) {
      pending = o > 0;
      continue;
    }
    if (pending) out[o++] = ' ';
    pending = 0;
    out[o++] = (char)(lower && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  out[o] = '\0';
  return out;
}

UChar *px_utf8_to_utf16(const char *s, size_t len, int32_t *n16) {
  if (len > PX_MAX_INPUT) return NULL;
  /* Every UTF-8 byte yields at most one UTF-16 unit, U+FFFD included. */
  UChar *u = malloc((len + 1) * sizeof *u);
  if (!u) return NULL;
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8WithSub(u, (int32_t)len + 1, n16, s, (int32_t)len, 0xFFFD, NULL, &err);
  if (U_FAILURE(err)) {
    free(u);
    return NULL;
  }
  return u;
}

/* Appends the code point starting at u[*i] as UTF-8 at out[*o], advancing both. */
static inline void put_utf8(const UChar *u, int32_t *i, int32_t n, char *out, size_t *o) {
  UChar32 c = u[(*i)++];
  if (c < 0x80) {
    out[(*o)++] = (char)c; /* the common case, kept cheap */
    return;
  }
  if (U16_IS_LEAD(c) && *i < n && U16_IS_TRAIL(u[*i])) {
    c = U16_GET_SUPPLEMENTARY(c, u[*i]);
    (*i)++;
  } else if (U16_IS_SURROGATE(c)) {
    c = 0xFFFD;
  }
  U8_APPEND_UNSAFE(out, *o, c);
}

char *px_utf16_to_utf8_collapsed(const UChar *u, int32_t n) {
  char *out = malloc((size_t)n * 3 + 1);
  if (!out) return NULL;
  size_t o = 0;
  int pending = 0;
  for (int32_t i = 0; i < n;) {
    if (u[i] == ' ') {
      pending = o > 0;
      i++;
      continue;
    }
    if (pending) out[o++] = ' ';
    pending = 0;
    put_utf8(u, &i, n, out, &o);
  }
  out[o] = '\0';
  /* The buffer was sized for the worst case; documents keep these strings. */
  char *fit = realloc(out, o + 1);
  return fit ? fit : out;
}

/* One ICU UTF-16 transformation with the usual preflight calling convention. */
typedef int32_t (*u16_fn)(const void *ctx, const UChar *src, int32_t n, UChar *dst, int32_t cap,
                          UErrorCode *err);

/* Runs fn on src into a new buffer, growing it once if ICU asks for more. */
static UChar *transform(u16_fn fn, const void *ctx, const UChar *src, int32_t *n) {
  int32_t cap = *n + *n / 2 + 16;
  for (int attempt = 0; attempt < 2; attempt++) {
    UChar *dst = malloc((size_t)cap * sizeof *dst);
    if (!dst) return NULL;
    UErrorCode err = U_ZERO_ERROR;
    int32_t got = fn(ctx, src, *n, dst, cap, &err);
    if (U_SUCCESS(err) || err == U_STRING_NOT_TERMINATED_WARNING) {
      *n = got;
      return dst;
    }
    free(dst);
    if (err != U_BUFFER_OVERFLOW_ERROR) return NULL;
    cap = got + 1;
  }
  return NULL;
}

static int32_t normalize_fn(const void *ctx, const UChar *src, int32_t n, UChar *dst, int32_t cap,
                            UErrorCode *err) {
  return unorm2_normalize(ctx, src, n, dst, cap, err);
}

static int32_t lower_fn(const void *ctx, const UChar *src, int32_t n, UChar *dst, int32_t cap,
                        UErrorCode *err) {
  (void)ctx;
  return u_strToLower(dst, cap, src, n, "", err);
}

UChar *px_normalize_u16(const UNormalizer2 *norm, UChar *u, int32_t *n) {
  UErrorCode err = U_ZERO_ERROR;
  /* Most text is already normalised: the quick check spares a copy. */
  int32_t span = unorm2_spanQuickCheckYes(norm, u, *n, &err);
  if (U_SUCCESS(err) && span == *n) return u;
  UChar *out = transform(normalize_fn, norm, u, n);
  free(u);
  return out;
}

UChar *px_lower_u16(UChar *u, int32_t *n) {
  UChar *out = transform(lower_fn, NULL, u, n);
  free(u);
  return out;
}

char *px_nfc_utf8(const char *s, size_t len, size_t *out_len) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
  if (U_FAILURE(err)) return NULL;
  int32_t n;
  UChar *u = px_utf8_to_utf16(s, len, &n);
  if (u) u = px_normalize_u16(nfc, u, &n);
  if (!u) return NULL;
  /* One UTF-16 unit never needs more than three UTF-8 bytes. */
  char *out = malloc((size_t)n * 3 + 1);
  if (out) {
    size_t o = 0;
    for (int32_t i = 0; i < n;)
      put_utf8(u, &i, n, out, &o);
    out[o] = '\0';
    *out_len = o;
  }
  free(u);
  return out;
}

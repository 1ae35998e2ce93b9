/*
 * The character mapping of parx_normalize: what Word and PDF tools put in
 * place of a plain space, quote or hyphen is mapped back to ASCII, so that the
 * rules need to know one spelling only.
 */
#include "extract/ustr.h"

/* Marks a unit that is dropped rather than replaced. */
#define DROP (-1)
/* Marks a joiner (U+200C/D): kept where it shapes letters of the scripts that
 * use it, dropped after a Latin letter, where it only steers ligatures and
 * would hide a Vietnamese word from the rules ("đi<ZWJ>ểm"). */
#define JOINER (-2)

/* The replacement of one UTF-16 unit: itself, another unit, or DROP. */
static int map_unit(UChar c) {
  if (c < 0x80) {
    if (c == 0) return DROP; /* would end the C string early */
    return px_is_ascii_space((unsigned char)c) ? ' ' : c;
  }
  /* Vietnamese letters (U+00C0-U+1EF9) are most of the rest: skip the switch. */
  if (c >= 0x00AE && c < 0x2000 && c != 0x1680) return c;
  if (c >= 0x2000 && c <= 0x200A) return ' '; /* en quad to hair space */
  switch (c) {
  case 0x0085: /* next line */
  case 0x00A0: /* no-break space */
  case 0x1680: /* ogham space */
  case 0x2028: /* line separator */
  case 0x2029: /* paragraph separator */
  case 0x202F: /* narrow no-break space */
  case 0x205F: /* medium mathematical space */
  case 0x3000: /* ideographic space */
    return ' ';
  case 0x00AD: /* soft hyphen */
  case 0x200B: /* zero-width space */
  case 0xFEFF: /* byte order mark / zero-width no-break space */
    return DROP;
  case 0x200C:
  case 0x200D: /* non-joiner, joiner: see JOINER; parx_key leaves them out */
    return JOINER;
  case 0x201C:
  case 0x201D:
  case 0x201E:
  case 0x201F: /* “ ” „ ‟ */
  case 0x2033: /* ″ double prime, a common stand-in for a closing quote */
    return '"';
  case 0x2018:
  case 0x2019:
  case 0x201A:
  case 0x201B: /* ‘ ’ ‚ ‛ */
  case 0x2032: /* ′ prime */
    return '\'';
  case 0x2012:
  case 0x2013:
  case 0x2014:
  case 0x2015: /* ‒ – — ― */
  case 0x2212: /* minus sign */
    return '-';
  default:
    return c;
  }
}

/* Latin letters, Vietnamese ones and their combining marks included. */
static int is_latin(UChar c) {
  return c < 0x0250 || (c >= 0x0300 && c < 0x0370) || (c >= 0x1E00 && c < 0x1F00);
}

int32_t px_map_chars(UChar *u, int32_t n) {
  int32_t o = 0;
  /* Surrogates fall through map_unit unchanged, so pairs stay intact. */
  for (int32_t i = 0; i < n; i++) {
    int m = map_unit(u[i]);
    if (m == JOINER) m = o && is_latin(u[o - 1]) ? DROP : u[i];
    if (m != DROP) u[o++] = (UChar)m;
  }
  return o;
}

import fc from 'fast-check';

/**
 * String arbitraries for hostile input. Every random string carries a planted marker, so a check
 * can tell a reflected value from the service's own text: the marker must never reach an HTML page
 * unescaped. The short plant leaves room in the token endpoint's 20-character state and nonce for
 * ten more hostile characters (CR, LF...), so both what the rule lets through (and echoes) and
 * what it must refuse get there; the long one fits the authorize endpoint's 2048.
 */
export const MARK = 'fz7q';
export const PLANT = `<x-${MARK}>"onmouseover=${MARK}'</script><x-${MARK}>`;
export const SHORT_PLANT = `<x-${MARK}>"'`;

/**
 * A planted marker as it would appear if a page had not escaped it: a raw `<` before it, a raw
 * quote around `onmouseover`, or the short plant's raw `"'` (both quotes: a lone `"` after the
 * marker is the closing quote of the attribute the escaped value sits in).
 */
export const RAW_PLANT = new RegExp(
  `<x-${MARK}|"onmouseover=${MARK}|onmouseover=${MARK}'|${MARK}(?:>|&gt;|&#62;)"'`,
);

/** Characters that break parsers, headers or displays: CR/LF/NUL, RTL and zero-width marks, lone surrogates. */
const HOSTILE_PIECES = [
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\t',
  '\x1b[31m',
  '\x7f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u200f',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0301',
  '\ud800',
  '\udfff',
  '\udbff\udc00',
  '\ud83d\ude00',
  '\r\nX-Injected: fz7q',
  '\r\n\r\n<x-fz7q>',
  '%0d%0aX-Injected:%20fz7q',
  '{{7*7}}',
  '$(id)',
  '../..',
  '\\',
  '"',
  "'",
  '`',
  '&',
  '=',
  ';',
  '#',
  '?',
  '+',
  '%',
];

/** Percent-encoding garbage, sent raw (not re-encoded), so the service's own decoding sees it. */
export const PERCENT_GARBAGE = [
  '%zz',
  '%E0%A4%A',
  '%',
  '%%',
  '%0',
  '%C0%AF',
  '%ED%A0%80',
  '%FF%FE',
  '%00',
  '%0D%0A',
  '%2B',
  '%26',
  '%3D',
  '%u0041',
  '+',
  '&',
  '=',
  ';',
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  { weight: 1, arbitrary: fc.constantFrom(...PERCENT_GARBAGE) },
);

/** A hostile string of moderate size, with a planted marker somewhere in it. */
export const hostileText: fc.Arbitrary<string> = fc
  .tuple(fc.array(piece, { maxLength: 5 }), fc.nat(), fc.constantFrom(PLANT, SHORT_PLANT))
  .map(([pieces, at, plant]) => {
    const position = pieces.length === 0 ? 0 : at % (pieces.length + 1);
    return [...pieces.slice(0, position), plant, ...pieces.slice(position)].join('');
  });

/** A long string, up to `max` characters: one hostile piece repeated (compressible, but not to a parser). */
export function longText(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min, max }),
      fc.oneof(fc.constantFrom('A', 'é', '\u202e', '%', '\ud800'), hostileText),
    )
    .map(([length, unit]) =>
      `${PLANT}${unit.repeat(Math.ceil(length / Math.max(unit.length, 1)))}`.slice(0, length),
    );
}

/** Printable ASCII of at most 20 characters: values that pass the state and nonce rules, with the short plant. */
export const printableWithPlant: fc.Arbitrary<string> = fc
  .string({ unit: 'grapheme-ascii', maxLength: 10 })
  .map((text) => `${SHORT_PLANT}${text}`.slice(0, 20));

/** At most 20 characters with the short plant and hostile characters: what the 20-character rules must refuse. */
export const shortHostile: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.constantFrom(...HOSTILE_PIECES), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([pieces, before]) => {
    const noise = pieces.join('').slice(0, 10);
    return before ? `${noise}${SHORT_PLANT}` : `${SHORT_PLANT}${noise}`;
  });

/** Characters a raw request-target may carry unencoded (visible ASCII but `#`). */
export const rawTargetText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PERCENT_GARBAGE),
      fc.string({
        unit: fc.constantFrom(...'abcXYZ019-._~!$()*,:@/?\'"<>[]{}|^`\\'.split('')),
        maxLength: 8,
      }),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Percent-encodes text as UTF-8, byte by byte. Unlike encodeURIComponent it never throws: a lone
 * surrogate becomes U+FFFD's bytes, as a browser would send it.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out +=
      byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * A header value a well-formed HTTP/1.1 message can carry: tab, visible ASCII and UTF-8 bytes (as
 * obs-text). Other control characters are replaced; the raw-request properties send those.
 */
export function asFieldValue(text: string): string {
  const isControl = (code: number) => (code < 0x20 && code !== 0x09) || code === 0x7f;
  return [...text]
    .map((char) => (isControl(char.charCodeAt(0)) ? '?' : char))
    .join('')
    .trim();
}

import { DEFAULT_LANGUAGE, type Language, SUPPORTED_LANGUAGES } from './languages.js';

/*
 * Headers and claims come from the client, so parsing is bounded: only the first 4 KB of
 * Accept-Language and its first 50 entries are looked at, and a locale claim longer than any real
 * language tag is ignored. Nothing here throws; garbage simply matches nothing.
 */
const MAX_HEADER_CHARS = 4096;
const MAX_ENTRIES = 50;
const MAX_CLAIM_CHARS = 64;

// RFC 9110 §12.5.4 language-range (RFC 4647 basic range): 1*8ALPHA *("-" 1*8alphanum), or "*".
const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;
// RFC 9110 §12.4.2 weight: "q=" qvalue, where qvalue is 0[.ddd] or 1[.000]. OWS around "=" is not allowed.
const WEIGHT = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

// Every supported language except Chinese is chosen by its primary subtag alone (pt-BR => pt).
const BY_PRIMARY: ReadonlyMap<string, Language> = new Map(
  SUPPORTED_LANGUAGES.filter((l) => l !== 'zh-Hans').map((l) => [l, l]),
);
// Regions whose Chinese is written in Traditional characters; we have no Traditional text, and
// serving Simplified to them would be wrong, so they fall through to the next preference.
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/** Maps a language tag (any case, "-" separated) to a supported language, or undefined. */
function mapTag(tag: string): Language | undefined {
  const subtags = tag.toLowerCase().split('-');
  const primary = subtags[0];
  if (primary === undefined) return undefined;
  if (primary !== 'zh') return BY_PRIMARY.get(primary);
  // Chinese: an explicit script decides; otherwise the region implies one; bare zh is Simplified.
  for (const subtag of subtags.slice(1)) {
    if (subtag.length === 1) break; // extension or private-use singleton: nothing after it counts
    if (subtag === 'hans') return 'zh-Hans';
    if (/^[a-z]{4}$/.test(subtag)) return undefined; // Hant, or a script such as Latn we have no text in
  }
  for (const subtag of subtags.slice(1)) {
    if (subtag.length === 1) break;
    if (TRADITIONAL_REGIONS.has(subtag)) return undefined;
  }
  return 'zh-Hans';
}

/**
 * The `locale` claim is not guaranteed to be a clean BCP 47 tag: identity providers send de_DE,
 * and POSIX-style values such as de_DE.UTF-8 or de_DE@euro also occur, so it is read leniently.
 */
function mapLocaleClaim(claim: unknown): Language | undefined {
  if (typeof claim !== 'string' || claim.length > MAX_CLAIM_CHARS) return undefined;
  const tag = (claim.trim().split(/[.@]/)[0] ?? '').replaceAll('_', '-');
  return LANGUAGE_RANGE.test(tag) && tag !== '*' ? mapTag(tag) : undefined;
}

interface Entry {
  range: string;
  q: number;
  /** The supported language the range names; undefined for `*` and for any other language. */
  language: Language | undefined;
}

/** Parses Accept-Language into well-formed entries; malformed ones are dropped, not fatal. */
function parseAcceptLanguage(header: unknown): Entry[] {
  if (typeof header !== 'string') return [];
  let text = header;
  if (text.length > MAX_HEADER_CHARS) {
    // Drop the entry the cut went through: a truncated "de-DE" must not be read as "de-D".
    text = text.slice(0, MAX_HEADER_CHARS);
    text = text.slice(0, Math.max(0, text.lastIndexOf(',')));
  }
  const entries: Entry[] = [];
  for (const element of text.split(',').slice(0, MAX_ENTRIES)) {
    const [rawRange = '', ...params] = element.split(';').map((part) => part.trim());
    if (rawRange === '' && params.length === 0) continue; // empty list element, allowed by RFC 9110 §5.6.1
    if (!LANGUAGE_RANGE.test(rawRange) || params.length > 1) continue;
    let q = 1;
    if (params.length === 1) {
      const weight = WEIGHT.exec(params[0] ?? '');
      if (weight?.[1] === undefined) continue;
      q = Number(weight[1]);
    }
    entries.push({ range: rawRange, q, language: rawRange === '*' ? undefined : mapTag(rawRange) });
  }
  return entries;
}

/** Picks the best supported language from Accept-Language, or undefined when none is acceptable. */
function negotiateAcceptLanguage(header: unknown): Language | undefined {
  const entries = parseAcceptLanguage(header);
  // q=0 means "not acceptable": an explicit refusal outweighs any acceptance of the same language.
  const refused = new Set(entries.filter((e) => e.q === 0 && e.language).map((e) => e.language));
  // "*" stands only for languages no other range mentions (RFC 9110 §12.5.4).
  const mentioned = new Set(entries.map((e) => e.language).filter(Boolean));
  // Array.prototype.sort is stable, so equal weights keep the header's order.
  const ranked = entries.filter((e) => e.q > 0).sort((a, b) => b.q - a.q);
  for (const entry of ranked) {
    if (entry.range === '*') {
      const any = SUPPORTED_LANGUAGES.find((l) => !mentioned.has(l) && !refused.has(l));
      if (any) return any;
    } else if (entry.language && !refused.has(entry.language)) {
      return entry.language;
    }
  }
  return undefined;
}

/**
 * The language to render an error message in: the user's `locale` claim when it maps to a
 * supported language, else the best supported Accept-Language preference, else English. English is
 * also the answer when every supported language was refused, because a message must be sent anyway.
 */
export function negotiateLanguage(
  localeClaim: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  return mapLocaleClaim(localeClaim) ?? negotiateAcceptLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
}

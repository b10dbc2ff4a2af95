import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../../shared/i18n/languages.js';
import { negotiateLanguage } from '../../shared/i18n/negotiate-language.js';

type Row = [localeClaim: string | undefined, acceptLanguage: string | undefined, expected: string];

describe('negotiateLanguage: locale claim', () => {
  it.each<Row>([
    ['de', undefined, 'de'],
    ['de-DE', undefined, 'de'],
    ['de_DE', undefined, 'de'],
    ['DE-de', undefined, 'de'],
    ['de_DE.UTF-8', undefined, 'de'],
    ['de_DE@euro', undefined, 'de'],
    [' fr-CA ', undefined, 'fr'],
    ['pt-BR', undefined, 'pt'],
    ['pt_PT', undefined, 'pt'],
    ['ja', 'de', 'ja'],
    ['ko-KR', 'de', 'ko'],
    ['en-US', 'de', 'en'],
    ['zh', undefined, 'zh-Hans'],
    ['zh-CN', 'de', 'zh-Hans'],
    ['zh_SG', undefined, 'zh-Hans'],
    ['zh-Hans', undefined, 'zh-Hans'],
    ['zh-Hans-CN', 'de', 'zh-Hans'],
    ['zh-hans-tw', undefined, 'zh-Hans'],
    // Traditional Chinese is not supported, so the claim falls through to the header, then English.
    ['zh-TW', 'fr', 'fr'],
    ['zh-TW', undefined, 'en'],
    ['zh-HK', 'zh-CN', 'zh-Hans'],
    ['zh-MO', 'it', 'it'],
    ['zh-Hant', 'nl', 'nl'],
    ['zh-Hant-CN', 'nl', 'nl'],
    ['zh-Latn', 'es', 'es'],
    // Unsupported or unusable claims fall through.
    ['sv-SE', 'fr', 'fr'],
    ['', 'fr', 'fr'],
    ['   ', 'fr', 'fr'],
    ['*', 'fr', 'fr'],
    ['de;q=1', 'fr', 'fr'],
    ['de-DE\u0000', 'fr', 'fr'],
    ['i-klingon', 'fr', 'fr'],
    ['123', 'fr', 'fr'],
    [`de-${'x'.repeat(1000)}`, 'fr', 'fr'],
  ])('claim %j with Accept-Language %j => %s', (claim, header, expected) => {
    expect(negotiateLanguage(claim, header)).toBe(expected);
  });
});

describe('negotiateLanguage: Accept-Language', () => {
  it.each<Row>([
    [undefined, undefined, 'en'],
    [undefined, '', 'en'],
    [undefined, 'de', 'de'],
    [undefined, 'DE-at', 'de'],
    [undefined, 'fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', 'fr'],
    [undefined, 'da, en-GB;q=0.8, en;q=0.7', 'en'],
    [undefined, 'sv, nb;q=0.9, de;q=0.5', 'de'],
    [undefined, 'ja;q=0.5, ko;q=0.8', 'ko'],
    [undefined, 'it;q=0.3, nl;q=0.301', 'nl'],
    [undefined, 'pt;q=1.000, es;q=0.999', 'pt'],
    // Equal weights keep header order.
    [undefined, 'de;q=0.5, fr;q=0.5', 'de'],
    [undefined, 'fr;q=0.5, de;q=0.5', 'fr'],
    [undefined, 'es, it', 'es'],
    // q=0 means "not acceptable", and an explicit refusal wins over acceptance of the same language.
    [undefined, 'de;q=0, fr;q=0.1', 'fr'],
    [undefined, 'de-AT, de;q=0, it;q=0.2', 'it'],
    [undefined, 'de;q=0.000', 'en'],
    [undefined, 'fr;q=0', 'en'],
    // "*" stands for any language no other range mentions.
    [undefined, '*', 'en'],
    [undefined, 'en;q=0.1, *', 'de'],
    [undefined, 'en;q=0, *;q=0.5', 'de'],
    [undefined, 'en;q=0, de;q=0, *', 'fr'],
    [undefined, '*;q=0.5, fr', 'fr'],
    [undefined, 'sv, *;q=0.1', 'en'],
    [undefined, '*;q=0', 'en'],
    // Chinese scripts and regions.
    [undefined, 'zh', 'zh-Hans'],
    [undefined, 'zh-CN', 'zh-Hans'],
    [undefined, 'zh-SG', 'zh-Hans'],
    [undefined, 'zh-Hans', 'zh-Hans'],
    [undefined, 'ZH-hans-cn', 'zh-Hans'],
    [undefined, 'zh-TW, zh;q=0.8', 'zh-Hans'],
    [undefined, 'zh-TW, zh-HK;q=0.9, ja;q=0.1', 'ja'],
    [undefined, 'zh-Hant, ko;q=0.5', 'ko'],
    [undefined, 'zh-Hant-TW', 'en'],
    // Malformed entries are ignored; the rest of the header still counts.
    [undefined, 'de;q=abc, fr;q=0.1', 'fr'],
    [undefined, 'de;q=1.5, fr;q=0.1', 'fr'],
    [undefined, 'de;q=0.1234, fr;q=0.1', 'fr'],
    [undefined, 'de;q=-1, fr;q=0.1', 'fr'],
    [undefined, 'de;q=, fr;q=0.1', 'fr'],
    [undefined, 'de; q = 0.9, fr;q=0.1', 'fr'],
    [undefined, 'de;level=1, fr;q=0.5', 'fr'],
    [undefined, 'de;q=0.9;q=0.8, fr;q=0.5', 'fr'],
    [undefined, 'de_DE, fr;q=0.1', 'fr'],
    [undefined, 'de-, fr;q=0.2', 'fr'],
    [undefined, 'averylonglanguage, it', 'it'],
    [undefined, 'd e, nl;q=0.2', 'nl'],
    [undefined, '"de", es;q=0.2', 'es'],
    // Whitespace, case and empty list elements are tolerated.
    [undefined, '  de ;  q=0.7 ,fr;Q=0.8', 'fr'],
    [undefined, ',,, ,de', 'de'],
    [undefined, 'de;q=0., fr;q=0.1', 'fr'],
    [undefined, 'ko;q=1., ja;q=0.9', 'ko'],
    // Garbage.
    [undefined, ';;;', 'en'],
    [undefined, 'q=1', 'en'],
    [undefined, '\u0000\uffff\ud800', 'en'],
    [undefined, '😀, 日本語', 'en'],
  ])('claim %j with Accept-Language %j => %s', (claim, header, expected) => {
    expect(negotiateLanguage(claim, header)).toBe(expected);
  });
});

describe('negotiateLanguage: bounded work on huge headers', () => {
  it('reads the first 50 entries and ignores the rest', () => {
    expect(negotiateLanguage(undefined, `${'xx,'.repeat(49)}de`)).toBe('de');
    expect(negotiateLanguage(undefined, `${'xx,'.repeat(50)}de`)).toBe('en');
  });

  it('reads only the first 4 KB and drops the entry the cut went through', () => {
    expect(negotiateLanguage(undefined, `${'a'.repeat(5000)},de`)).toBe('en');
    expect(negotiateLanguage(undefined, `de;q=0.1, ${'a'.repeat(10_000)}`)).toBe('de');
    // Few entries but a long run of whitespace, so the cut lands exactly after "zh" of "zh-TW",
    // which must not be read as Simplified Chinese.
    const padding = `de;q=0.1,${' '.repeat(4084)},`;
    expect(padding.length).toBe(4094);
    expect(negotiateLanguage(undefined, `${padding}zh`)).toBe('zh-Hans'); // exactly 4096: kept whole
    expect(negotiateLanguage(undefined, `${padding}zh-TW`)).toBe('de');
  });

  it('answers quickly for a multi-megabyte header', () => {
    const started = performance.now();
    expect(negotiateLanguage(undefined, 'de-'.repeat(3_000_000))).toBe('en');
    expect(negotiateLanguage(undefined, 'x,'.repeat(3_000_000))).toBe('en');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('negotiateLanguage: never throws', () => {
  it.each([null, 123, {}, ['de'], Symbol('de'), () => 'de'])(
    'returns English for a non-string %s',
    (value) => {
      const junk = value as unknown as string;
      expect(negotiateLanguage(junk, junk)).toBe('en');
    },
  );

  it('returns a supported language for random input', () => {
    // Deterministic PRNG (mulberry32) so a failure is reproducible.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = 'abzhdeHansTW-_;=q.,*0159 \t"\u0000é日';
    const randomString = () =>
      Array.from(
        { length: Math.floor(random() * 60) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
    for (let i = 0; i < 2000; i += 1) {
      expect(SUPPORTED_LANGUAGES).toContain(negotiateLanguage(randomString(), randomString()));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ERROR_IDS } from '../../shared/errors/catalogue.js';
import { type Language, SUPPORTED_LANGUAGES } from '../../shared/i18n/languages.js';
import { messageFor } from '../../shared/i18n/message-for.js';
import { de } from '../../shared/i18n/messages/de.js';
import { en } from '../../shared/i18n/messages/en.js';
import { es } from '../../shared/i18n/messages/es.js';
import { fr } from '../../shared/i18n/messages/fr.js';
import { it as italian } from '../../shared/i18n/messages/it.js';
import { ja } from '../../shared/i18n/messages/ja.js';
import { ko } from '../../shared/i18n/messages/ko.js';
import { nl } from '../../shared/i18n/messages/nl.js';
import { pt } from '../../shared/i18n/messages/pt.js';
import { zhHans } from '../../shared/i18n/messages/zh-hans.js';

const TABLES: Record<Language, Record<string, string>> = {
  en,
  de,
  fr,
  es,
  it: italian,
  nl,
  pt,
  ja,
  ko,
  'zh-Hans': zhHans,
};
const NON_ENGLISH = SUPPORTED_LANGUAGES.filter((l) => l !== 'en');
const CELLS = SUPPORTED_LANGUAGES.flatMap((language) => ERROR_IDS.map((id) => ({ language, id })));

// Words the client must send literally; translating them would tell the user to send the wrong thing.
const LITERALS: Partial<Record<(typeof ERROR_IDS)[number], string[]>> = {
  PortalSTS0002: ['client_id', '36'],
  PortalSTS0003: ['state', '20'],
  PortalSTS0004: ['nonce', '20'],
  PortalSTS0006: ['application/x-www-form-urlencoded'],
  PortalSTS0007: ["'token'"],
  PortalSTS0008: ['OAuth 2.0'],
  PortalSTS0015: ['HTTP'],
};

describe('SUPPORTED_LANGUAGES', () => {
  it('lists the ten languages with English first', () => {
    expect(SUPPORTED_LANGUAGES).toEqual(['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ja', 'ko', 'zh-Hans']);
  });
});

describe('message tables', () => {
  it.each(SUPPORTED_LANGUAGES)('%s has exactly the catalogue ids', (language) => {
    expect(Object.keys(TABLES[language]).sort()).toEqual([...ERROR_IDS].sort());
  });

  it.each(CELLS)('$language $id is a non-empty, trimmed sentence', ({ language, id }) => {
    const message = messageFor(id, language);
    expect(message.trim()).toBe(message);
    expect(message.length).toBeGreaterThan(3);
    expect(message).toMatch(/[.。]$/u);
  });

  it.each(CELLS)('$language $id has no placeholder residue', ({ language, id }) => {
    expect(messageFor(id, language)).not.toMatch(
      /[{}<>]|%[sdio]|\$|\bTODO\b|\bFIXME\b|\bXXX\b|undefined|\s{2}/u,
    );
  });

  it.each(NON_ENGLISH.flatMap((language) => ERROR_IDS.map((id) => ({ language, id }))))(
    '$language $id is translated (differs from English)',
    ({ language, id }) => {
      expect(messageFor(id, language)).not.toBe(en[id]);
    },
  );

  it.each(CELLS.filter(({ id }) => LITERALS[id]))(
    '$language $id keeps literal tokens',
    ({ language, id }) => {
      for (const literal of LITERALS[id] ?? []) expect(messageFor(id, language)).toContain(literal);
    },
  );

  it.each(SUPPORTED_LANGUAGES)('%s uses a different message for every id', (language) => {
    const messages = ERROR_IDS.map((id) => messageFor(id, language));
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('keeps Power Pages’ English text for PortalSTS0001 exactly', () => {
    expect(messageFor('PortalSTS0001', 'en')).toBe(
      'Client Id provided in the request is not a valid client Id registered for this portal. Please check the parameter and try again.',
    );
  });

  it('writes Japanese, Korean and Chinese in their own scripts', () => {
    for (const id of ERROR_IDS) {
      expect(messageFor(id, 'ja')).toMatch(/[\u3040-\u30ff]/u); // kana
      expect(messageFor(id, 'ko')).toMatch(/[\uac00-\ud7af]/u); // hangul
      expect(messageFor(id, 'zh-Hans')).toMatch(/[\u4e00-\u9fff]/u); // hanzi
      expect(messageFor(id, 'zh-Hans')).not.toMatch(/[\u3040-\u30ff\uac00-\ud7af]/u);
    }
  });
});

describe('messageFor', () => {
  it('returns the entry of the requested language', () => {
    expect(messageFor('PortalSTS0016', 'de')).toBe('Die Anforderung ist zu groß.');
    expect(messageFor('PortalSTS0016', 'zh-Hans')).toBe(zhHans.PortalSTS0016);
  });

  it('falls back to English for a language that slipped past the types', () => {
    expect(messageFor('PortalSTS0009', 'sv' as Language)).toBe(en.PortalSTS0009);
    expect(messageFor('PortalSTS0009', '__proto__' as Language)).toBe(en.PortalSTS0009);
  });

  it('falls back to the generic message for an id that slipped past the types', () => {
    expect(messageFor('PortalSTS9999' as 'PortalSTS0001', 'fr')).toBe(en.PortalSTS0019);
    expect(messageFor('toString' as 'PortalSTS0001', 'en')).toBe(en.PortalSTS0019);
  });
});

import type { ErrorId } from '../errors/catalogue.js';
import type { Language } from './languages.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';
import { it } from './messages/it.js';
import { ja } from './messages/ja.js';
import { ko } from './messages/ko.js';
import { nl } from './messages/nl.js';
import { pt } from './messages/pt.js';
import { zhHans } from './messages/zh-hans.js';

// A full Record over Language, so adding a language without its message file fails to compile.
const MESSAGES: Readonly<Record<Language, Readonly<Record<ErrorId, string>>>> = {
  en,
  de,
  fr,
  es,
  it,
  nl,
  pt,
  ja,
  ko,
  'zh-Hans': zhHans,
};

/**
 * The user-facing message for an error in the given language. Error rendering must never fail, so a
 * value that slipped past the types (an unknown language or id from untyped code) falls back to
 * English, and then to the generic unexpected-error message, instead of returning undefined.
 */
export function messageFor(id: ErrorId, language: Language): string {
  const table = Object.hasOwn(MESSAGES, language) ? MESSAGES[language] : en;
  if (Object.hasOwn(table, id)) return table[id];
  return Object.hasOwn(en, id) ? en[id] : en.PortalSTS0019;
}

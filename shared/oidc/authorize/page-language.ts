import { DEFAULT_LANGUAGE, type Language } from '../../i18n/languages.js';
import { negotiateLanguage } from '../../i18n/negotiate-language.js';

/** ui_locales is a client-supplied list; only its first few tags are looked at. */
const MAX_UI_LOCALES = 10;

/** The first tag of ui_locales (OIDC Core 3.1.2.1, space-separated BCP 47) that we have text in. */
function uiLocalesLanguage(uiLocales: string | undefined): Language | undefined {
  for (const tag of (uiLocales ?? '').split(' ').filter(Boolean).slice(0, MAX_UI_LOCALES)) {
    const language = negotiateLanguage(undefined, tag);
    // negotiateLanguage falls back to English; only a tag that asks for English may yield it here.
    if (language !== DEFAULT_LANGUAGE || /^en(-|$)/i.test(tag)) return language;
  }
  return undefined;
}

/**
 * The language of the pages the authorize endpoints render: ui_locales when the client sent one
 * we have (the application knows what language its user is reading), else the user's locale
 * claim, else Accept-Language, else English.
 */
export function pageLanguage(
  localeClaim: string | undefined,
  acceptLanguage: string | null,
  uiLocales: string | undefined,
): Language {
  return uiLocalesLanguage(uiLocales) ?? negotiateLanguage(localeClaim, acceptLanguage ?? undefined);
}

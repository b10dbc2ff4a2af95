/**
 * The languages error messages are translated into. English comes first because it is the fallback
 * when neither the user's locale claim nor Accept-Language names a supported language. Chinese is
 * Simplified only: Traditional Chinese (zh-TW, zh-HK, zh-Hant) must fall through rather than be
 * served Simplified text.
 */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ja', 'ko', 'zh-Hans'] as const;

export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

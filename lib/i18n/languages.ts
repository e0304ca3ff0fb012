/** The languages Keyhold speaks, English first because it is the fallback. */
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'zh'] as const;

/** A language Keyhold has catalogs for, as its primary language subtag. */
export type Language = (typeof LANGUAGES)[number];

/** The user's choice: a language, or `auto` to follow the browser. */
export type LanguageSetting = 'auto' | Language;

/** Each language's name in itself, so people find theirs in a picker whatever the current language. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
  // The Chinese catalogs are written in simplified characters, so the picker says so.
  zh: '简体中文',
};

/** True when `value` is one of the supported languages. */
export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The supported language a BCP 47 tag such as `zh-Hans-CN` or `fr-CA` belongs to, or null. */
export function languageOfTag(tag: string): Language | null {
  const primary = tag.trim().split(/[-_]/)[0]!.toLowerCase();
  return isLanguage(primary) ? primary : null;
}

/** The language to show: the setting when one is chosen, else the first supported browser language, else English. */
export function resolveLanguage(setting: LanguageSetting, browserLanguages: readonly string[]): Language {
  if (setting !== 'auto') return setting;
  for (const tag of browserLanguages) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return 'en';
}

/** The `Accept-Language` value for `language`, with English as the server's second choice. */
export function acceptLanguageHeader(language: Language): string {
  return language === 'en' ? 'en' : `${language}, en;q=0.5`;
}

import { de } from './catalogs/de';
import { en, type Catalog, type MessageKey } from './catalogs/en';
import { es } from './catalogs/es';
import { fr } from './catalogs/fr';
import { zh } from './catalogs/zh';
import { numberFormat } from './formats';
import type { Language } from './languages';

export type { Catalog, MessageKey } from './catalogs/en';

// All five catalogs are imported statically: together they are a few kilobytes gzipped, less than
// a lazy loader and the popup's wait for it would cost.

/** Every catalog, by language. */
export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, es, fr, de, zh };

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Returns the message for `key` in one language, with its placeholders filled in. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Returns `template` with each `{name}` replaced by `params[name]`, numbers written the way
 * `language` writes them. A placeholder without a value stays as written, so the gap shows on screen
 * instead of reading "undefined".
 */
export function formatMessage(template: string, params: MessageParams = {}, language: Language = 'en'): string {
  if (!template.includes('{')) return template;
  return template.replace(PLACEHOLDER, (placeholder, name: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    const value = params[name]!;
    return typeof value === 'number' ? numberFormat(language).format(value) : value;
  });
}

/** Returns the `t` function for `language`. */
export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, params) => formatMessage(catalog[key], params, language);
}

import type { MessageKey } from './catalogs/en';
import { numberFormat } from './formats';
import type { Language } from './languages';

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

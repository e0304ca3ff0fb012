import type { ErrorCode } from '../../lib/contract/errors';
import { LANGUAGES, languageOfTag, type Language } from '../../lib/i18n/languages';
import { de } from './error-catalogs/de';
import { en } from './error-catalogs/en';
import { es } from './error-catalogs/es';
import { fr } from './error-catalogs/fr';
import { zh } from './error-catalogs/zh';

// Messages people read, by language and error code: the same five languages as the clients
// (lib/i18n/languages.ts). The type makes a missing language or code a compile error, and the
// convention test in error-messages.test.ts says which one.

/** Every catalog, by language. */
export const ERROR_MESSAGES: Readonly<Record<Language, Readonly<Record<ErrorCode, string>>>> = { en, es, fr, de, zh };

interface LanguageRange {
  tag: string;
  quality: number;
}

// RFC 9110 §12.5.4: `tag;q=0.8`, q from 0 to 1 (1 when absent). An unreadable or out-of-range q
// counts as 0, so a garbled header can only lose a preference, never invent one.
function parseRange(part: string): LanguageRange {
  const [tag = '', ...params] = part.split(';').map((piece) => piece.trim());
  const q = params.find((param) => /^q=/i.test(param));
  const quality = q === undefined ? 1 : Number(q.slice(2));
  return { tag: tag.toLowerCase(), quality: quality >= 0 && quality <= 1 ? quality : 0 };
}

// Highest quality first; Array.prototype.sort is stable, so equal qualities keep the header's order.
function parseAcceptLanguage(header: string): LanguageRange[] {
  return header
    .split(',')
    .map(parseRange)
    .filter((range) => range.tag !== '')
    .sort((a, b) => b.quality - a.quality);
}

/** The most preferred language of `acceptLanguage` that has a catalog (`fr-CA` → fr, `zh-CN` → zh); English otherwise. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  const ranges = parseAcceptLanguage(acceptLanguage ?? '');
  // `*` means "anything else", so it may not bring back a language the header refused with q=0.
  const refused = new Set(ranges.filter((range) => range.quality === 0).map((range) => range.tag));
  for (const { tag, quality } of ranges) {
    if (quality === 0) break;
    if (tag === '*') return LANGUAGES.find((language) => !refused.has(language)) ?? 'en';
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return 'en';
}

/** The message for `code` in the caller's language. */
export function errorMessage(code: ErrorCode, acceptLanguage: string | undefined): string {
  return ERROR_MESSAGES[negotiateLanguage(acceptLanguage)][code];
}

import { formatMessage, type MessageParams } from '../../../lib/i18n/translate';
import type { Language } from '../../../lib/i18n/languages';
import type { LinkPageKey } from '../page-catalogs';

// The server writes the page's strings (page-catalogs/), in the language it negotiated from
// Accept-Language, into a JSON block of the page (link-page.routes.ts), so the script carries none.

/** Translates a link page key. */
export type PageTranslate = (key: LinkPageKey, params?: MessageParams) => string;

/** The page's language and its `t`, from the JSON block the server wrote. */
export function pageStrings(document: Document): { language: Language; t: PageTranslate } {
  const block = document.getElementById('link-strings')?.textContent ?? '{}';
  const { language = 'en', strings = {} } = JSON.parse(block) as { language?: Language; strings?: Partial<Record<LinkPageKey, string>> };
  return { language, t: (key, params) => formatMessage(strings[key] ?? key, params, language) };
}

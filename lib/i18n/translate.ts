import { de } from './catalogs/de';
import { en, type Catalog } from './catalogs/en';
import { es } from './catalogs/es';
import { fr } from './catalogs/fr';
import { zh } from './catalogs/zh';
import { formatMessage, type Translate } from './format-message';
import type { Language } from './languages';

export type { Catalog, MessageKey } from './catalogs/en';
export { formatMessage, type MessageParams, type Translate } from './format-message';

// All five catalogs are imported statically by the pages: together they are a few kilobytes gzipped,
// less than a lazy loader and the popup's wait for it would cost. The service worker, which needs a
// handful of messages, reads one catalog file instead (catalog-files.ts), so the package holds no
// second copy of them all.

/** Every catalog, by language. */
export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, es, fr, de, zh };

/** Returns the `t` function for `language`. */
export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, params) => formatMessage(catalog[key], params, language);
}

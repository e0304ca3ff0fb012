import type { Catalog } from './catalogs/en';
import { formatMessage, type Translate } from './format-message';
import type { Language } from './languages';

// The service worker needs a few messages (a refused shortcut fill's tooltip, the autofill icon's
// label) and must not carry its own copy of every catalog: the extension serves each catalog as a
// JSON file (written by wxt.config.ts from the same catalogs the pages import), and the worker
// reads only the language in use, once.

/** Where the extension serves `language`'s catalog, from its root. */
export const catalogFile = (language: Language) => `/i18n/${language}.json`;

/** Fetches an extension file by its path from the root (the worker passes runtime.getURL + fetch). */
export type FetchExtensionFile = (path: string) => Promise<Response>;

/** A function giving the `t` of a language, reading each language's catalog file at most once. */
export function catalogFileTranslators(fetchFile: FetchExtensionFile): (language: Language) => Promise<Translate> {
  const catalogs = new Map<Language, Promise<Catalog>>();
  const load = async (language: Language): Promise<Catalog> => {
    const response = await fetchFile(catalogFile(language));
    if (!response.ok) throw new Error(`the ${language} catalog file is missing (${response.status})`);
    return (await response.json()) as Catalog;
  };
  return async (language) => {
    let catalog = catalogs.get(language);
    if (!catalog) {
      catalog = load(language);
      catalogs.set(language, catalog);
      // A failed read is tried again next time rather than remembered.
      catalog.catch(() => catalogs.delete(language));
    }
    const messages = await catalog;
    return (key, params) => formatMessage(messages[key], params, language);
  };
}

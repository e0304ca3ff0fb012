import type { Language } from '../../../lib/i18n/languages';
import { de } from './de';
import { en, type LinkPageCatalog } from './en';
import { es } from './es';
import { fr } from './fr';
import { zh } from './zh';

// The recipient's page is served by the server to browsers without the extension, so its strings
// live here (like server/http/error-catalogs) rather than in the extension's catalogs, where they
// would only add to the extension package. Same five languages as everything else.

export type { LinkPageCatalog, LinkPageKey } from './en';

/** The link page's strings, by language. */
export const LINK_PAGE_CATALOGS: Readonly<Record<Language, LinkPageCatalog>> = { en, es, fr, de, zh };

// The kinds an item's URLs and fields come in, apart from the zod route definitions that use them,
// so the extension's messages can name them without loading the API contract into every page.

/** How an entry's URL matches a page: registrable domain, host, prefix, exact, pattern, or never. */
export const URL_MATCHES = ['domain', 'host', 'starts-with', 'exact', 'regex', 'never'] as const;
/** What an encrypted field holds. */
export const FIELD_TYPES = ['password', 'text', 'totp', 'notes'] as const;

// Passwork 7's access levels, apart from the zod route definitions that use them, so the
// extension's messages can name them without loading the API contract into every page.

/** Weakest first: read only, read and edit, full access, administrator. */
export const ACCESS_LEVELS = ['read', 'edit', 'full', 'admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

// Passwork 7's access levels, apart from the zod route definitions that use them, so the
// extension's messages can name them without loading the API contract into every page.
// docs/access-control.md says what each allows; server/access/levels.ts holds the server's table.

/** The levels a caller can hold somewhere they can see, weakest first. */
export const ACCESS_LEVELS = ['navigation', 'read', 'edit', 'full', 'admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The levels a grant can give: forbidden shuts a vault or folder that a broader grant opens. */
export const GRANT_LEVELS = ['forbidden', ...ACCESS_LEVELS] as const;
export type GrantLevel = (typeof GRANT_LEVELS)[number];

/** True when `level` allows what `needed` allows. */
export function levelAllows(level: GrantLevel | null | undefined, needed: GrantLevel): boolean {
  return level !== null && level !== undefined && GRANT_LEVELS.indexOf(level) >= GRANT_LEVELS.indexOf(needed);
}

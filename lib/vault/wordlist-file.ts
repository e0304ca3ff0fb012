/**
 * Where the extension serves the EFF large wordlist (lib/vault/wordlist.ts) as a JSON array, from
 * its root: the popup's passphrase mode and the password strength estimator both read it on first
 * use, so the extension carries one copy and no page loads it before it needs it.
 */
export const WORDLIST_FILE = '/wordlists/eff-large.json';

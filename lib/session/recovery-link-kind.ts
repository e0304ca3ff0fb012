// Which kind of link the user pasted, without the parsing (and crypto) the popup need not load:
// `<server>/recover/<id>#…` is an account recovery, anything else is tried as an invitation.

/** The path of a recovery link before its fragment: the server URL, then the recovery id. */
export const RECOVER_PATH = /^(.*)\/recover\/([A-Za-z0-9_-]{8,64})\/?$/;

/** True when `link` looks like a recovery link rather than an invitation (the screens word it differently). */
export function isRecoveryLink(link: string): boolean {
  const hashAt = link.indexOf('#');
  return RECOVER_PATH.test((hashAt < 0 ? link : link.slice(0, hashAt)).trim());
}

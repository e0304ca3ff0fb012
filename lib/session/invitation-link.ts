import { parseInvitationFragment } from '../crypto/invitation';
import { RECOVER_PATH } from './recovery-link-kind';
import { normaliseServerUrl } from './server-url';

// An invitation link is `<server>/join/<invitation id>#org=<fingerprint>&secret=<secret>`: the
// part before the fragment tells the newcomer's client where to register; the fragment, which
// browsers never send to a server, carries what the client pins and proves.

const JOIN_PATH = /^(.*)\/join\/([A-Za-z0-9_-]{8,64})\/?$/;

export interface InvitationLink {
  serverUrl: string;
  invitationId: string;
  /** The fragment without `#`, as `prepareRegistration` reads it. */
  fragment: string;
}

/** The link an administrator sends. */
export function formatInvitationLink(serverUrl: string, invitationId: string, fragment: string): string {
  return `${serverUrl}/join/${invitationId}#${fragment}`;
}

/** Parses a pasted invitation link; throws (MalformedError, ServerUrlError) for anything else. */
export function parseInvitationLink(link: string): InvitationLink {
  const hashAt = link.indexOf('#');
  if (hashAt < 0) throw new InvitationLinkError();
  const fragment = link.slice(hashAt + 1).trim();
  parseInvitationFragment(fragment);
  const match = JOIN_PATH.exec(link.slice(0, hashAt).trim());
  if (!match) throw new InvitationLinkError();
  return { serverUrl: normaliseServerUrl(match[1]!), invitationId: match[2]!, fragment };
}

export class InvitationLinkError extends Error {
  constructor() {
    super('That is not a Keyhold invitation link.');
    this.name = 'InvitationLinkError';
  }
}

// A recovery link is `<server>/recover/<recovery id>#org=<fingerprint>&secret=<secret>`: the same
// fragment as an invitation's, for an existing account's new keys (docs/access-control.md).

/** The recovery link an administrator hands to the user who forgot their master password. */
export function formatRecoveryLink(serverUrl: string, recoveryId: string, fragment: string): string {
  return `${serverUrl}/recover/${recoveryId}#${fragment}`;
}

/** Parses a pasted recovery link (`invitationId` is the recovery's id); throws like parseInvitationLink. */
export function parseRecoveryLink(link: string): InvitationLink {
  const hashAt = link.indexOf('#');
  if (hashAt < 0) throw new InvitationLinkError();
  const fragment = link.slice(hashAt + 1).trim();
  parseInvitationFragment(fragment);
  const match = RECOVER_PATH.exec(link.slice(0, hashAt).trim());
  if (!match) throw new InvitationLinkError();
  return { serverUrl: normaliseServerUrl(match[1]!), invitationId: match[2]!, fragment };
}

// Every context string Keyhold binds a ciphertext or MAC to, in one place, so docs/cryptography.md
// and the code cannot drift. Ids are checked: an id containing "/" could make two different places
// produce the same context, which would let a server move ciphertext between them.

function part(value: string | number): string {
  const text = String(value);
  if (text === '' || text.includes('/') || [...text].some((char) => char.charCodeAt(0) < 0x20)) throw new RangeError(`invalid context part ${JSON.stringify(text)}`);
  return text;
}

/** Joins checked parts with "/". */
export function context(...parts: (string | number)[]): string {
  return parts.map(part).join('/');
}

/** An entry key wrapped by the key of the vault a shortcut is placed in (never the entry's own vault: see entryKeyContext). */
export const shortcutKeyContext = (vaultId: string, shortcutId: string, itemId: string, vaultKeyVersion: number) => context('shortcut', vaultId, shortcutId, itemId, vaultKeyVersion);

/** A user's private key of algorithm `alg`, under their master key. */
export const userPrivateKeyContext = (userId: string, alg: string) => context('user', userId, 'private-key', alg);
/** An entry key, under the vault key of `vaultKeyVersion`. */
export const entryKeyContext = (vaultId: string, itemId: string, vaultKeyVersion: number) => context('entry-key', vaultId, itemId, vaultKeyVersion);
/**
 * One encrypted field of an entry (password, custom field, notes) in one revision, under the entry
 * key. The revision is there because the entry key stays the same across revisions: without it a
 * server could serve the current metadata with an older revision's password or TOTP secret.
 */
export const itemFieldContext = (vaultId: string, itemId: string, revision: number, fieldId: string) => context('item', vaultId, itemId, revision, fieldId);
/** The organisation's signing private key, under the organisation key-encryption key. */
export const organisationKeyContext = (organisationId: string) => context('organisation', organisationId, 'signing-private-key');
/** One segment of a segmented blob. */
export const segmentContext = (blobId: string, index: number, isFinal: boolean) => context(blobId, index, isFinal ? 1 : 0);
/** An invitation secret, under the organisation KEK (so any administrator can check newcomers). */
export const invitationSecretContext = (invitationId: string) => context('invitation', invitationId, 'secret');
/**
 * One record of the extension's offline cache (docs/offline-cache.md), under the account's cache key
 * (or, for the cache key itself, the master key). The origin is percent-encoded because it holds
 * "/"; naming the origin and the user keeps a record of one account from passing for another's.
 */
export const offlineCacheContext = (serverOrigin: string, userId: string, ...where: (string | number)[]) => context('cache', encodeURIComponent(serverOrigin), userId, ...where);
/** A machine account's private key of algorithm `alg`, under the organisation KEK (so administrators can issue further access keys). */
export const machinePrivateKeyContext = (machineId: string, alg: string) => context('machine', machineId, 'private-key', alg);
/** A machine account's private key of algorithm `alg`, under one access key's wrapping key. */
export const accessKeyPrivateKeyContext = (machineId: string, accessKeyId: string, alg: string) => context('machine', machineId, 'access-key', accessKeyId, 'private-key', alg);
/** The organisation key fingerprint the machine pins, sealed by the administrator under one access key's wrapping key. */
export const accessKeyPinContext = (machineId: string, accessKeyId: string) => context('machine', machineId, 'access-key', accessKeyId, 'organisation-fingerprint');
/** The data of a share link, under the link's encryption key (docs/cryptography.md, "Link keys"). */
export const linkEntryContext = (linkId: string) => context('link', linkId, 'entry');
/**
 * The blob id of an attachment's segmented blob, "attachment.<item>.<attachment>": its segments are
 * bound to "<blobId>/<index>/<final>", and a blob id is one context part (ids never hold "."). The
 * item and attachment ids, not the vault: an entry moved to another vault keeps its files.
 */
export function attachmentBlobId(itemId: string, attachmentId: string): string {
  if (itemId.includes('.') || attachmentId.includes('.')) throw new RangeError('attachment and item ids never hold "."');
  return context(`attachment.${itemId}.${attachmentId}`);
}
/** An attachment's file key, under the entry key. */
export const attachmentKeyContext = (itemId: string, attachmentId: string) => context('attachment', itemId, attachmentId, 'key');
/** An attachment's name, media type and size (JSON), under the entry key. */
export const attachmentMetadataContext = (itemId: string, attachmentId: string) => context('attachment', itemId, attachmentId, 'metadata');

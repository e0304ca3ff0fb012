import { randomBytes } from '../crypto/bytes';
import type { CertifiedMember } from '../crypto/certificates';
import { CryptoError } from '../crypto/errors';
import type { Bytes } from '../crypto/primitives';
import { deriveSymmetricKey } from '../crypto/symmetric';
import { openKeyWrap, verifyKeyWrap, wrapKey, type KeyWrap } from '../crypto/wraps';
import type { VaultKey } from './item';

// The client side of vault sharing (docs/cryptography.md, "Key wraps"): a vault key is 32 random
// bytes made on the creator's device; it reaches each member only as a wrap to their certified
// key, signed by whoever granted it. The server picks who gets a wrap request, never what is in it.

/** A vault key as a member holds it: usable for items, and its bytes for wrapping to new members. */
export interface HeldVaultKey extends VaultKey {
  raw: Bytes;
}

/** Who signs a wrap: the granter's user id and their unlocked signing key. */
export interface Granter {
  userId: string;
  signingKey: CryptoKey;
}

async function held(vaultId: string, version: number, raw: Bytes): Promise<HeldVaultKey> {
  return { vaultId, version, key: await deriveSymmetricKey(raw), raw };
}

/** A fresh random key (version 1) for a new vault. */
export async function newVaultKey(vaultId: string): Promise<HeldVaultKey> {
  return held(vaultId, 1, randomBytes(32));
}

/** A fresh random key for a vault's rotation: the version after `current`'s. */
export async function rotatedVaultKey(current: HeldVaultKey): Promise<HeldVaultKey> {
  return held(current.vaultId, current.version + 1, randomBytes(32));
}

/**
 * The vault key wrapped to a certified recipient and signed by `granter` (for POST /vaults, and for
 * PUT /vaults/{id}/members/{userId} to share); throws for uncertified recipients.
 */
export async function wrapVaultKey(vault: HeldVaultKey, recipient: CertifiedMember, granter: Granter): Promise<KeyWrap> {
  return wrapKey({ kind: 'vault', subjectId: vault.vaultId, keyVersion: vault.version }, vault.raw, recipient, granter);
}

/** The body of POST /api/v1/vaults. */
export interface CreateVaultRequest {
  id: string;
  kind: 'company' | 'private';
  name: string;
  wraps: KeyWrap[];
}

/** Everyone a new vault's key is wrapped to: the creator, and for company vaults every administrator once. */
function recipientsOf(kind: CreateVaultRequest['kind'], me: CertifiedMember, administrators: readonly CertifiedMember[]): CertifiedMember[] {
  if (kind === 'private') return [me];
  const byId = new Map<string, CertifiedMember>([[me.userId, me]]);
  for (const administrator of administrators) {
    // The list comes from the server; the certificate's role is what the organisation signed, so a
    // server cannot get a company vault's key wrapped to an ordinary member by calling them an administrator.
    if (administrator.role !== 'administrator') throw new CryptoError('recipientNotAdministrator', `${administrator.login} is not an administrator.`);
    if (!byId.has(administrator.userId)) byId.set(administrator.userId, administrator);
  }
  return [...byId.values()];
}

/**
 * A new vault: its key, and the request for POST /api/v1/vaults with the key wrapped to the creator
 * (and, for a company vault, to every administrator). Throws if any recipient is not certified.
 */
export async function prepareVault(input: {
  id: string;
  kind: 'company' | 'private';
  name: string;
  me: CertifiedMember;
  signingKey: CryptoKey;
  administrators?: readonly CertifiedMember[];
}): Promise<{ request: CreateVaultRequest; vaultKey: HeldVaultKey }> {
  const vaultKey = await newVaultKey(input.id);
  const granter = { userId: input.me.userId, signingKey: input.signingKey };
  const wraps = await Promise.all(recipientsOf(input.kind, input.me, input.administrators ?? []).map((recipient) => wrapVaultKey(vaultKey, recipient, granter)));
  // A signing key that is not the creator's would make wraps no one accepts: a vault nobody can open.
  await verifyKeyWrap(wraps[0]!, { kind: 'vault', subjectId: input.id, recipientId: input.me.userId, keyVersion: 1 }, input.me);
  return { request: { id: input.id, kind: input.kind, name: input.name, wraps }, vaultKey };
}

/**
 * The vault key from the caller's wrap (GET /api/v1/vaults/{id}), once the granter's signature and
 * the wrap's address (vault, version, recipient) verify. Throws AuthenticationError otherwise.
 */
export async function openVaultKey(input: { vaultId: string; keyVersion: number; wrap: KeyWrap; me: string; privateKey: CryptoKey; granter: CertifiedMember }): Promise<HeldVaultKey> {
  const address = { kind: 'vault' as const, subjectId: input.vaultId, recipientId: input.me, keyVersion: input.keyVersion };
  const verified = await verifyKeyWrap(input.wrap, address, input.granter);
  return held(input.vaultId, input.keyVersion, await openKeyWrap(verified, input.privateKey));
}

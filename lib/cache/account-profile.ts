import type { z } from 'zod';
import type { meSchema } from '../contract/users';
import { toHex, utf8 } from '../crypto/bytes';
import { canonicalJson, type Canonical } from '../crypto/canonical';
import type { KdfParams } from '../crypto/kdf';
import { sha256 } from '../crypto/primitives';
import type { SealedPrivateKey } from '../crypto/user-keys';

// What the offline cache keeps in clear about an account, so unlock works with the server down:
// where and who (to list accounts and fill the unlock form), the KDF record (to derive the master
// key), and what the server sent already encrypted or signed (private keys sealed under the master
// key, the certificate and organisation key). None of it says anything about entries.

/** GET /api/v1/users/me as the server sent it. */
export type Me = z.infer<typeof meSchema>;

/** Which account a cache belongs to. */
export interface AccountId {
  serverUrl: string;
  userId: string;
}

/** The clear part of an account's cache; its digest is inside the encrypted state, so edits are caught at unlock. */
export interface AccountProfile extends AccountId {
  login: string;
  kdf: KdfParams;
  keys: { encryption: SealedPrivateKey; signing: SealedPrivateKey };
  me: Me;
  /** The organisation fingerprint this device pinned (at setup or from the invitation link), not the server's word. */
  pinnedFingerprint: string;
}

/** The origin accounts are keyed by: two URLs of one server are one account. */
export function serverOriginOf(serverUrl: string): string {
  return new URL(serverUrl).origin;
}

/** Hex SHA-256 of the profile's canonical JSON: what the encrypted state vouches for. */
export async function profileDigest(profile: AccountProfile): Promise<string> {
  return toHex(await sha256(utf8(canonicalJson(profile as unknown as Canonical))));
}

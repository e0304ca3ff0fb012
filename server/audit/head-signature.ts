import { createHash, sign, verify, type KeyObject } from 'node:crypto';

// A signed head vouches that the chain ended at `seq` with `hash` when it was signed
// (docs/audit.md "Signed heads"). The message is plain text so anyone can rebuild it outside
// Keyhold from an export and the public key alone.

/** The chain head at `seq`, signed by the audit signing key with id `keyId`. */
export interface SignedHead {
  seq: number;
  hash: string;
  signedAt: number;
  keyId: string;
  /** Base64 Ed25519 signature over headMessage(). */
  signature: string;
}

/** What a signature covers: `keyhold-audit-head-v1\n<seq>\n<hash hex>\n<signedAt ms>`, UTF-8. */
export function headMessage(head: Pick<SignedHead, 'seq' | 'hash' | 'signedAt'>): Buffer {
  return Buffer.from(`keyhold-audit-head-v1\n${head.seq}\n${head.hash}\n${head.signedAt}`, 'utf8');
}

/** First 16 hex characters of SHA-256 over the public key's SPKI DER. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Signs the head at `seq` (Ed25519 takes no digest name: null). */
export function signHead(privateKey: KeyObject, keyId: string, head: Pick<SignedHead, 'seq' | 'hash' | 'signedAt'>): SignedHead {
  return { seq: head.seq, hash: head.hash, signedAt: head.signedAt, keyId, signature: sign(null, headMessage(head), privateKey).toString('base64') };
}

/** Why a signed head is or is not good: `unknownKey` when no trusted public key has its id. */
export type HeadCheck = 'valid' | 'unknownKey' | 'invalid';

/** Checks `head`'s signature against the trusted public keys, by key id. */
export function checkHeadSignature(head: SignedHead, publicKeys: ReadonlyMap<string, KeyObject>): HeadCheck {
  const publicKey = publicKeys.get(head.keyId);
  if (!publicKey) return 'unknownKey';
  const signature = Buffer.from(head.signature, 'base64');
  // A signature that is not 64 bytes of canonical base64 is not Ed25519's, whatever verify() says of it.
  if (signature.length !== 64 || signature.toString('base64') !== head.signature) return 'invalid';
  return verify(null, headMessage(head), publicKey, signature) ? 'valid' : 'invalid';
}

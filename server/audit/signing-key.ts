import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { auditKeyId } from './head-signature';

// The audit signing key (docs/audit.md "Signed heads and the key") signs chain heads. It lives
// outside the database, so someone who can rewrite the database cannot sign a rewritten chain.
// One PEM file: the current Ed25519 private key, then the public keys of retired ones, so heads
// signed before a rotation stay verifiable. Every instance of one server must load the same file.

/** The key that signs new heads, and every public key heads may be checked with. */
export interface AuditSigningKey {
  keyId: string;
  privateKey: KeyObject;
  /** Current and retired public keys by key id. */
  publicKeys: Map<string, KeyObject>;
  /** Where it came from, for messages (never the key itself). */
  source: string;
}

/** Thrown for an audit key file or variable that cannot be used; the server refuses to start. */
export class AuditKeyError extends Error {}

/** `<data dir>/audit-signing-key.pem`. */
export function defaultAuditKeyFile(dataDir: string): string {
  return join(dataDir, 'audit-signing-key.pem');
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

function ed25519(key: KeyObject, source: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`${source}: the audit signing key must be Ed25519, not ${key.asymmetricKeyType}.`);
  return key;
}

/** Parses a key bundle: one PRIVATE KEY block (current), any number of PUBLIC KEY blocks (retired). */
export function parseAuditKey(pem: string, source: string): AuditSigningKey {
  const blocks = [...pem.matchAll(PEM_BLOCK)];
  const privateBlocks = blocks.filter((block) => block[1] === 'PRIVATE KEY');
  if (privateBlocks.length !== 1) throw new AuditKeyError(`${source}: expected exactly one PRIVATE KEY block (Ed25519, PKCS #8 PEM).`);
  let privateKey: KeyObject;
  const retired: KeyObject[] = [];
  try {
    privateKey = ed25519(createPrivateKey(privateBlocks[0]![0]), source);
    for (const block of blocks.filter((candidate) => candidate[1] === 'PUBLIC KEY')) retired.push(ed25519(createPublicKey(block[0]), source));
  } catch (error) {
    if (error instanceof AuditKeyError) throw error;
    throw new AuditKeyError(`${source}: not a usable key: ${(error as Error).message}`);
  }
  const current = createPublicKey(privateKey);
  const keyId = auditKeyId(current);
  const publicKeys = new Map(retired.map((key) => [auditKeyId(key), key] as const));
  publicKeys.set(keyId, current);
  return { keyId, privateKey, publicKeys, source };
}

/** The bundle's text: the current private key, then every other public key it trusts. */
export function auditKeyPem(key: Pick<AuditSigningKey, 'keyId' | 'privateKey' | 'publicKeys'>): string {
  const retired = [...key.publicKeys].filter(([id]) => id !== key.keyId).map(([, publicKey]) => publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return [key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), ...retired].join('');
}

/** The PEM (SPKI) of one public key. */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** A new key bundle whose retired keys are `previous`'s current and retired ones. */
export function newAuditKey(previous?: AuditSigningKey): Omit<AuditSigningKey, 'source'> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const keyId = auditKeyId(createPublicKey(privateKey));
  const publicKeys = new Map(previous?.publicKeys);
  publicKeys.set(keyId, createPublicKey(privateKey));
  return { keyId, privateKey, publicKeys };
}

/** Writes the bundle to `path` with mode 0600 (its directory 0700 when created). */
export function writeAuditKeyFile(path: string, key: Pick<AuditSigningKey, 'keyId' | 'privateKey' | 'publicKeys'>): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, auditKeyPem(key), { mode: 0o600 });
}

/**
 * Loads the audit key from `KEYHOLD_AUDIT_KEY` (the PEM text), else from `keyFile`; creates the
 * file on first start and says so, so the operator copies it to every instance and backs it up.
 */
export function loadAuditSigningKey(options: { keyFile: string; environment?: string | undefined; create?: boolean }): { key: AuditSigningKey; created: boolean } {
  if (options.environment) return { key: parseAuditKey(options.environment, 'KEYHOLD_AUDIT_KEY'), created: false };
  const keyFile = resolve(options.keyFile);
  if (existsSync(keyFile)) return { key: parseAuditKey(readFileSync(keyFile, 'utf8'), keyFile), created: false };
  if (options.create === false) throw new AuditKeyError(`no audit signing key at ${keyFile} (set --audit-key-file or KEYHOLD_AUDIT_KEY).`);
  const key = { ...newAuditKey(), source: keyFile };
  writeAuditKeyFile(keyFile, key);
  return { key, created: true };
}

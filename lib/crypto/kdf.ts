import { fromBase64Url, randomBytes, toBase64Url, toHex, utf8 } from './bytes';
import { KdfParametersError, UnknownVersionError } from './errors';
import { hkdfSha256, pbkdf2Sha256, sha256, type Bytes } from './primitives';
import { symmetricKeyFromHalves, type SymmetricKey } from './symmetric';

// Master password → PBKDF2-HMAC-SHA-256 → 256-bit seed → HKDF-SHA-256 → 512-bit master key
// (encryption half ‖ MAC half) and, separately, a 256-bit verifier whose SHA-256 is the
// `Passwork-MasterKeyHash` header. PBKDF2 stops at one SHA-256 block (32 bytes): asking it for 64
// bytes would make the user pay for two blocks while an attacker who checks one needs only one.

/** The key-derivation parameters a user's keys were made with, as the server stores and returns them. */
export interface KdfParams {
  version: 1;
  algorithm: 'pbkdf2-sha256';
  iterations: number;
  /** base64url of at least 16 random bytes, per user. */
  salt: string;
}

/** What new accounts get. */
export const KDF_DEFAULT_ITERATIONS = 600_000;
/** Passwork's own figure: clients refuse anything weaker, whatever the server says. */
export const KDF_MIN_ITERATIONS = 300_000;
/** A hostile server must not be able to freeze a client with an absurd count either. */
export const KDF_MAX_ITERATIONS = 10_000_000;
const SALT_LENGTH = 32;
const MIN_SALT_LENGTH = 16;

/** Fresh parameters for a new account (or a master-password change): a new random salt. */
export function newKdfParams(iterations = KDF_DEFAULT_ITERATIONS): KdfParams {
  return checkKdfParams({ version: 1, algorithm: 'pbkdf2-sha256', iterations, salt: toBase64Url(randomBytes(SALT_LENGTH)) });
}

/** Returns `params` if a client may use them; throws KdfParametersError or UnknownVersionError otherwise. */
export function checkKdfParams(params: unknown): KdfParams {
  const record = (typeof params === 'object' && params !== null ? params : {}) as Partial<Record<keyof KdfParams, unknown>>;
  if (record.version !== 1) throw new UnknownVersionError(String(record.version), 'key-derivation record');
  if (record.algorithm !== 'pbkdf2-sha256') throw new KdfParametersError(`Unknown key-derivation algorithm ${JSON.stringify(record.algorithm)}.`);
  const iterations = record.iterations;
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations)) throw new KdfParametersError('The iteration count is not a whole number.');
  if (iterations < KDF_MIN_ITERATIONS) throw new KdfParametersError(`The server asked for ${iterations} PBKDF2 iterations; Keyhold refuses fewer than ${KDF_MIN_ITERATIONS}.`);
  if (iterations > KDF_MAX_ITERATIONS) throw new KdfParametersError(`The server asked for ${iterations} PBKDF2 iterations; Keyhold refuses more than ${KDF_MAX_ITERATIONS}.`);
  if (typeof record.salt !== 'string' || fromBase64Url(record.salt, 'salt').length < MIN_SALT_LENGTH) throw new KdfParametersError('The salt is missing or shorter than 16 bytes.');
  return { version: 1, algorithm: 'pbkdf2-sha256', iterations, salt: record.salt };
}

/** The unlocked root of a user's key hierarchy. */
export interface MasterKey {
  /** The 64 raw bytes (encryption ‖ MAC), for the worker's resumable session only. */
  bytes: Bytes;
  key: SymmetricKey;
  /** Lowercase hex SHA-256 of the verifier: the `Passwork-MasterKeyHash` header value. */
  hash: string;
}

const EMPTY = new Uint8Array(0);

/** Passwords are NFC-normalised so "é" typed on macOS and on Windows derive the same key. */
export function passwordBytes(password: string): Bytes {
  return utf8(password.normalize('NFC'));
}

/** Derives the master key and its hash from the master password; checks `params` first. */
export async function deriveMasterKey(password: string, params: KdfParams): Promise<MasterKey> {
  const checked = checkKdfParams(params);
  const seed = await pbkdf2Sha256(passwordBytes(password), fromBase64Url(checked.salt, 'salt'), checked.iterations, 32);
  return masterKeyFromSeed(seed);
}

/** The HKDF step alone, from the 32-byte PBKDF2 seed (exported for test vectors). */
export async function masterKeyFromSeed(seed: Bytes): Promise<MasterKey> {
  const [bytes, verifier] = await Promise.all([
    hkdfSha256(seed, EMPTY, utf8('keyhold/v1/master-key'), 64),
    hkdfSha256(seed, EMPTY, utf8('keyhold/v1/master-key-verifier'), 32),
  ]);
  return restoreMasterKey(bytes, toHex(await sha256(verifier)));
}

/** Rebuilds a MasterKey from its 64 bytes and hash (a worker resuming its session). */
export async function restoreMasterKey(bytes: Bytes, hash: string): Promise<MasterKey> {
  if (bytes.length !== 64) throw new RangeError('the master key is 64 bytes');
  return { bytes, key: await symmetricKeyFromHalves(bytes.slice(0, 32), bytes.slice(32)), hash };
}

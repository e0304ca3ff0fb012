import { fromUtf8, utf8 } from '../crypto/bytes';
import { CryptoError } from '../crypto/errors';
import { openFramed, sealFramed } from '../crypto/framed';
import type { SymmetricKey } from '../crypto/symmetric';
import { CacheCorruptError } from './errors';

// Every cache record is a JSON value in the framed symmetric format (docs/cryptography.md, "Framed
// records"), stored as raw bytes: base64 would cost a third more to read, decrypt and keep on disk,
// and a context outside the record would cost a copy of every chunk before its MAC at unlock.

/** `value` as JSON, encrypted under `key` and bound to `context`. */
export async function sealJson(key: SymmetricKey, context: string, value: unknown): Promise<Uint8Array> {
  return sealText(key, context, JSON.stringify(value));
}

/** `text` (UTF-8), encrypted under `key` and bound to `context`. */
export async function sealText(key: SymmetricKey, context: string, text: string): Promise<Uint8Array> {
  return sealFramed(key, context, utf8(text));
}

/** The text sealed at `context`; throws CacheCorruptError (naming `what`) like openJson. */
export async function openText(key: SymmetricKey, context: string, sealed: Uint8Array | undefined, what: string): Promise<string> {
  if (!sealed) throw new CacheCorruptError(`${what} is missing`);
  try {
    return fromUtf8(await openFramed(key, context, sealed));
  } catch (error) {
    if (error instanceof CryptoError) throw new CacheCorruptError(what);
    throw error;
  }
}

/**
 * The JSON value sealed at `context`; throws CacheCorruptError (naming `what`) when the record is
 * missing, fails its MAC — tampered, or moved from another account, kind, position or generation —
 * or does not parse.
 */
export async function openJson<T>(key: SymmetricKey, context: string, sealed: Uint8Array | undefined, what: string): Promise<T> {
  const text = await openText(key, context, sealed, what);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CacheCorruptError(what);
  }
}

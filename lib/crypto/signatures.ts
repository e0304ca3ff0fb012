import { fromBase64Url, toBase64Url } from './bytes';
import { signedBytes, type Canonical } from './canonical';
import { AuthenticationError, MalformedError } from './errors';

// ECDSA P-256 with SHA-256 over signedBytes(purpose, value). Signatures are the 64-byte IEEE P1363
// form (r ‖ s) that WebCrypto produces, in base64url.

const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Signs `value` as a structure of kind `purpose`; returns the base64url signature. */
export async function signStructure(privateKey: CryptoKey, purpose: string, value: Canonical): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign(ECDSA_SIGN, privateKey, signedBytes(purpose, value))));
}

/** Throws AuthenticationError unless `signature` is a valid signature of `value` as `purpose` by `publicKey`. */
export async function verifyStructure(publicKey: CryptoKey, purpose: string, value: Canonical, signature: string, what: string): Promise<void> {
  let bytes;
  try {
    bytes = fromBase64Url(signature, 'signature');
  } catch {
    throw new MalformedError(`${what} signature`);
  }
  if (bytes.length !== 64) throw new MalformedError(`${what} signature`);
  if (!(await crypto.subtle.verify(ECDSA_SIGN, publicKey, bytes, signedBytes(purpose, value)))) throw new AuthenticationError(`${what} signature`);
}

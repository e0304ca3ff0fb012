// Thin, typed wrappers over WebCrypto (the same API in browsers, workers and Node 20), so the rest
// of lib/crypto reads as the specification does. Published test vectors check this layer.

/** Bytes backed by a plain ArrayBuffer, the form WebCrypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

const subtle = () => globalThis.crypto.subtle;

/** SHA-256 of `data`. */
export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

/** A non-extractable HMAC-SHA-256 key for signing and verifying. */
export function importHmacKey(raw: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** HMAC-SHA-256 of `data` (full 32-byte tag). */
export async function hmacSha256(key: CryptoKey, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().sign('HMAC', key, data));
}

/** HKDF-SHA-256 (RFC 5869): `length` bytes from `ikm` with `salt` and `info`. */
export async function hkdfSha256(ikm: Bytes, salt: Bytes, info: Bytes, length: number): Promise<Bytes> {
  const [out] = await hkdfSha256Many(ikm, salt, [info], length);
  return out!;
}

/** HKDF-SHA-256 for several `infos` from one `ikm`, importing it once (one WebCrypto call fewer each). */
export async function hkdfSha256Many(ikm: Bytes, salt: Bytes, infos: Bytes[], length: number): Promise<Bytes[]> {
  const key = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const outputs = await Promise.all(infos.map((info) => subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8)));
  return outputs.map((bits) => new Uint8Array(bits));
}

/** PBKDF2-HMAC-SHA-256 (RFC 8018): `length` bytes from `password` and `salt`. */
export async function pbkdf2Sha256(password: Bytes, salt: Bytes, iterations: number, length: number): Promise<Bytes> {
  const key = await subtle().importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, length * 8));
}

/** A non-extractable AES-256-CBC key. */
export function importAesCbcKey(raw: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
}

/** AES-CBC with PKCS#7 padding. */
export async function aesCbcEncrypt(key: CryptoKey, iv: Bytes, plaintext: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv }, key, plaintext));
}

/** AES-CBC decryption with PKCS#7 unpadding; only ever called after the MAC has verified. */
export async function aesCbcDecrypt(key: CryptoKey, iv: Bytes, ciphertext: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv }, key, ciphertext));
}

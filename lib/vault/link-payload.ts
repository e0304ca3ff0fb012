import { linkEntryContext } from '../crypto/contexts';
import { MalformedError } from '../crypto/errors';
import { deriveLinkKeys } from '../crypto/link-keys';
import type { Bytes } from '../crypto/primitives';
import { decryptString, deriveSymmetricKey, encryptString } from '../crypto/symmetric';
import type { FieldType } from './item';

// What a share link carries (docs/sharing.md): a copy of the entry's name, login, addresses and
// fields as they were when the link was made, as JSON under the link's encryption key, bound to the
// link's id. The recipient's page reads it with no zod (kept small), so the shape is checked here.

/** The shared data of a link, version 1. */
export interface LinkPayload {
  version: 1;
  name: string;
  login: string;
  urls: string[];
  fields: { type: FieldType; label: string; value: string }[];
}

const FIELD_TYPES = new Set<string>(['password', 'text', 'totp', 'notes']);
const isString = (value: unknown): value is string => typeof value === 'string';

function isField(value: unknown): value is LinkPayload['fields'][number] {
  if (typeof value !== 'object' || value === null) return false;
  const { type, label, value: text } = value as Record<string, unknown>;
  return isString(type) && FIELD_TYPES.has(type) && isString(label) && isString(text);
}

/** `value` as a LinkPayload; MalformedError for anything else. */
export function checkLinkPayload(value: unknown): LinkPayload {
  if (typeof value !== 'object' || value === null) throw new MalformedError('link payload');
  const { version, name, login, urls, fields } = value as Record<string, unknown>;
  const valid = version === 1 && isString(name) && isString(login) && Array.isArray(urls) && urls.every(isString) && Array.isArray(fields) && fields.every(isField);
  if (!valid) throw new MalformedError('link payload');
  return { version, name, login, urls, fields: fields.map(({ type, label, value: text }) => ({ type, label, value: text })) };
}

/** The access token to register and the ciphertext to store for `payload` under a link's secret. */
export async function sealLinkPayload(secret: Bytes, linkId: string, payload: LinkPayload): Promise<{ accessToken: string; ciphertext: string }> {
  const { encryptionKey, accessToken } = await deriveLinkKeys(secret);
  const ciphertext = await encryptString(await deriveSymmetricKey(encryptionKey), linkEntryContext(linkId), JSON.stringify(payload));
  return { accessToken, ciphertext };
}

/** The payload in `ciphertext`; CryptoError when it does not open under the secret for this link, MalformedError when it is not a payload. */
export async function openLinkPayload(secret: Bytes, linkId: string, ciphertext: string): Promise<LinkPayload> {
  const { encryptionKey } = await deriveLinkKeys(secret);
  const text = await decryptString(await deriveSymmetricKey(encryptionKey), linkEntryContext(linkId), ciphertext);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedError('link payload');
  }
  return checkLinkPayload(parsed);
}

import { constantTimeEqual, fromBase64Url, toBase64Url, utf8 } from './bytes';
import { signedBytes, type Canonical } from './canonical';
import { AuthenticationError, MalformedError } from './errors';
import { hkdfSha256, hmacSha256, importHmacKey, type Bytes } from './primitives';

// The metadata that drives autofill (which site, which login) is stored in clear for search, so
// the server could point an entry's password at another site. A MAC under the entry key covers it;
// clients check it before any fill or copy.

/** How an entry URL is matched against a page (lib/vault implements the rules). */
export type UrlMatch = 'domain' | 'host' | 'starts-with' | 'exact' | 'regex' | 'never';

/** The clear metadata the MAC covers. Field values are not here: they are encrypted and bound separately. */
export interface ItemMetadata {
  vaultId: string;
  itemId: string;
  revision: number;
  name: string;
  login: string;
  urls: { url: string; match: UrlMatch }[];
  fields: { id: string; type: string }[];
}

const PURPOSE = 'item-metadata';
const EMPTY = new Uint8Array(0);

async function metadataMacKey(entryKey: Bytes): Promise<CryptoKey> {
  return importHmacKey(await hkdfSha256(entryKey, EMPTY, utf8('keyhold/v1/item-metadata-mac'), 32));
}

function canonicalPart(meta: ItemMetadata): Canonical {
  const { vaultId, itemId, revision, name, login } = meta;
  return {
    vaultId,
    itemId,
    revision,
    name,
    login,
    // Order is meaningful (the first URL is the main one) and kept as given.
    urls: meta.urls.map(({ url, match }) => ({ url, match })),
    fields: meta.fields.map(({ id, type }) => ({ id, type })),
  };
}

/** The base64url HMAC-SHA-256 of `meta` under a key derived from the 32-byte entry key. */
export async function macItemMetadata(entryKey: Bytes, meta: ItemMetadata): Promise<string> {
  return toBase64Url(await hmacSha256(await metadataMacKey(entryKey), signedBytes(PURPOSE, canonicalPart(meta))));
}

/** Throws AuthenticationError unless `mac` is the MAC of exactly `meta` under `entryKey`. */
export async function verifyItemMetadata(entryKey: Bytes, meta: ItemMetadata, mac: string): Promise<void> {
  let given;
  try {
    given = fromBase64Url(mac, 'metadata MAC');
  } catch {
    throw new MalformedError('entry metadata MAC');
  }
  const expected = fromBase64Url(await macItemMetadata(entryKey, meta));
  if (!constantTimeEqual(given, expected)) throw new AuthenticationError('entry metadata');
}

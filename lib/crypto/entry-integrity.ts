import { constantTimeEqual, fromBase64Url, toBase64Url, utf8 } from './bytes';
import { signedBytes, type Canonical } from './canonical';
import { AuthenticationError, MalformedError } from './errors';
import { hkdfSha256, hmacSha256, importHmacKey, type Bytes } from './primitives';

// An entry's clear metadata is stored in clear for search, so the server could point its password
// at another site (URLs, login) or plant instructions where people read them (a description saying
// "use this recovery phone", a relabelled field, a reassuring tag or colour). A MAC under the entry
// key covers all of it; clients check it before any fill, copy or reveal. The folder and the
// favourite flag are left out on purpose (docs/cryptography.md says why).

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
  tags: string[];
  description: string;
  colour: string | null;
  fields: { id: string; type: string; label: string }[];
}

const PURPOSE = 'item-metadata';
const EMPTY = new Uint8Array(0);

async function metadataMacKey(entryKey: Bytes): Promise<CryptoKey> {
  return importHmacKey(await hkdfSha256(entryKey, EMPTY, utf8('keyhold/v1/item-metadata-mac'), 32));
}

function canonicalPart(meta: ItemMetadata): Canonical {
  const { vaultId, itemId, revision, name, login, tags, description, colour } = meta;
  return {
    vaultId,
    itemId,
    revision,
    name,
    login,
    // Order is meaningful (the first URL is the main one) and kept as given; so is the tags' order.
    urls: meta.urls.map(({ url, match }) => ({ url, match })),
    tags,
    description,
    colour,
    fields: meta.fields.map(({ id, type, label }) => ({ id, type, label })),
  };
}

/** The bytes the metadata MAC covers: the covered parts of `meta` only, canonically encoded. */
export function itemMetadataSignedBytes(meta: ItemMetadata): Bytes {
  return signedBytes(PURPOSE, canonicalPart(meta));
}

/** The base64url HMAC-SHA-256 of `meta` under a key derived from the 32-byte entry key. */
export async function macItemMetadata(entryKey: Bytes, meta: ItemMetadata): Promise<string> {
  return toBase64Url(await hmacSha256(await metadataMacKey(entryKey), itemMetadataSignedBytes(meta)));
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

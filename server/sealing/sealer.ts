import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerKeyring } from './server-key';

// The second layer: every client ciphertext the server stores is sealed again with AES-256-GCM
// under the server key. The associated data names the table, column, row and key, so a sealed value
// copied to another row or column fails to open. Text form: `s1.<keyId>.<base64url(iv ‖ ct ‖ tag)>`.

const PREFIX = 's1';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const MAX_REMEMBERED = 10_000;

/** Where a sealed value lives; part of what the seal authenticates. */
export interface SealPlace {
  table: string;
  column: string;
  rowId: string;
}

/** A sealed value that cannot be opened: unknown key, damaged, or moved from another place. */
export class SealError extends Error {}

function associatedData(place: SealPlace, keyId: string): Buffer {
  return Buffer.from(`keyhold/v1/seal/${place.table}/${place.column}/${place.rowId}/${keyId}`);
}

// MACs of values the server must recognise but never store (the master key hash): keyed by the
// server key, so a stolen database alone gives nothing to test password guesses against.
function deriveMacKey(keyring: ServerKeyring, keyId: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', keyring.keys.get(keyId)!, Buffer.alloc(0), `keyhold/v1/server-mac/${purpose}`, 32));
}

/** Seals and opens values with the server keyring. */
export function createSealer(keyring: ServerKeyring) {
  // The master key hash is checked on every vault request: derive each MAC key once, not per request.
  const macKeys = new Map<string, Buffer>();
  const verified = new Map<string, Buffer>();
  const macKey = (keyId: string, purpose: string): Buffer => {
    const name = `${keyId}/${purpose}`;
    let key = macKeys.get(name);
    if (!key) {
      key = deriveMacKey(keyring, keyId, purpose);
      macKeys.set(name, key);
    }
    return key;
  };
  return {
    /** `m1.<keyId>.<base64url HMAC>` of `value` for `purpose`, under the current key. */
    mac(value: string, purpose: string): string {
      const tag = createHmac('sha256', macKey(keyring.current, purpose)).update(value).digest('base64url');
      return `m1.${keyring.current}.${tag}`;
    },

    /** The MAC of `value` under every key of the ring (current first), to look up a MAC made before a rotation. */
    macsUnderAllKeys(value: string, purpose: string): string[] {
      const ids = [keyring.current, ...[...keyring.keys.keys()].filter((id) => id !== keyring.current)];
      return ids.map((id) => `m1.${id}.${createHmac('sha256', macKey(id, purpose)).update(value).digest('base64url')}`);
    },

    /** 32 bytes determined by `value` and the current server key, unpredictable without the key (decoys). */
    pseudoRandom(value: string, purpose: string): Buffer {
      return createHmac('sha256', macKey(keyring.current, purpose)).update(value).digest();
    },

    /**
     * True when `stored` is the MAC of `value` for `purpose` (under whichever key it names). The
     * master key hash is checked on every vault request, so a value that verified is remembered
     * (bounded) and compared in constant time next time instead of computing the HMAC again; the
     * process sees that value on every request anyway, and nothing remembered reaches the database.
     */
    verifyMac(stored: string, value: string, purpose: string): boolean {
      const name = `${purpose}\n${stored}`;
      const presented = Buffer.from(value);
      const remembered = verified.get(name);
      if (remembered && remembered.length === presented.length && timingSafeEqual(remembered, presented)) return true;
      const [prefix, keyId, tag, extra] = stored.split('.');
      if (prefix !== 'm1' || !keyId || !tag || extra !== undefined || !keyring.keys.has(keyId)) return false;
      const expected = createHmac('sha256', macKey(keyId, purpose)).update(value).digest();
      const given = Buffer.from(tag, 'base64url');
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      if (valid) {
        if (verified.size >= MAX_REMEMBERED) verified.clear();
        verified.set(name, presented);
      }
      return valid;
    },

    /** Seals `plaintext` for `place` under the current key. */
    seal(plaintext: string | Uint8Array, place: SealPlace): string {
      const keyId = keyring.current;
      const iv = randomBytes(IV_LENGTH);
      const cipher = createCipheriv('aes-256-gcm', keyring.keys.get(keyId)!, iv);
      cipher.setAAD(associatedData(place, keyId));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}.${keyId}.${Buffer.concat([iv, body]).toString('base64url')}`;
    },

    /** Opens a sealed value read from `place`; throws SealError if it cannot. */
    open(sealed: string, place: SealPlace): Buffer {
      const [prefix, keyId, payload, extra] = sealed.split('.');
      if (prefix !== PREFIX || !keyId || !payload || extra !== undefined) throw new SealError(`${place.table}.${place.column} of ${place.rowId} is not a sealed value`);
      const key = keyring.keys.get(keyId);
      if (!key) throw new SealError(`${place.table}.${place.column} of ${place.rowId} is sealed with key ${keyId}, which this server does not have`);
      const data = Buffer.from(payload, 'base64url');
      if (data.length < IV_LENGTH + TAG_LENGTH) throw new SealError(`${place.table}.${place.column} of ${place.rowId} is truncated`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_LENGTH));
        decipher.setAAD(associatedData(place, keyId));
        decipher.setAuthTag(data.subarray(data.length - TAG_LENGTH));
        // GCM gives everything from update(); final() only checks the tag (and returns nothing).
        const plaintext = decipher.update(data.subarray(IV_LENGTH, data.length - TAG_LENGTH));
        decipher.final();
        return plaintext;
      } catch {
        throw new SealError(`${place.table}.${place.column} of ${place.rowId} failed authentication (damaged, or moved from another place)`);
      }
    },

    /** The key id a sealed value names, for rotation and backups. */
    keyIdOf(sealed: string): string | undefined {
      return sealed.split('.')[1];
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;

import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, hkdfSync, pbkdf2Sync, privateDecrypt, constants, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

// A second implementation of Keyhold's formats, written from docs/cryptography.md with Node's
// OpenSSL bindings and nothing from lib/crypto. If the document left anything out or said it
// wrongly, these vectors would not reproduce.

type Vector = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const doc = readFileSync(`${ROOT}/docs/cryptography.md`, 'utf8');
const vectors = [...doc.matchAll(/```json vector:([\w-]+)\n([\s\S]*?)\n```/g)].map((m) => ({ kind: m[1]!, v: JSON.parse(m[2]!) as Vector }));
const each = (kind: string) => vectors.filter((vector) => vector.kind === kind).map((vector) => [kind, vector.v] as const);

const hkdf = (ikm: Buffer, info: string, length: number) => Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), info, length));
const hex = (text: string) => Buffer.from(text, 'hex');
const b64 = (text: string) => Buffer.from(text, 'base64url');

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const signed = (purpose: string, value: unknown) => Buffer.from(`keyhold/v1/${purpose}\n${canonical(value)}`);

function sealSymmetric(encryptionKey: Buffer, macKey: Buffer, context: string, iv: Buffer, plaintext: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const contextBytes = Buffer.from(context);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(contextBytes.length);
  const tag = createHmac('sha256', macKey).update(Buffer.concat([Buffer.from([1]), length, contextBytes, iv, ciphertext])).digest();
  return Buffer.concat([Buffer.from([1]), iv, ciphertext, tag]).toString('base64url');
}
const subkeys = (key: Buffer) => [hkdf(key, 'keyhold/v1/aes-256-cbc', 32), hkdf(key, 'keyhold/v1/hmac-sha-256', 32)] as const;

describe('an independent implementation reproduces docs/cryptography.md', () => {
  it('covers every kind of vector in the document', () => {
    const covered = ['canonical-json', 'subkeys', 'kdf', 'symmetric', 'symmetric-master', 'entry-key-wrap', 'sealed-private-key', 'item-metadata-mac', 'invitation', 'key-wrap', 'segmented-blob', 'export-archive', 'link-keys', 'link-payload', 'access-key', 'access-key-seal', 'attachment'];
    expect(new Set(vectors.map((vector) => vector.kind))).toEqual(new Set(covered));
  });

  it.each(each('kdf'))('%s', (_kind, v) => {
    const seed = pbkdf2Sync(Buffer.from(v.password.normalize('NFC')), b64(v.salt), v.iterations, 32, 'sha256');
    if (v.seed) expect(seed.toString('hex')).toBe(v.seed);
    if (v.masterKey) expect(hkdf(seed, 'keyhold/v1/master-key', 64).toString('hex')).toBe(v.masterKey);
    expect(createHash('sha256').update(hkdf(seed, 'keyhold/v1/master-key-verifier', 32)).digest('hex')).toBe(v.masterKeyHash);
  });

  it.each(each('canonical-json'))('%s', (_kind, v) => {
    expect(canonical(v.value)).toBe(v.text);
  });

  it.each(each('subkeys'))('%s', (_kind, v) => {
    expect(subkeys(hex(v.key)).map((key) => key.toString('hex'))).toEqual([v.encryptionKey, v.macKey]);
  });

  it.each(each('symmetric'))('%s', (_kind, v) => {
    if (v.field) expect(`item/${v.field.vaultId}/${v.field.itemId}/${v.field.revision}/${v.field.fieldId}`).toBe(v.context);
    const [encryptionKey, macKey] = subkeys(hex(v.key));
    expect(sealSymmetric(encryptionKey, macKey, v.context, hex(v.iv), Buffer.from(v.plaintext))).toBe(v.ciphertext);
  });

  it.each(each('attachment'))('%s', (_kind, v) => {
    // The file key and the metadata under the entry key, each bound to its item and attachment.
    const [encryptionKey, macKey] = subkeys(hex(v.entryKey));
    expect(sealSymmetric(encryptionKey, macKey, `attachment/${v.itemId}/${v.attachmentId}/key`, hex(v.keyIv), hex(v.fileKey))).toBe(v.wrappedKey);
    expect(sealSymmetric(encryptionKey, macKey, `attachment/${v.itemId}/${v.attachmentId}/metadata`, hex(v.metadataIv), Buffer.from(v.metadataText))).toBe(v.metadata);
    expect(`attachment.${v.itemId}.${v.attachmentId}`).toBe(v.blobId);
  });

  it.each(each('symmetric-master'))('%s', (_kind, v) => {
    const master = hex(v.masterKey);
    expect(sealSymmetric(master.subarray(0, 32), master.subarray(32), v.context, hex(v.iv), Buffer.from(v.plaintext))).toBe(v.ciphertext);
  });

  it.each(each('entry-key-wrap'))('%s', (_kind, v) => {
    const [encryptionKey, macKey] = subkeys(hex(v.vaultKey));
    const context = `entry-key/${v.vaultId}/${v.itemId}/${v.vaultKeyVersion}`;
    expect(sealSymmetric(encryptionKey, macKey, context, hex(v.iv), hex(v.entryKey))).toBe(v.wrapped);
  });

  it.each(each('sealed-private-key'))('%s', (_kind, v) => {
    const master = hex(v.masterKey);
    const data = b64(v.sealed.encryptedPkcs8);
    const spkiHash = createHash('sha256').update(b64(v.sealed.spki)).digest('hex');
    const context = Buffer.from(`user/${v.userId}/private-key/${v.sealed.alg}/${spkiHash}`);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(context.length);
    const iv = data.subarray(1, 17);
    const ciphertext = data.subarray(17, data.length - 32);
    const tag = createHmac('sha256', master.subarray(32)).update(Buffer.concat([data.subarray(0, 1), length, context, iv, ciphertext])).digest();
    expect(tag.equals(data.subarray(data.length - 32))).toBe(true);
    const decipher = createDecipheriv('aes-256-cbc', master.subarray(0, 32), iv);
    const pkcs8 = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    expect(createHash('sha256').update(pkcs8).digest('hex')).toBe(v.pkcs8Sha256);
  });

  it.each(each('item-metadata-mac'))('%s', (_kind, v) => {
    // The ten members the document lists, and nothing else the entry carries (its folder, favourite).
    const m = v.metadata;
    const covered = {
      vaultId: m.vaultId,
      itemId: m.itemId,
      revision: m.revision,
      name: m.name,
      login: m.login,
      urls: m.urls.map((u: Vector) => ({ url: u.url, match: u.match })),
      tags: m.tags,
      description: m.description,
      colour: m.colour,
      fields: m.fields.map((f: Vector) => ({ id: f.id, type: f.type, label: f.label })),
    };
    expect(signed('item-metadata', covered).toString()).toBe(v.signedText);
    const macKey = hkdf(hex(v.entryKey), 'keyhold/v1/item-metadata-mac', 32);
    expect(macKey.toString('hex')).toBe(v.macKey);
    expect(createHmac('sha256', macKey).update(signed('item-metadata', covered)).digest('base64url')).toBe(v.mac);
  });

  it.each(each('invitation'))('%s', (_kind, v) => {
    const macKey = hkdf(hex(v.secret), 'keyhold/v1/invitation-mac', 32);
    expect(createHmac('sha256', macKey).update(signed('invitation-keys', v.keys)).digest('base64url')).toBe(v.mac);
  });

  it.each(each('key-wrap'))('%s', (_kind, v) => {
    const spki = (text: string) => createPublicKey({ key: b64(text), format: 'der', type: 'spki' });
    expect(createHash('sha256').update(b64(v.organisationKey.spki)).digest('hex')).toBe(v.organisationFingerprint);
    for (const certificate of [v.granterCertificate, v.recipientCertificate]) {
      expect(verify('sha256', signed('member-certificate', certificate.body), { key: spki(v.organisationKey.spki), dsaEncoding: 'ieee-p1363' }, b64(certificate.signature))).toBe(true);
    }
    const { signature, ...unsigned } = v.wrap;
    expect(verify('sha256', signed('key-wrap', unsigned), { key: spki(v.granterCertificate.body.signingKey.spki), dsaEncoding: 'ieee-p1363' }, b64(signature))).toBe(true);
    const label = Buffer.from(`keyhold/v1/key-wrap/${v.wrap.kind}/${v.wrap.subjectId}/${v.wrap.recipientId}/${v.wrap.keyVersion}`);
    const recipient = createPrivateKey({ key: b64(v.recipientEncryptionPkcs8), format: 'der', type: 'pkcs8' });
    const key = privateDecrypt({ key: recipient, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, b64(v.wrap.wrappedKey));
    expect(key.toString('hex')).toBe(v.key);
  });

  it.each(each('segmented-blob'))('%s', (_kind, v) => {
    const [encryptionKey, macKey] = subkeys(hex(v.fileKey));
    const plaintext = Buffer.from(Array.from({ length: v.plaintextLength }, (_, i) => i % 251));
    const segments: Buffer[] = [Buffer.from([1, 0, 1, 0, 0])];
    const count = Math.max(1, Math.ceil(plaintext.length / 65536));
    for (let i = 0; i < count; i++) {
      const sealed = b64(sealSymmetric(encryptionKey, macKey, `${v.blobId}/${i}/${i === count - 1 ? 1 : 0}`, Buffer.alloc(16, i + 1), plaintext.subarray(i * 65536, (i + 1) * 65536)));
      segments.push(sealed.subarray(1)); // a segment is the symmetric format without its version byte
    }
    const blob = Buffer.concat(segments);
    expect(blob.length).toBe(v.length);
    expect(createHash('sha256').update(blob).digest('hex')).toBe(v.sha256);
  });

  it.each(each('export-archive'))('%s', (_kind, v) => {
    const seed = pbkdf2Sync(Buffer.from(v.password.normalize('NFC')), hex(v.salt), v.iterations, 32, 'sha256');
    const [headerMacKey, bodyKey] = [hkdf(seed, 'keyhold/v1/archive/header-mac', 32), hkdf(seed, 'keyhold/v1/archive/body', 32)];
    expect([seed.toString('hex'), headerMacKey.toString('hex'), bodyKey.toString('hex')]).toEqual([v.seed, v.headerMacKey, v.bodyKey]);
    const iterations = Buffer.alloc(4);
    iterations.writeUInt32BE(v.iterations);
    const maced = Buffer.concat([Buffer.from('KHARCHIV'), Buffer.from([1, 1]), iterations, hex(v.salt), hex(v.archiveId)]);
    const header = Buffer.concat([maced, createHmac('sha256', headerMacKey).update(maced).digest()]);
    expect(header.toString('hex')).toBe(v.header);
    // The body: one final segment (the vector's plaintext is under 64 KiB) of the segmented format.
    const [encryptionKey, macKey] = subkeys(bodyKey);
    const segment = b64(sealSymmetric(encryptionKey, macKey, `archive-${v.archiveId}/0/1`, Buffer.alloc(16, 1), Buffer.from(v.plaintext))).subarray(1);
    const archive = Buffer.concat([header, Buffer.from([1, 0, 1, 0, 0]), segment]);
    expect([archive.length, createHash('sha256').update(archive).digest('hex')]).toEqual([v.length, v.sha256]);
  });

  it.each(each('link-keys'))('%s', (_kind, v) => {
    const secret = hex(v.secret);
    expect(`k=${secret.toString('base64url')}`).toBe(v.fragment);
    expect(hkdf(secret, 'keyhold/v1/link/encryption-key', 32).toString('hex')).toBe(v.encryptionKey);
    const token = hkdf(secret, 'keyhold/v1/link/access-token', 32).toString('base64url');
    expect(token).toBe(v.accessToken);
    expect(createHash('sha256').update(token).digest('hex')).toBe(v.accessTokenHash);
  });

  it.each(each('link-payload'))('%s', (_kind, v) => {
    // The payload written member by member in the documented order, JSON-escaping only the strings.
    const p = v.payload;
    const field = (f: Vector) => `{"type":${JSON.stringify(f.type)},"label":${JSON.stringify(f.label)},"value":${JSON.stringify(f.value)}}`;
    const text = `{"version":${p.version},"name":${JSON.stringify(p.name)},"login":${JSON.stringify(p.login)},"urls":[${p.urls.map((url: string) => JSON.stringify(url)).join(',')}],"fields":[${p.fields.map(field).join(',')}]}`;
    expect(text).toBe(v.plaintext);
    expect(Buffer.byteLength(text)).toBe(v.plaintextLength);
    expect(`link/${v.linkId}/entry`).toBe(v.context);
    const [encryptionKey, macKey] = subkeys(hkdf(hex(v.secret), 'keyhold/v1/link/encryption-key', 32));
    expect(sealSymmetric(encryptionKey, macKey, v.context, hex(v.iv), Buffer.from(text))).toBe(v.ciphertext);
  });

  it.each(each('access-key'))('%s', (_kind, v) => {
    const id = hex(v.id).toString('base64url');
    const secret = hex(v.secret);
    const body = `khak1.${id}.${secret.toString('base64url')}`;
    expect(`${body}.${createHash('sha256').update(body).digest().subarray(0, 4).toString('base64url')}`).toBe(v.text);
    const token = hkdf(secret, `keyhold/v1/access-key/token/${id}`, 32).toString('base64url');
    expect(token).toBe(v.token);
    expect(createHash('sha256').update(token).digest('hex')).toBe(v.tokenHash);
    expect(hkdf(secret, `keyhold/v1/access-key/wrapping-key/${id}`, 32).toString('hex')).toBe(v.wrappingKey);
  });
  it.each(each('access-key-seal'))('%s', (_kind, v) => {
    const [, id, secret] = (v.accessKey as string).split('.');
    const [encryptionKey, macKey] = subkeys(hkdf(b64(secret!), `keyhold/v1/access-key/wrapping-key/${id}`, 32));
    const spkiHash = createHash('sha256').update(b64(v.spki)).digest('hex');
    const context = `machine/${v.machineId}/access-key/${id}/private-key/${v.alg}/${spkiHash}`;
    expect(context).toBe(v.context);
    expect(sealSymmetric(encryptionKey, macKey, context, hex(v.iv), hex(v.pkcs8))).toBe(v.encryptedPkcs8);
    const pinContext = `machine/${v.machineId}/access-key/${id}/organisation-fingerprint`;
    expect(pinContext).toBe(v.pinContext);
    expect(sealSymmetric(encryptionKey, macKey, pinContext, hex(v.iv), Buffer.from(v.organisationFingerprint, 'utf8'))).toBe(v.sealedFingerprint);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, fromHex, toBase64Url, toHex, utf8 } from './bytes';
import { canonicalJson, type Canonical } from './canonical';
import { accessKeyPinContext, accessKeyPrivateKeyContext, attachmentBlobId, attachmentKeyContext, attachmentMetadataContext, itemFieldContext, linkEntryContext } from './contexts';
import { accessKeyFromParts, parseAccessKey } from './access-keys';
import { verifyCertificate, type MemberCertificate } from './certificates';
import { itemMetadataSignedBytes, macItemMetadata, verifyItemMetadata, type ItemMetadata } from './entry-integrity';
import { archiveBlobId, decryptArchive, encryptArchive } from './export-archive';
import { displayFingerprint } from './fingerprints';
import { formatInvitationFragment, macInvitationKeys, verifyInvitationKeys, type InvitationKeys } from './invitation';
import { deriveMasterKey, type KdfParams } from './kdf';
import { deriveLinkKeys, formatLinkFragment, parseLinkFragment } from './link-keys';
import { pinnedOrganisationKey } from './organisation';
import { hkdfSha256, sha256 } from './primitives';
import { decryptBlob, encryptBlob } from './segmented';
import { decryptBytes, decryptString, deriveSubkeys, deriveSymmetricKey, encryptBytes, encryptString, symmetricKeyFromHalves } from './symmetric';
import { hashAccessToken } from './token-hash';
import { checkLinkPayload, openLinkPayload } from '../vault/link-payload';
import { privateKeyContext, type PublicKeyRecord, type SealedPrivateKey } from './user-keys';
import { unwrapEntryKey, unwrapKey, wrapEntryKey, type KeyWrap } from './wraps';

// Reads every `json vector:<kind>` block of docs/cryptography.md and checks it against the code, so
// the document and the implementation cannot drift apart.

type Vector = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DOC = readFileSync(new URL('../../docs/cryptography.md', import.meta.url), 'utf8');
const vectors = [...DOC.matchAll(/```json vector:([\w-]+)\n([\s\S]*?)\n```/g)].map((match) => ({ kind: match[1]!, value: JSON.parse(match[2]!) as Vector }));

const checks: Record<string, (v: Vector) => Promise<void>> = {
  attachment: async (v) => {
    const entry = await deriveSymmetricKey(fromHex(v.entryKey));
    expect(toBase64Url(await encryptBytes(entry, attachmentKeyContext(v.itemId, v.attachmentId), fromHex(v.fileKey), fromHex(v.keyIv)))).toBe(v.wrappedKey);
    expect(await encryptString(entry, attachmentMetadataContext(v.itemId, v.attachmentId), v.metadataText, fromHex(v.metadataIv))).toBe(v.metadata);
    expect(toHex(await decryptBytes(entry, attachmentKeyContext(v.itemId, v.attachmentId), fromBase64Url(v.wrappedKey)))).toBe(v.fileKey);
    expect(attachmentBlobId(v.itemId, v.attachmentId)).toBe(v.blobId);
  },
  'canonical-json': async (v) => {
    expect(canonicalJson(v.value as Canonical)).toBe(v.text);
  },
  kdf: async (v) => {
    const params: KdfParams = { version: 1, algorithm: 'pbkdf2-sha256', iterations: v.iterations, salt: v.salt };
    const master = await deriveMasterKey(v.password, params);
    expect(master.hash).toBe(v.masterKeyHash);
    if (v.masterKey) expect(toHex(master.bytes)).toBe(v.masterKey);
  },
  subkeys: async (v) => {
    const { encryptionKey, macKey } = await deriveSubkeys(fromHex(v.key));
    expect([toHex(encryptionKey), toHex(macKey)]).toEqual([v.encryptionKey, v.macKey]);
  },
  symmetric: async (v) => {
    if (v.field) expect(itemFieldContext(v.field.vaultId, v.field.itemId, v.field.revision, v.field.fieldId)).toBe(v.context);
    const key = await deriveSymmetricKey(fromHex(v.key));
    expect(await encryptString(key, v.context, v.plaintext, fromHex(v.iv))).toBe(v.ciphertext);
    expect(await decryptString(key, v.context, v.ciphertext)).toBe(v.plaintext);
  },
  'symmetric-master': async (v) => {
    const bytes = fromHex(v.masterKey);
    const key = await symmetricKeyFromHalves(bytes.slice(0, 32), bytes.slice(32));
    expect(await encryptString(key, v.context, v.plaintext, fromHex(v.iv))).toBe(v.ciphertext);
  },
  'sealed-private-key': async (v) => {
    const bytes = fromHex(v.masterKey);
    const key = await symmetricKeyFromHalves(bytes.slice(0, 32), bytes.slice(32));
    const sealed = v.sealed as SealedPrivateKey;
    const context = await privateKeyContext(v.userId, sealed.alg, fromBase64Url(sealed.spki));
    expect(toHex(await sha256(await decryptBytes(key, context, fromBase64Url(sealed.encryptedPkcs8))))).toBe(v.pkcs8Sha256);
  },
  'entry-key-wrap': async (v) => {
    const vaultKey = await deriveSymmetricKey(fromHex(v.vaultKey));
    const place = { vaultId: v.vaultId, itemId: v.itemId, vaultKeyVersion: v.vaultKeyVersion };
    expect(await wrapEntryKey(vaultKey, place, fromHex(v.entryKey), fromHex(v.iv))).toBe(v.wrapped);
    expect(toHex(await unwrapEntryKey(vaultKey, place, v.wrapped))).toBe(v.entryKey);
  },
  'item-metadata-mac': async (v) => {
    const entryKey = fromHex(v.entryKey);
    expect(toHex(await hkdfSha256(entryKey, new Uint8Array(0), utf8('keyhold/v1/item-metadata-mac'), 32))).toBe(v.macKey);
    // The vector's metadata also holds the folder and favourite flag, which the signed text leaves out.
    expect(new TextDecoder().decode(itemMetadataSignedBytes(v.metadata as ItemMetadata))).toBe(v.signedText);
    expect(await macItemMetadata(entryKey, v.metadata as ItemMetadata)).toBe(v.mac);
    await verifyItemMetadata(entryKey, { ...v.metadata, folderId: 'another-folder', favourite: !v.metadata.favourite } as ItemMetadata, v.mac);
  },
  invitation: async (v) => {
    expect(formatInvitationFragment(v.organisationFingerprint, fromHex(v.secret))).toBe(v.fragment);
    expect(await macInvitationKeys(fromHex(v.secret), v.keys as InvitationKeys)).toBe(v.mac);
    await verifyInvitationKeys(fromHex(v.secret), v.keys as InvitationKeys, v.mac);
  },
  'segmented-blob': async (v) => {
    const plaintext = Uint8Array.from({ length: v.plaintextLength }, (_, i) => i % 251);
    const blob = await encryptBlob(fromHex(v.fileKey), v.blobId, plaintext, { iv: (index) => new Uint8Array(16).fill(index + 1) });
    expect([blob.length, toHex(blob.slice(0, 5)), toHex(await sha256(blob))]).toEqual([v.length, v.header, v.sha256]);
    expect(toHex(blob.slice(-32))).toBe(v.finalSegmentTag);
    expect(await decryptBlob(fromHex(v.fileKey), v.blobId, blob)).toEqual(plaintext);
  },
  'export-archive': async (v) => {
    const options = { iterations: v.iterations, salt: fromHex(v.salt), archiveId: fromHex(v.archiveId), iv: (index: number) => new Uint8Array(16).fill(index + 1) };
    const archive = await encryptArchive(v.password, utf8(v.plaintext), options);
    expect(archiveBlobId(fromHex(v.archiveId))).toBe(v.blobId);
    expect([toHex(archive.slice(0, 78)), archive.length, toHex(archive.slice(-32)), toHex(await sha256(archive))]).toEqual([v.header, v.length, v.finalSegmentTag, v.sha256]);
    expect(new TextDecoder().decode(await decryptArchive(v.password, archive))).toBe(v.plaintext);
  },
  'link-keys': async (v) => {
    const secret = fromHex(v.secret);
    const keys = await deriveLinkKeys(secret);
    expect([formatLinkFragment(secret), toHex(keys.encryptionKey), keys.accessToken]).toEqual([v.fragment, v.encryptionKey, v.accessToken]);
    expect(await hashAccessToken(keys.accessToken)).toBe(v.accessTokenHash);
    expect(parseLinkFragment(v.fragment)).toEqual(secret);
  },
  'link-payload': async (v) => {
    const secret = fromHex(v.secret);
    // The writer's spelling (JSON.stringify of a checked payload) is the vector's plaintext, byte for byte.
    expect(JSON.stringify(checkLinkPayload(v.payload))).toBe(v.plaintext);
    expect(utf8(v.plaintext).length).toBe(v.plaintextLength);
    expect(linkEntryContext(v.linkId)).toBe(v.context);
    const key = await deriveSymmetricKey((await deriveLinkKeys(secret)).encryptionKey);
    expect(await encryptString(key, v.context, v.plaintext, fromHex(v.iv))).toBe(v.ciphertext);
    expect(await openLinkPayload(secret, v.linkId, v.ciphertext)).toEqual(v.payload);
    await expect(openLinkPayload(secret, 'link-2', v.ciphertext)).rejects.toThrow();
  },
  'access-key': async (v) => {
    const made = await accessKeyFromParts(fromHex(v.id), fromHex(v.secret));
    expect([made.text, made.token, toHex(made.wrappingKey)]).toEqual([v.text, v.token, v.wrappingKey]);
    expect(await hashAccessToken(made.token)).toBe(v.tokenHash);
    expect(await parseAccessKey(v.text)).toEqual({ id: made.id, token: v.token, wrappingKey: made.wrappingKey });
  },
  'access-key-seal': async (v) => {
    const accessKey = await parseAccessKey(v.accessKey);
    const spki = fromBase64Url(v.spki);
    expect(`${accessKeyPrivateKeyContext(v.machineId, accessKey.id, v.alg)}/${toHex(await sha256(spki))}`).toBe(v.context);
    expect(accessKeyPinContext(v.machineId, accessKey.id)).toBe(v.pinContext);
    const key = await deriveSymmetricKey(accessKey.wrappingKey);
    expect(toBase64Url(await encryptBytes(key, v.context, fromHex(v.pkcs8), fromHex(v.iv)))).toBe(v.encryptedPkcs8);
    expect(toBase64Url(await encryptBytes(key, v.pinContext, utf8(v.organisationFingerprint), fromHex(v.iv)))).toBe(v.sealedFingerprint);
    expect(toHex(await decryptBytes(key, v.context, fromBase64Url(v.encryptedPkcs8)))).toBe(v.pkcs8);
  },
  'key-wrap': async (v) => {
    const organisationKey = await pinnedOrganisationKey(v.organisationKey as PublicKeyRecord, v.organisationFingerprint);
    expect(displayFingerprint(v.organisationFingerprint)).toBe(v.organisationFingerprintDisplay);
    const wrap = v.wrap as KeyWrap;
    const granter = await verifyCertificate(v.granterCertificate as MemberCertificate, organisationKey, { organisationId: 'org-1', userId: wrap.granterId });
    await verifyCertificate(v.recipientCertificate as MemberCertificate, organisationKey, { organisationId: 'org-1', userId: wrap.recipientId });
    const privateKey = await crypto.subtle.importKey('pkcs8', fromBase64Url(v.recipientEncryptionPkcs8), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
    const expected = { kind: wrap.kind, subjectId: wrap.subjectId, recipientId: wrap.recipientId, keyVersion: wrap.keyVersion };
    expect(toHex(await unwrapKey(wrap, expected, privateKey, granter))).toBe(v.key);
  },
};

describe('docs/cryptography.md vectors', () => {
  it('has a vector of every kind the tests know, and no kind they do not', () => {
    expect(new Set(vectors.map((vector) => vector.kind))).toEqual(new Set(Object.keys(checks)));
  });

  it.each(vectors.map((vector, index) => [`${vector.kind} #${index + 1}`, vector] as const))('%s', async (_name, vector) => {
    await checks[vector.kind]!(vector.value);
  });
});

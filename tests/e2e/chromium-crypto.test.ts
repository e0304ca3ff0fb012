import { build } from 'esbuild';
import { beforeAll, describe, expect } from 'vitest';
import { fromHex, randomBytes, toHex } from '../../lib/crypto/bytes';
import { verifyCertificate, type MemberCertificate } from '../../lib/crypto/certificates';
import { pinnedOrganisationKey } from '../../lib/crypto/organisation';
import { decryptBlob } from '../../lib/crypto/segmented';
import { deriveSymmetricKey, encryptString } from '../../lib/crypto/symmetric';
import type { PublicKeyRecord } from '../../lib/crypto/user-keys';
import type * as KeyholdCrypto from '../../lib/crypto/index';
import { ROOT } from '../helpers/paths';
import { chromiumTest as test, hasChromium } from './fixtures';

// lib/crypto in the real browser: the same source, bundled, runs inside the extension's service
// worker, and what one side makes the other side reads.

type WorkerGlobals = { KeyholdCrypto: typeof KeyholdCrypto };

async function cryptoBundle(): Promise<string> {
  const result = await build({ entryPoints: [`${ROOT}/lib/crypto/index.ts`], bundle: true, format: 'iife', globalName: 'KeyholdCrypto', write: false, target: 'es2022', footer: { js: 'globalThis.KeyholdCrypto = KeyholdCrypto;' } });
  return result.outputFiles[0]!.text;
}

describe.skipIf(!hasChromium)('lib/crypto in the Chromium service worker', () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = await cryptoBundle();
  });

  test('decrypts what Node encrypted, and refuses it under another context', async ({ chromium }) => {
    await chromium.worker.evaluate(bundle);
    const key = randomBytes(32);
    const context = 'item/vault-1/item-1/1/password';
    const ciphertext = await encryptString(await deriveSymmetricKey(key), context, 'p@ssw0rd — 密码');
    const result = await chromium.worker.evaluate(
      async ({ keyHex, context, ciphertext }) => {
        const { decryptString, deriveSymmetricKey, fromHex } = (globalThis as unknown as WorkerGlobals).KeyholdCrypto;
        const symmetric = await deriveSymmetricKey(fromHex(keyHex));
        const plaintext = await decryptString(symmetric, context, ciphertext);
        const moved = await decryptString(symmetric, 'item/vault-1/item-2/password', ciphertext).catch((error: { code: string }) => error.code);
        return { plaintext, moved };
      },
      { keyHex: toHex(key), context, ciphertext },
    );
    expect(result).toEqual({ plaintext: 'p@ssw0rd — 密码', moved: 'authenticationFailed' });
  });

  test('issues a member certificate that Node verifies against the pinned organisation key', async ({ chromium }) => {
    await chromium.worker.evaluate(bundle);
    const made = await chromium.worker.evaluate(async () => {
      const k = (globalThis as unknown as WorkerGlobals).KeyholdCrypto;
      const organisation = await k.createOrganisationKey('org-browser');
      const member = await k.generateUserKeys();
      const certificate = await k.issueCertificate(organisation.key.privateKey, {
        version: 1,
        organisationId: 'org-browser',
        userId: 'user-7',
        login: 'seven@acme.test',
        role: 'member',
        encryptionKey: { alg: k.ENCRYPTION_ALG, spki: k.toBase64Url(member.encryption.spki) },
        signingKey: { alg: k.SIGNING_ALG, spki: k.toBase64Url(member.signing.spki) },
        issuedAt: 1_800_000_000,
      });
      return { certificate, organisationKey: organisation.key.record, fingerprint: organisation.key.fingerprint };
    });
    const organisationKey = await pinnedOrganisationKey(made.organisationKey as PublicKeyRecord, made.fingerprint);
    const member = await verifyCertificate(made.certificate as MemberCertificate, organisationKey, { organisationId: 'org-browser', userId: 'user-7' });
    expect(member).toMatchObject({ userId: 'user-7', login: 'seven@acme.test', role: 'member' });
    const tampered = { ...made.certificate, body: { ...made.certificate.body, login: 'mallory@acme.test' } } as MemberCertificate;
    await expect(verifyCertificate(tampered, organisationKey, { organisationId: 'org-browser' })).rejects.toThrow('not signed by this organisation');
    expect(fromHex(made.fingerprint)).toHaveLength(32);
  });

  test('streams a segmented blob in the worker that Node decrypts, and Node refuses it cut short', async ({ chromium }) => {
    await chromium.worker.evaluate(bundle);
    const fileKey = randomBytes(32);
    const blobHex = await chromium.worker.evaluate(async (keyHex) => {
      const k = (globalThis as unknown as WorkerGlobals).KeyholdCrypto;
      const plaintext = Uint8Array.from({ length: 150_000 }, (_, i) => i % 253);
      return k.toHex(await k.encryptBlob(k.fromHex(keyHex), 'attachment-browser', plaintext));
    }, toHex(fileKey));
    const blob = fromHex(blobHex);
    expect(await decryptBlob(fileKey, 'attachment-browser', blob)).toEqual(Uint8Array.from({ length: 150_000 }, (_, i) => i % 253));
    await expect(decryptBlob(fileKey, 'attachment-browser', blob.slice(0, 5 + 65600))).rejects.toThrow('failed authentication');
  });
});

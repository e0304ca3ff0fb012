import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditKeyId, checkHeadSignature, headMessage, signHead } from './head-signature';
import { AuditKeyError, auditKeyPem, newAuditKey, parseAuditKey } from './signing-key';

const HEAD = { seq: 42, hash: 'ab'.repeat(32), signedAt: 1_790_000_000_000 };

describe('signed audit heads', () => {
  it('sign exactly `keyhold-audit-head-v1\\n<seq>\\n<hash>\\n<signedAt>`', () => {
    expect(headMessage(HEAD).toString('utf8')).toBe(`keyhold-audit-head-v1\n42\n${'ab'.repeat(32)}\n1790000000000`);
  });

  it('name a key by the first 16 hex characters of SHA-256 over its SPKI DER', () => {
    const key = newAuditKey();
    const der = createPublicKey(key.privateKey).export({ type: 'spki', format: 'der' });
    expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(auditKeyId(createPublicKey(key.privateKey))).toBe(key.keyId);
  });

  it('verify with the signing key and with nothing else', () => {
    const key = newAuditKey();
    const head = signHead(key.privateKey, key.keyId, HEAD);
    expect(Buffer.from(head.signature, 'base64')).toHaveLength(64);
    expect(checkHeadSignature(head, key.publicKeys)).toBe('valid');
    expect(checkHeadSignature({ ...head, seq: 43 }, key.publicKeys)).toBe('invalid');
    expect(checkHeadSignature({ ...head, hash: 'cd'.repeat(32) }, key.publicKeys)).toBe('invalid');
    expect(checkHeadSignature({ ...head, signedAt: head.signedAt + 1 }, key.publicKeys)).toBe('invalid');
    expect(checkHeadSignature({ ...head, signature: `${head.signature.slice(0, -3)}AA=` }, key.publicKeys)).toBe('invalid');
    expect(checkHeadSignature({ ...head, signature: 'not base64 at all' }, key.publicKeys)).toBe('invalid');
    const other = newAuditKey();
    expect(checkHeadSignature(head, other.publicKeys)).toBe('unknownKey');
    // A forger who signs with their own key under the trusted key id is refused.
    expect(checkHeadSignature({ ...signHead(other.privateKey, key.keyId, HEAD) }, key.publicKeys)).toBe('invalid');
  });

  it('keep heads of a retired key verifiable after a rotation (the bundle carries its public key)', () => {
    const old = { ...newAuditKey(), source: 'test' };
    const head = signHead(old.privateKey, old.keyId, HEAD);
    const rotated = parseAuditKey(auditKeyPem(newAuditKey(old)), 'rotated');
    expect(rotated.keyId).not.toBe(old.keyId);
    expect(checkHeadSignature(head, rotated.publicKeys)).toBe('valid');
    expect(checkHeadSignature(signHead(rotated.privateKey, rotated.keyId, HEAD), rotated.publicKeys)).toBe('valid');
  });

  it('refuse a key bundle that is not one Ed25519 private key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parseAuditKey(rsa, 'rsa.pem')).toThrow(AuditKeyError);
    expect(() => parseAuditKey('', 'empty.pem')).toThrow(AuditKeyError);
    const pem = auditKeyPem(newAuditKey());
    expect(() => parseAuditKey(pem + pem, 'twice.pem')).toThrow(AuditKeyError);
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer, SealError } from './sealer';
import type { ServerKeyring } from './server-key';

const keyring = (current: string, ...ids: string[]): ServerKeyring => ({ current, keys: new Map(ids.map((id) => [id, randomBytes(32)])), source: 'test' });
const place = { table: 'users', column: 'sealed_keys', rowId: 'user-1' };

describe('server sealing', () => {
  const ring = keyring('k1', 'k1');
  const sealer = createSealer(ring);

  it('opens what it sealed, and names the key it used', () => {
    const sealed = sealer.seal('client ciphertext', place);
    expect(sealed).toMatch(/^s1\.k1\.[\w-]+$/);
    expect(sealer.open(sealed, place).toString()).toBe('client ciphertext');
    expect(sealer.keyIdOf(sealed)).toBe('k1');
  });

  it('never shows the plaintext and never repeats a ciphertext', () => {
    const first = sealer.seal('client ciphertext', place);
    expect(first).not.toContain(Buffer.from('client ciphertext').toString('base64url'));
    expect(sealer.seal('client ciphertext', place)).not.toBe(first);
  });

  it.each([
    ['another row', { ...place, rowId: 'user-2' }],
    ['another column', { ...place, column: 'certificate' }],
    ['another table', { ...place, table: 'invitations' }],
  ])('refuses a value moved to %s', (_what, elsewhere) => {
    expect(() => sealer.open(sealer.seal('x', place), elsewhere)).toThrow(SealError);
  });

  it('refuses damaged, truncated and foreign values', () => {
    const sealed = sealer.seal('x', place);
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    expect(() => sealer.open(flipped, place)).toThrow('failed authentication');
    expect(() => sealer.open('s1.k1.AAAA', place)).toThrow('truncated');
    expect(() => sealer.open('plain text', place)).toThrow('not a sealed value');
    expect(() => createSealer(keyring('k2', 'k2')).open(sealed, place)).toThrow('key k1, which this server does not have');
  });

  it('keeps opening old values after the current key changes', () => {
    const old = sealer.seal('old', place);
    const rotated = createSealer({ ...ring, current: 'k9', keys: new Map([...ring.keys, ['k9', randomBytes(32)]]) });
    expect(rotated.open(old, place).toString()).toBe('old');
    expect(rotated.keyIdOf(rotated.seal('new', place))).toBe('k9');
  });
});

describe('server MACs', () => {
  const sealer = createSealer(keyring('k1', 'k1'));

  it('verify the value they were made for, for the same purpose only', () => {
    const stored = sealer.mac('ab'.repeat(32), 'master-key-hash');
    expect(stored).toMatch(/^m1\.k1\.[\w-]{43}$/);
    expect(sealer.verifyMac(stored, 'ab'.repeat(32), 'master-key-hash')).toBe(true);
    expect(sealer.verifyMac(stored, 'cd'.repeat(32), 'master-key-hash')).toBe(false);
    expect(sealer.verifyMac(stored, 'ab'.repeat(32), 'other')).toBe(false);
  });

  it('remember only a value that verified, for its own MAC and purpose', () => {
    const fresh = createSealer(keyring('k1', 'k1'));
    const alice = fresh.mac('ab'.repeat(32), 'master-key-hash');
    const bob = fresh.mac('cd'.repeat(32), 'master-key-hash');
    expect(fresh.verifyMac(alice, 'ab'.repeat(32), 'master-key-hash')).toBe(true);
    expect(fresh.verifyMac(alice, 'ab'.repeat(32), 'master-key-hash')).toBe(true);
    expect(fresh.verifyMac(alice, 'ab'.repeat(31) + 'ac', 'master-key-hash')).toBe(false);
    expect(fresh.verifyMac(bob, 'ab'.repeat(32), 'master-key-hash')).toBe(false);
    expect(fresh.verifyMac(alice, 'ab'.repeat(32), 'other')).toBe(false);
    expect(fresh.verifyMac(alice, 'ab'.repeat(16), 'master-key-hash')).toBe(false);
  });

  it('do not verify under another server key, or when malformed', () => {
    const stored = sealer.mac('x', 'p');
    expect(createSealer(keyring('k1', 'k1')).verifyMac(stored, 'x', 'p')).toBe(false);
    expect(sealer.verifyMac('m1.k1', 'x', 'p')).toBe(false);
    expect(sealer.verifyMac('m1.k9.AAAA', 'x', 'p')).toBe(false);
  });
});

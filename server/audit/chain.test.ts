import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash, GENESIS_HASH } from './chain';

// The test vector of docs/audit.md "The chain": whoever verifies an export outside Keyhold checks
// their code against it.
const FIRST = { seq: 1, occurred_at: 1764460800000, type: 'organisation.setup', actor_type: 'user', actor_id: 'u-owner', target_type: null, target_id: null, vault_id: null, ip: '203.0.113.7', browser_mode: 1, details: '{"name":"Acme"}' };

describe('the audit chain', () => {
  it('matches the documented test vector', () => {
    expect(canonicalEvent(FIRST)).toBe('[1,1,1764460800000,"organisation.setup","user","u-owner",null,null,null,"203.0.113.7",1,"{\\"name\\":\\"Acme\\"}"]');
    expect(chainHash(GENESIS_HASH, FIRST)).toBe('bdd0a5d4e3ca3d48c839fb48b101b886412fc9b9352c50fb70dea894692b97d4');
  });

  it('changes the link with any column, the seq and the link before', () => {
    const base = chainHash(GENESIS_HASH, FIRST);
    expect(chainHash(GENESIS_HASH, { ...FIRST, seq: 2 })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...FIRST, details: '{"name":"Acme "}' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...FIRST, browser_mode: null })).not.toBe(base);
    expect(chainHash('1'.repeat(64), FIRST)).not.toBe(base);
  });
});

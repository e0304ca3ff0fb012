import { describe, expect, it } from 'vitest';
import { normaliseServerUrl, type ServerUrlError } from './server-url';

describe('normaliseServerUrl', () => {
  it.each([
    ['https://vault.acme.test', 'https://vault.acme.test'],
    ['  https://vault.acme.test/  ', 'https://vault.acme.test'],
    ['vault.acme.test', 'https://vault.acme.test'],
    ['https://acme.test/keyhold/?x=1#frag', 'https://acme.test/keyhold'],
    ['HTTPS://Vault.Acme.Test:8443', 'https://vault.acme.test:8443'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
  ])('accepts %s as %s', (typed, stored) => {
    expect(normaliseServerUrl(typed)).toBe(stored);
  });

  it.each(['http://vault.acme.test', 'http://10.0.0.5:8787', 'ftp://vault.acme.test', 'http://localhost.evil.test'])('refuses %s: not https', (typed) => {
    expect(() => normaliseServerUrl(typed)).toThrow(expect.objectContaining({ reason: 'notHttps' }) as ServerUrlError);
  });

  it.each(['', 'https://', 'https://user:pw@vault.acme.test', 'https://exa mple.test'])('refuses %j: not an address', (typed) => {
    expect(() => normaliseServerUrl(typed)).toThrow(expect.objectContaining({ reason: 'invalid' }) as ServerUrlError);
  });
});

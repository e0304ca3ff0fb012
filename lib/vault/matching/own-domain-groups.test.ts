import { describe, expect, it } from 'vitest';
import { isOwnDomainGroups, parseDomainGroup } from './own-domain-groups';

describe('parseDomainGroup', () => {
  it.each([
    ['acme.com, acme-corp.com', ['acme.com', 'acme-corp.com']],
    ['https://login.acme.com/sso\nACME.co.uk;  shop.acme.de.', ['acme.com', 'acme.co.uk', 'acme.de']],
    ['alice.github.io bob.github.io', ['alice.github.io', 'bob.github.io']],
    ['bücher.example, acme.com', ['xn--bcher-kva.example', 'acme.com']],
  ])('reads %j as the registrable domains %j', (typed, domains) => {
    expect(parseDomainGroup(typed)).toEqual({ ok: true, domains });
  });

  it.each([
    ['co.uk, acme.com', 'co.uk'],
    ['github.io acme.com', 'github.io'],
    ['acme.com 10.0.0.8', '10.0.0.8'],
    ['localhost:8080 acme.com', 'localhost:8080'],
    ['acme.com, ftp://acme.org', 'ftp://acme.org'],
    ['acme.com@evil.test acme.org', 'acme.com@evil.test'],
  ])('refuses %j: %j is no site of its own', (typed, input) => {
    expect(parseDomainGroup(typed)).toEqual({ ok: false, problem: 'notADomain', input });
  });

  it('needs two different sites and takes at most twenty', () => {
    expect(parseDomainGroup('www.acme.com acme.com')).toEqual({ ok: false, problem: 'tooFewDomains' });
    expect(parseDomainGroup('  ')).toEqual({ ok: false, problem: 'tooFewDomains' });
    expect(parseDomainGroup(Array.from({ length: 21 }, (_, n) => `site${n}.test`).join(','))).toEqual({ ok: false, problem: 'tooManyDomains' });
  });
});

describe('isOwnDomainGroups', () => {
  it('takes only groups already in the form the parser writes', () => {
    expect(isOwnDomainGroups([['acme.com', 'acme-corp.com']])).toBe(true);
    expect(isOwnDomainGroups([])).toBe(true);
    expect(isOwnDomainGroups([['login.acme.com', 'acme-corp.com']])).toBe(false);
    expect(isOwnDomainGroups([['acme.com', 'acme.com']])).toBe(false);
    expect(isOwnDomainGroups([['acme.com', 'acme-corp.com'], ['acme.com', 'acme-corp.com']])).toBe(false);
    expect(isOwnDomainGroups([['acme.com']])).toBe(false);
    expect(isOwnDomainGroups([['acme.com', 42]])).toBe(false);
    expect(isOwnDomainGroups('acme.com')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { equivalentDomains } from './equivalent-domains';
import { MatchIndex } from './match-index';
import type { UrlMatch } from './url-rule';

// The matcher from a table of (saved URL, rule, page URL, expected) rows: every rule, and the public
// suffix edge cases — private suffixes (github.io), two-level suffixes (co.uk), IP addresses and
// ports, localhost, punycode — and the lookalikes and downgrades autofill must not be fooled by.

type Row = [saved: string, rule: UrlMatch, page: string, expected: 'match' | 'insecure' | 'no'];

const TABLE: Row[] = [
  // Registrable domain, the default.
  ['https://acme.test/login', 'domain', 'https://acme.test/', 'match'],
  ['https://acme.test/login', 'domain', 'https://www.acme.test/other', 'match'],
  ['https://login.acme.com', 'domain', 'https://mail.acme.com/', 'match'],
  ['acme.com', 'domain', 'https://sso.acme.com/', 'match'],
  ['https://acme.com', 'domain', 'https://acme.com.evil.test/', 'no'],
  ['https://acme.com', 'domain', 'https://evil-acme.com/', 'no'],
  ['https://acme.com', 'domain', 'https://acme.co/', 'no'],
  ['https://acme.com', 'domain', 'http://acme.com/', 'insecure'],
  ['http://acme.com', 'domain', 'http://acme.com/', 'match'],
  ['http://acme.com', 'domain', 'https://acme.com/', 'match'],
  ['https://alice.github.io/app', 'domain', 'https://alice.github.io/', 'match'],
  ['https://alice.github.io/app', 'domain', 'https://mallory.github.io/', 'no'],
  ['https://shop.acme.co.uk', 'domain', 'https://www.acme.co.uk/', 'match'],
  ['https://acme.co.uk', 'domain', 'https://other.co.uk/', 'no'],
  ['https://co.uk', 'domain', 'https://acme.co.uk/', 'no'],
  ['https://192.168.1.1/', 'domain', 'https://192.168.1.1/admin', 'match'],
  ['https://192.168.1.1/', 'domain', 'https://192.168.1.10/', 'no'],
  ['https://192.168.1.1:8443/', 'domain', 'https://192.168.1.1/', 'no'],
  ['http://localhost:3000/', 'domain', 'http://localhost:3000/login', 'match'],
  ['http://localhost:3000/', 'domain', 'http://localhost:8080/login', 'no'],
  ['https://bücher.de/konto', 'domain', 'https://www.xn--bcher-kva.de/', 'match'],
  ['https://xn--bcher-kva.de', 'domain', 'https://bücher.de/', 'match'],
  ['https://acme.com', 'domain', 'ftp://acme.com/', 'no'],
  ['https://acme.com', 'domain', 'not a url', 'no'],
  ['https://acme.com', 'domain', 'https://acme.com./login', 'match'],
  // Host: the host only (with the port for IPs and localhost).
  ['https://mail.acme.com/inbox', 'host', 'https://mail.acme.com/login', 'match'],
  ['https://mail.acme.com/inbox', 'host', 'https://mail.acme.com:8443/login', 'match'],
  ['https://mail.acme.com', 'host', 'https://www.acme.com/', 'no'],
  ['https://mail.acme.com', 'host', 'https://acme.com/', 'no'],
  ['https://10.0.0.5:8443', 'host', 'https://10.0.0.5:8443/ui', 'match'],
  ['https://10.0.0.5:8443', 'host', 'https://10.0.0.5/ui', 'no'],
  ['https://[::1]:8443/', 'host', 'https://[::1]:8443/x', 'match'],
  ['https://[::1]:8443/', 'host', 'https://[::1]:9443/x', 'no'],
  ['http://localhost', 'host', 'http://localhost/', 'match'],
  ['https://mail.acme.com', 'host', 'http://mail.acme.com/', 'insecure'],
  // Starts with.
  ['https://acme.com/app/', 'starts-with', 'https://acme.com/app/login?next=1', 'match'],
  ['https://acme.com/app/', 'starts-with', 'https://acme.com/application', 'no'],
  ['https://acme.com', 'starts-with', 'https://acme.com.evil.test/', 'no'],
  ['https://acme.com/app', 'starts-with', 'https://www.acme.com/app', 'no'],
  ['https://acme.com/app', 'starts-with', 'http://acme.com/app/x', 'insecure'],
  ['https://acme.com/app', 'starts-with', 'https://acme.com/app#section', 'match'],
  // Exact (the fragment aside).
  ['https://acme.com/login', 'exact', 'https://acme.com/login', 'match'],
  ['https://acme.com/login', 'exact', 'https://acme.com/login#top', 'match'],
  ['https://acme.com/login', 'exact', 'https://acme.com/login?x=1', 'no'],
  ['https://acme.com/login', 'exact', 'https://acme.com/Login', 'no'],
  ['https://ACME.com/login', 'exact', 'https://acme.com/login', 'match'],
  // Regex, case-insensitive, against the whole URL.
  ['^https://([a-z]+\\.)?acme\\.com/', 'regex', 'https://sso.acme.com/login', 'match'],
  ['^https://([a-z]+\\.)?acme\\.com/', 'regex', 'https://acme.com.evil.test/', 'no'],
  ['^https://([a-z]+\\.)?acme\\.com/', 'regex', 'https://ACME.COM/', 'match'],
  ['acme\\.(com|org)/login', 'regex', 'https://acme.org/login', 'match'],
  ['intranet|portal', 'regex', 'https://portal.acme.com/', 'match'],
  ['^http://legacy\\.acme\\.com/', 'regex', 'http://legacy.acme.com/', 'insecure'],
  ['(a+)+$', 'regex', `https://acme.com/${'a'.repeat(40)}!`, 'no'],
  ['(?:a|aa)+$', 'regex', `https://acme.com/${'a'.repeat(5_000)}!`, 'no'],
  ['([a-z0-9-]+\\.)*acme\\.com/', 'regex', 'https://eu.sso.acme.com/', 'match'],
  ['^https://acme\\.com\\b', 'regex', 'https://acme.com@evil.test/', 'no'],
  ['^https://(?<app>[a-z]+)\\.acme\\.test/\\k<app>/', 'regex', 'https://mail.acme.test/mail/', 'no'],
  ['acme\\.com/(?=login)', 'regex', 'https://acme.com/login', 'no'],
  ['https://acme.com', 'domain', 'https://acme.com@evil.test/', 'no'],
  ['acme.com:8443/login', 'starts-with', 'https://acme.com:8443/login/sso', 'match'],
  ['localhost:3000', 'host', 'http://localhost:3000/', 'insecure'],
  ['https://acme.com./login', 'exact', 'https://acme.com/login', 'match'],
  ['https://acme.com/login', 'exact', 'https://acme.com./login', 'match'],
  ['([', 'regex', 'https://acme.com/', 'no'],
  // Never.
  ['https://acme.com', 'never', 'https://acme.com/', 'no'],
];

describe('MatchIndex', () => {
  it.each(TABLE)('%s (%s) on %s: %s', (saved, rule, page, expected) => {
    const index = new MatchIndex([{ id: 'entry', urls: [{ url: saved, match: rule }] }]);
    const [found] = index.matches(page);
    if (expected === 'no') expect(found).toBeUndefined();
    else expect(found).toEqual({ entryId: 'entry', url: saved, match: rule, equivalent: false, insecure: expected === 'insecure' });
  });

  it('offers each entry once, by its most specific matching URL, most specific entries first', () => {
    const index = new MatchIndex([
      { id: 'wide', urls: [{ url: 'https://acme.com', match: 'domain' }] },
      { id: 'both', urls: [{ url: 'https://acme.com', match: 'domain' }, { url: 'https://mail.acme.com/login', match: 'exact' }] },
      { id: 'elsewhere', urls: [{ url: 'https://other.test', match: 'domain' }] },
      { id: 'pattern', urls: [{ url: 'mail\\.acme', match: 'regex' }] },
    ]);
    expect(index.matches('https://mail.acme.com/login').map(({ entryId, match }) => [entryId, match])).toEqual([
      ['both', 'exact'],
      ['wide', 'domain'],
      ['pattern', 'regex'],
    ]);
  });

  it('suggests an entry of an equivalent domain as such, after the site’s own, and only one way for a renamed site', () => {
    const equivalents = equivalentDomains([{ shared: ['airbnb.com', 'airbnb.co.uk'] }, { from: ['a2hosting.com'], to: ['hosting.com'] }], [['acme.test', 'acme-corp.test']]);
    const index = new MatchIndex([
      { id: 'uk', urls: [{ url: 'https://www.airbnb.co.uk/login', match: 'domain' }] },
      { id: 'com', urls: [{ url: 'https://airbnb.com', match: 'domain' }] },
      { id: 'old-name', urls: [{ url: 'https://my.a2hosting.com', match: 'domain' }] },
      { id: 'new-name', urls: [{ url: 'https://hosting.com', match: 'domain' }] },
      { id: 'own', urls: [{ url: 'https://acme-corp.test', match: 'domain' }] },
      { id: 'host-rule', urls: [{ url: 'https://airbnb.co.uk', match: 'host' }] },
    ]);
    expect(index.matches('https://www.airbnb.com/', equivalents).map(({ entryId, equivalent, url }) => [entryId, equivalent, url])).toEqual([
      ['com', false, 'https://airbnb.com'],
      ['uk', true, 'https://www.airbnb.co.uk/login'],
    ]);
    expect(index.matches('https://hosting.com/', equivalents).map(({ entryId, equivalent }) => [entryId, equivalent])).toEqual([
      ['new-name', false],
      ['old-name', true],
    ]);
    expect(index.matches('https://a2hosting.com/', equivalents).map(({ entryId }) => entryId)).toEqual(['old-name']);
    expect(index.matches('https://sso.acme.test/', equivalents).map(({ entryId, equivalent }) => [entryId, equivalent])).toEqual([['own', true]]);
    // Without the table (a fill that must not use equivalence), the site's own entries only.
    expect(index.matches('https://www.airbnb.com/').map(({ entryId }) => entryId)).toEqual(['com']);
  });

  it('finds regex rules through the words they require, and still tests those with none', () => {
    const entries = Array.from({ length: 2_000 }, (_, n) => ({ id: `e${n}`, urls: [{ url: `^https://app${n}\\.example\\.test/`, match: 'regex' as const }] }));
    entries.push({ id: 'any-admin', urls: [{ url: '/(admin|root)/', match: 'regex' }] });
    const index = new MatchIndex(entries);
    expect(index.matches('https://app1234.example.test/admin/').map(({ entryId }) => entryId)).toEqual(['any-admin', 'e1234']);
    expect(index.matches('https://app1234.example.test.evil.test/').map(({ entryId }) => entryId)).toEqual([]);
  });
});

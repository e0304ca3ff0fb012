import { describe, expect, it } from 'vitest';
import type { UrlMatch } from '../matching/url-rule';
import { changePasswordUrl } from './change-password-url';

type Urls = { url: string; match: UrlMatch }[];

describe('changePasswordUrl', () => {
  it.each<[string, Urls, string | null]>([
    ['a site in the list', [{ url: 'https://github.com/login', match: 'domain' }], 'https://github.com/settings/security'],
    ['a subdomain of a listed site', [{ url: 'https://gist.github.com/', match: 'host' }], 'https://github.com/settings/security'],
    ['a listed subdomain before its parent', [{ url: 'https://news.google.com/', match: 'host' }], 'https://myaccount.google.com/signinoptions/password'],
    ['the parent of a listed subdomain, not listed itself', [{ url: 'https://magento.com/', match: 'domain' }], 'https://magento.com/.well-known/change-password'],
    ['a site not in the list', [{ url: 'https://app.acme.test/login?next=/home', match: 'host' }], 'https://app.acme.test/.well-known/change-password'],
    ['a saved URL without a scheme', [{ url: 'acme.test/login', match: 'domain' }], 'https://acme.test/.well-known/change-password'],
    ['an http-only site', [{ url: 'http://intranet.acme.test/', match: 'starts-with' }], 'http://intranet.acme.test/.well-known/change-password'],
    ['an IP address with a port', [{ url: 'https://192.168.1.1:8443/admin', match: 'exact' }], 'https://192.168.1.1:8443/.well-known/change-password'],
    ['a user name before the host', [{ url: 'https://alice:secret@acme.test/', match: 'host' }], 'https://acme.test/.well-known/change-password'],
    ['only a pattern', [{ url: '^https://github\\.com/', match: 'regex' }], null],
    ['a never rule skipped for the next URL', [{ url: 'https://github.com/', match: 'never' }, { url: 'https://acme.test/', match: 'domain' }], 'https://acme.test/.well-known/change-password'],
    ['URLs that name no site skipped', [{ url: 'ftp://files.acme.test/', match: 'domain' }, { url: 'not a url', match: 'host' }, { url: 'https://github.com/', match: 'host' }], 'https://github.com/settings/security'],
    ['no URL', [], null],
  ])('%s', (_, urls, expected) => {
    expect(changePasswordUrl(urls)).toBe(expected);
  });
});

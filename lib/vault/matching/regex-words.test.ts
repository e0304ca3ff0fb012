import { describe, expect, it } from 'vitest';
import { RE2JS } from 're2js';
import { requiredWords } from './regex-words';

// The regex prefilter may only ever return words every match contains: each row also checks
// strings the pattern matches (with RE2, the engine rules run on) against what it returned.

const ROWS: [pattern: string, words: string[], matching: string[]][] = [
  ['^https://([a-z]+\\.)?acme\\.com/login', ['https', 'acme', 'com'], ['https://acme.com/login', 'https://sso.acme.com/login']],
  ['^https://app7\\.example\\.test/', ['example', 'https', 'app7', 'test'], ['https://app7.example.test/']],
  ['https://(www\\.)?acme\\.com/', ['acme', 'com'], ['xhttps://acme.com/']],
  ['acme\\.(com|org)/login', [], ['https://acme.org/login']],
  ['intranet|portal', [], ['https://portal.test/']],
  ['\\.internal\\.acme\\.test$', ['internal', 'acme', 'test'], ['https://x.internal.acme.test']],
  ['/ad?min/', [], ['/amin/', '/admin/']],
  ['/admins?/x', [], ['/admin/x', '/admins/x']],
  ['/a+dmin/panel/', ['panel'], ['/aaadmin/panel/']],
  ['/[a-z]+/account/', ['account'], ['/fr/account/']],
  ['\\bvault\\b\\.acme', [], ['vault.acmex']],
  ['^HTTPS://Acme\\.Test/', ['https', 'acme', 'test'], ['https://acme.test/']],
  ['^https://(www\\.)?shop7\\.example\\.test/', ['example', 'https', 'shop7', 'test'], ['https://shop7.example.test/', 'https://www.shop7.example.test/']],
  ['x(www\\.)?shop7\\.test', [], ['xshop7.test']],
  ['/([)]a|b/)shop7/', [], ['/)ashop7/']],
  ['/(a|b/)shop7/', [], ['/ashop7/']],
  ['/(?:[a-z]+-)+shop7/', ['shop7'], ['/a-b-shop7/']],
  ['/[^]x]/shop7/', ['shop7'], ['/a/shop7/']],
];

describe('requiredWords', () => {
  it.each(ROWS)('%s', (pattern, words, matching) => {
    expect(requiredWords(pattern)).toEqual(words);
    const regex = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    for (const text of matching) {
      expect(regex.test(text), text).toBe(true);
      const present = new Set(text.toLowerCase().split(/[^a-z0-9]+/));
      for (const word of words) expect(present.has(word), `${word} in ${text}`).toBe(true);
    }
  });
});

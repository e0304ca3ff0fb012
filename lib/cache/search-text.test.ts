import { describe, expect, it } from 'vitest';
import { foldText, hostOf, queryTokens, urlSearchText } from './search-text';

// Entry URLs are parsed by hand for speed; they must agree with the URL parser on the host.

describe('search text', () => {
  it.each([
    ['https://github.com/login', 'github.com'],
    ['https://User:Pw@Example.COM:8443/x?y#z', 'example.com'],
    ['github.com', 'github.com'],
    ['github.com/login?next=https://evil.test', 'github.com'],
    ['http://[::1]:8080/', '[::1]'],
    ['https://bücher.de/', 'xn--bcher-kva.de'],
    ['https://example.com./', 'example.com'],
    ['  https://spaces.example.com  ', 'spaces.example.com'],
    ['https://a.example?x=@b.example', 'a.example'],
    ['https://a.example#@b.example', 'a.example'],
  ])('the host of %j is %j', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });

  it('drops only a leading scheme from the searchable URL', () => {
    expect(urlSearchText('https://github.com/login')).toBe('github.com/login');
    expect(urlSearchText('example.com/?u=http://x.test')).toBe('example.com/?u=http://x.test');
  });

  it('folds case and Unicode spelling, and splits queries on any whitespace', () => {
    expect(foldText('CAFE\u0301 Crème')).toBe('café crème');
    expect(queryTokens('  Git\tHUB \n work ')).toEqual(['git', 'hub', 'work']);
    expect(queryTokens('   ')).toEqual([]);
  });
});

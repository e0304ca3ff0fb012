import { describe, expect, it } from 'vitest';
import { parsePasswordRules } from './parse-rules';
import shipped from './password-rules-data/password-rules.json';
import { siteRulesFor, type PasswordRulesFile } from './site-rules';

const fake: PasswordRulesFile = {
  'example.com': { 'password-rules': 'minlength: 8;' },
  'a.example.com': { 'password-rules': 'minlength: 9;' },
  'exact.org': { 'password-rules': 'minlength: 10;', 'exact-domain-match-only': true },
  'github.io': { 'password-rules': 'minlength: 11;' },
  'alice.github.io': { 'password-rules': 'minlength: 12;' },
  localhost: { 'password-rules': 'minlength: 13;' },
};

describe('siteRulesFor, in the shipped file', () => {
  it.each<[string, string | null]>([
    ['163.com', '163.com'],
    ['www.163.com', '163.com'],
    ['mail.www.163.com', '163.com'],
    ['WWW.163.COM.', '163.com'],
    ['account.samsung.com', 'account.samsung.com'],
    ['login.account.samsung.com', 'account.samsung.com'],
    ['samsung.com', null],
    ['www.samsung.com', null],
    ['not163.com', null],
    ['163.com.evil.test', null],
    ['127.0.0.1', null],
    ['', null],
    ['__proto__', null],
    ['constructor.com', null],
  ])('%j → %j', (hostname, key) => {
    expect(siteRulesFor(hostname)?.key ?? null).toBe(key);
  });

  it('parses the entry it finds', () => {
    expect(siteRulesFor('www.163.com')?.rules).toEqual(parsePasswordRules('minlength: 6; maxlength: 16;'));
  });

  it('finds every key of the file on its own host', () => {
    for (const key of Object.keys(shipped)) expect(siteRulesFor(key)?.key).toBe(key);
  });
});

describe('siteRulesFor, by the file’s matching rules', () => {
  it.each<[string, string | null]>([
    ['example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['a.example.com', 'a.example.com'],
    ['deep.a.example.com', 'a.example.com'],
    ['b.example.com', 'example.com'],
    // exact-domain-match-only: the host itself, not the hosts below it.
    ['exact.org', 'exact.org'],
    ['www.exact.org', null],
    // github.io is a public suffix (private section): its sites do not inherit its key.
    ['alice.github.io', 'alice.github.io'],
    ['bob.github.io', null],
    ['www.bob.github.io', null],
    ['localhost', 'localhost'],
  ])('%j → %j', (hostname, key) => {
    expect(siteRulesFor(hostname, fake)?.key ?? null).toBe(key);
  });
});

import { describe, expect, it } from 'vitest';
import { checkPassword } from '../vault/password-policy';
import { LANGUAGES, type Language } from './languages';
import { CATALOGS, type MessageKey } from './translate';

const KEYS = Object.keys(CATALOGS.en).sort() as MessageKey[];
const TRANSLATED = LANGUAGES.filter((language) => language !== 'en');

// Where the right translation is the English text itself: an example URL, and words these
// languages borrowed from English. Anything else equal to English was forgotten.
const SAME_AS_ENGLISH: Readonly<Record<Exclude<Language, 'en'>, readonly MessageKey[]>> = {
  es: ['firstRun.serverUrl.placeholder'],
  fr: ['firstRun.serverUrl.placeholder', 'signIn.totp.code', 'vault.details.description', 'vault.field.notes', 'vault.colours.orange', 'vault.sessions'],
  de: ['firstRun.serverUrl.placeholder', 'signIn.totp.code', 'generator.mode.passphrase', 'settings.server', 'vault.sort.name', 'vault.details.website', 'vault.field.text', 'vault.colours.orange', 'vault.form.urls', 'vault.level.admin'],
  zh: ['firstRun.serverUrl.placeholder'],
};

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

describe('message catalogs', () => {
  it('name keys by screen, then the element', () => {
    const malformed = KEYS.filter((key) => !/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/.test(key));
    expect(malformed).toEqual([]);
  });

  it.each(TRANSLATED)('%s has exactly the English keys', (language) => {
    expect(Object.keys(CATALOGS[language]).sort()).toEqual(KEYS);
  });

  it.each(LANGUAGES)('%s has no empty message and no stray spaces at either end', (language) => {
    const bad = KEYS.filter((key) => CATALOGS[language][key] === '' || CATALOGS[language][key] !== CATALOGS[language][key].trim());
    expect(bad).toEqual([]);
  });

  it.each(TRANSLATED)('%s keeps every placeholder of the English message', (language) => {
    const mismatched = KEYS.filter((key) => placeholders(CATALOGS[language][key]).join() !== placeholders(CATALOGS.en[key]).join());
    expect(mismatched).toEqual([]);
  });

  it.each(TRANSLATED)('%s translates every message except the allowed few', (language) => {
    const sameAsEnglish = KEYS.filter((key) => CATALOGS[language][key] === CATALOGS.en[key]);
    expect(sameAsEnglish).toEqual([...SAME_AS_ENGLISH[language]].sort());
  });

  it('has a message for every way a password can break the policy', () => {
    const strictest = { minLength: 20, requireUppercase: true, requireDigits: true, requireSpecial: true };
    const missing = checkPassword(strictest, '').filter((violation) => !KEYS.includes(`credentials.policy.${violation}`));
    expect(missing).toEqual([]);
  });
});

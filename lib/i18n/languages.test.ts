import { describe, expect, it } from 'vitest';
import { LANGUAGES, LANGUAGE_NAMES, acceptLanguageHeader, isLanguage, languageOfTag, resolveLanguage, type LanguageSetting } from './languages';

describe('resolveLanguage', () => {
  it.each<[LanguageSetting, string[], string]>([
    ['auto', ['fr-CA', 'en-US'], 'fr'],
    ['auto', ['de-DE'], 'de'],
    ['auto', ['es-419'], 'es'],
    ['auto', ['zh-CN'], 'zh'],
    ['auto', ['zh-TW'], 'zh'],
    ['auto', ['zh-Hans'], 'zh'],
    ['auto', ['zh_CN'], 'zh'],
    ['auto', ['ZH-hk'], 'zh'],
    ['auto', ['pt-BR', 'nl', 'de', 'fr'], 'de'],
    ['auto', ['pt-BR'], 'en'],
    ['auto', [], 'en'],
    ['auto', [''], 'en'],
    ['es', ['de-DE', 'en'], 'es'],
    ['en', ['zh-CN'], 'en'],
  ])('setting %s with browser languages %j → %s', (setting, browserLanguages, expected) => {
    expect(resolveLanguage(setting, browserLanguages)).toBe(expected);
  });
});

describe('languageOfTag', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['en-GB', 'en'],
    ['german', null],
    ['deu', null],
    ['*', null],
  ])('%s → %s', (tag, expected) => {
    expect(languageOfTag(tag)).toBe(expected);
  });
});

describe('isLanguage', () => {
  it('accepts the five languages and nothing else', () => {
    expect(LANGUAGES.every(isLanguage)).toBe(true);
    expect(['EN', 'pt', 'auto', '', null, 1].some(isLanguage)).toBe(false);
  });
});

describe('acceptLanguageHeader', () => {
  it.each([
    ['en', 'en'],
    ['fr', 'fr, en;q=0.5'],
    ['zh', 'zh, en;q=0.5'],
  ] as const)('%s → %j', (language, expected) => {
    expect(acceptLanguageHeader(language)).toBe(expected);
  });
});

describe('LANGUAGE_NAMES', () => {
  it('names each language differently, so the picker has no two identical choices', () => {
    expect(new Set(LANGUAGES.map((language) => LANGUAGE_NAMES[language])).size).toBe(LANGUAGES.length);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../lib/contract/errors';
import { LANGUAGES, acceptLanguageHeader } from '../../lib/i18n/languages';
import { createApp } from '../app';
import { openDatabase } from '../db/database';
import { createSealer } from '../sealing/sealer';
import { ERROR_MESSAGES, errorMessage, negotiateLanguage } from './error-messages';

const CODES = Object.keys(ERROR_CODES).sort() as ErrorCode[];

describe('error catalogs', () => {
  it.each(LANGUAGES)('%s has a message for every code and no other', (language) => {
    expect(Object.keys(ERROR_MESSAGES[language]).sort()).toEqual(CODES);
    // A character count would be unfair to Chinese, where a whole message can take five.
    for (const code of CODES) expect(ERROR_MESSAGES[language][code].trim(), code).not.toBe('');
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s translates every message rather than repeating the English', (language) => {
    const untranslated = CODES.filter((code) => ERROR_MESSAGES[language][code] === ERROR_MESSAGES.en[code]);
    expect(untranslated).toEqual([]);
  });
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de', 'de'],
    [' DE-at ', 'de'],
    ['fr-CA', 'fr'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-Hant-TW', 'zh'],
    ['es-419', 'es'],
    ['pt-BR, fr;q=0.8, en;q=0.5', 'fr'],
    ['en;q=0.4, de;q=0.9', 'de'],
    ['fr;q=0.5, es;q=0.5', 'fr'],
    ['de;q=0, fr;q=0.1', 'fr'],
    ['xx-YY, en;q=0.1', 'en'],
    ['*', 'en'],
    ['pt, *;q=0.5', 'en'],
    ['en;q=0, *', 'es'],
    ['es;q=abc, de;q=0.2', 'de'],
    ['de;q=2', 'en'],
    [';;,,', 'en'],
  ])('Accept-Language %j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it.each(LANGUAGES)('reads back the header the clients send for %s', (language) => {
    expect(negotiateLanguage(acceptLanguageHeader(language))).toBe(language);
  });

  it('looks messages up in the negotiated language', () => {
    expect(errorMessage('invalidCredentials', 'fr-CA, en;q=0.5')).toBe(ERROR_MESSAGES.fr.invalidCredentials);
  });
});

describe('error responses over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyhold-error-language-'));
  const database = openDatabase({ dataDir: dir });
  const sealer = createSealer({ current: 'k1', keys: new Map([['k1', Buffer.alloc(32, 1)]]), source: 'test' });
  const app = createApp({ database, logger: pino({ level: 'silent' }), sealer });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['de', 'Nicht gefunden oder für Sie nicht sichtbar.'],
    ['zh-CN,zh;q=0.9', '未找到，或你无权查看。'],
    ['pt-BR', 'Not found, or not visible to you.'],
  ])('Accept-Language %j answers in that language', async (acceptLanguage, message) => {
    const response = await app.request('/api/v1/nothing', { headers: { 'accept-language': acceptLanguage } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ code: 'notFound', field: null, message }] });
  });
});

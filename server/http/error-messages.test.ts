import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../lib/contract/errors';
import { ERROR_MESSAGES, negotiateLanguage } from './error-messages';

describe('error messages', () => {
  it('every catalog has a message for every code', () => {
    for (const [language, catalog] of Object.entries(ERROR_MESSAGES)) {
      expect(Object.keys(catalog).sort(), language).toEqual(Object.keys(ERROR_CODES).sort());
      for (const message of Object.values(catalog)) expect(message.length, language).toBeGreaterThan(5);
    }
  });

  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['xx-YY, en;q=0.1', 'en'],
    ['*', 'en'],
    ['en;q=abc', 'en'],
  ])('Accept-Language %j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});

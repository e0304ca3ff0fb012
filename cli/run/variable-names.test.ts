import { describe, expect, it } from 'vitest';
import { isVariableName, variableName } from './variable-names';

describe('variableName', () => {
  it.each([
    ['Build server', 'Password', 'BUILD_SERVER_PASSWORD'],
    ['Café ☕ Prod/EU', 'API key', 'CAFE_PROD_EU_API_KEY'],
    ['2fa backup', 'codes', '_2FA_BACKUP_CODES'],
    ['--', 'login', 'LOGIN'],
    ['☕', '✓', 'SECRET'],
    ['Ünïcödé', 'ñ', 'UNICODE_N'],
  ])('%s / %s → %s', (item, field, expected) => {
    expect(variableName(item, field)).toBe(expected);
    expect(isVariableName(expected)).toBe(true);
  });
});

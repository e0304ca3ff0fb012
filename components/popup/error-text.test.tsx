import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../lib/i18n/languages';
import { translator } from '../../lib/i18n/translate';
import type { ErrorCode } from '../../lib/messages/protocol';
import { BackgroundError } from '../../lib/messages/send';
import { errorText } from '../../lib/i18n/error-text';

const CODES: ErrorCode[] = [
  'malformed', 'forbiddenSender', 'serverNotHttps', 'serverUnreachable', 'notKeyhold', 'wrongPassword', 'wrongMasterPassword',
  'mfaRequired', 'mfaInvalid', 'rateLimited', 'organisationKeyChanged', 'invitationInvalid', 'setupTokenInvalid', 'alreadySetUp',
  'passwordChoice', 'locked', 'signedOut', 'notFound', 'tampered', 'server', 'internal',
];
const failure = (code: ErrorCode, message = 'detail for the log') => new BackgroundError({ code, message });

describe('error text', () => {
  it.each(LANGUAGES)('has a sentence for every code in %s, never the log detail', (language) => {
    const t = translator(language);
    for (const code of CODES.filter((code) => code !== 'server')) expect(errorText(t, failure(code))).not.toContain('detail for the log');
  });

  it('shows the server’s own words for its refusals, and a generic sentence when it gave none', () => {
    const t = translator('en');
    expect(errorText(t, failure('server', 'Vault is read-only.'))).toBe('Vault is read-only.');
    expect(errorText(t, failure('server', ''))).toBe('Something went wrong. Try again.');
  });

  it('lets a screen word a code its own way', () => {
    expect(errorText(translator('de'), failure('wrongMasterPassword'), { wrongMasterPassword: 'settings.changeMasterPassword.wrongCurrent' })).toBe('Das aktuelle Master-Passwort ist falsch.');
  });
});

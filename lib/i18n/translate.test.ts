import { describe, expect, it, vi } from 'vitest';
import { LANGUAGES } from './languages';
import { CATALOGS, formatMessage, translator } from './translate';

describe('translator', () => {
  it.each([
    ['en', 'Lock'],
    ['es', 'Bloquear'],
    ['fr', 'Verrouiller'],
    ['de', 'Sperren'],
    ['zh', '锁定'],
  ] as const)('speaks %s', (language, lock) => {
    expect(translator(language)('popup.lock')).toBe(lock);
  });

  it('fills in placeholders', () => {
    expect(translator('en')('popup.copied', { seconds: 30 })).toBe('Copied — clears in 30 s');
    expect(translator('de')('unlock.signedInAs', { login: 'alice@example.com' })).toBe('Angemeldet als alice@example.com');
  });

  it('writes numbers the way each language does', () => {
    expect(translator('en')('credentials.policy.minLength', { min: 10000 })).toBe('At least 10,000 characters');
    expect(translator('de')('credentials.policy.minLength', { min: 10000 })).toBe('Mindestens 10.000 Zeichen');
  });

  it('builds one number format per language, not one per message', () => {
    const constructed = vi.spyOn(Intl, 'NumberFormat');
    try {
      const t = translator('es');
      t('popup.copied', { seconds: 30 });
      const before = constructed.mock.calls.length;
      for (let seconds = 0; seconds < 50; seconds++) t('popup.copied', { seconds });
      expect(constructed.mock.calls.length).toBe(before);
      expect(t('popup.copied', { seconds: 1000 })).toBe('Copiado; se borrará en 1000 s');
    } finally {
      constructed.mockRestore();
    }
  });

  it('shows user text verbatim, even when it looks like a placeholder or a replacement pattern', () => {
    expect(translator('en')('popup.noResults', { query: "{seconds} $& $'" })).toBe("No results for “{seconds} $& $'”");
  });

  it('leaves a placeholder without a value visible rather than printing "undefined"', () => {
    expect(translator('fr')('popup.copied')).toBe('Copié — effacé dans {seconds}\u00a0s');
  });

  it('does not take values from the object prototype', () => {
    expect(formatMessage('{constructor} {toString}', {})).toBe('{constructor} {toString}');
  });

  it('has a catalog for every language', () => {
    expect(Object.keys(CATALOGS).sort()).toEqual([...LANGUAGES].sort());
  });
});

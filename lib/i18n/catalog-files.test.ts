import { describe, expect, it } from 'vitest';
import { catalogFileTranslators } from './catalog-files';
import { catalogFetch } from './testing/catalog-fetch';

describe('catalog files for the service worker', () => {
  it('translates from the language asked for, with placeholders filled the way it writes numbers', async () => {
    const translatorFor = catalogFileTranslators(catalogFetch);
    expect((await translatorFor('en'))('autofill.icon')).toBe('Keyhold: choose a login');
    expect((await translatorFor('de'))('autofill.icon')).toBe('Keyhold: Anmeldung wählen');
  });

  it('reads each language once', async () => {
    const asked: string[] = [];
    const translatorFor = catalogFileTranslators((path) => (asked.push(path), catalogFetch(path)));
    await translatorFor('fr');
    await translatorFor('fr');
    await translatorFor('zh');
    expect(asked).toEqual(['/i18n/fr.json', '/i18n/zh.json']);
  });

  it('refuses a missing file, and reads it again next time instead of remembering the failure', async () => {
    let missing = true;
    const translatorFor = catalogFileTranslators((path) => (missing ? Promise.resolve(new Response(null, { status: 404 })) : catalogFetch(path)));
    await expect(translatorFor('es')).rejects.toThrow(/es catalog file is missing/);
    missing = false;
    expect((await translatorFor('es'))('autofill.icon')).toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import { memoryArea } from './memory-area';
import { readSettings, writeSettings } from './settings';

const FRESH = { serverUrl: null, language: 'auto', autoLockMinutes: 15, clipboardClearSeconds: 30, domainGroups: [], neverSave: [] };

describe('settings', () => {
  it('has no server URL, follows the browser language, locks after 15 minutes and clears the clipboard after 30 s on a fresh install', async () => {
    expect(await readSettings(memoryArea())).toEqual(FRESH);
  });

  it.each([[null], ['not an object'], [{ serverUrl: 42 }], [{ serverUrl: '' }], [{ language: 'klingon', autoLockMinutes: 0 }], [{ autoLockMinutes: 2.5 }], [{ clipboardClearSeconds: 10 }], [{ clipboardClearSeconds: '60' }], [{ domainGroups: [['co.uk', 'acme.test']] }], [{ domainGroups: [['login.acme.test', 'acme.org']] }], [{ domainGroups: 'acme.test' }]])(
    'treats stored %j as unset',
    async (stored) => {
      expect(await readSettings(memoryArea({ settings: stored }))).toEqual(FRESH);
    },
  );

  it('keeps the groups of sites that still read as valid when one does not', async () => {
    const stored = { domainGroups: [['acme.test', 'acme-corp.test'], ['co.uk', 'acme.test'], ['bank.test', 'bank-online.test']] };
    expect((await readSettings(memoryArea({ settings: stored }))).domainGroups).toEqual([
      ['acme.test', 'acme-corp.test'],
      ['bank.test', 'bank-online.test'],
    ]);
  });

  it('reads back what it wrote, keeping the other settings', async () => {
    const area = memoryArea();
    await writeSettings(area, { serverUrl: 'https://vault.acme.test' });
    await writeSettings(area, { language: 'de', autoLockMinutes: 5 });
    await writeSettings(area, { clipboardClearSeconds: 90 });
    await writeSettings(area, { domainGroups: [['acme.test', 'acme-corp.test']] });
    await writeSettings(area, { neverSave: ['bank.test'] });
    expect(await readSettings(area)).toEqual({ serverUrl: 'https://vault.acme.test', language: 'de', autoLockMinutes: 5, clipboardClearSeconds: 90, domainGroups: [['acme.test', 'acme-corp.test']], neverSave: ['bank.test'] });
  });
});

import { describe, expect, it } from 'vitest';
import type { IndexEntry } from './index-entry';
import { siteMatcher } from './site-matches';
import { applyDelta } from './test-index';
import { VaultIndex } from './vault-index';

// The worker's match index over this device's copy: live entries only, rebuilt after a change.

function entry(id: string, url: string, changes: Partial<IndexEntry> = {}): IndexEntry {
  return { id, vaultId: 'v1', folderId: null, revision: 1, name: id, login: '', urls: [{ url, match: 'domain' }], tags: [], favourite: false, colour: null, hasPassword: true, hasTotp: false, updatedAt: 0, deletedAt: null, ...changes };
}

describe('siteMatcher', () => {
  it('finds the live entries of a page, and follows changes to the vault', () => {
    const index = VaultIndex.of([entry('mail', 'https://mail.acme.test/'), entry('old', 'https://acme.test/', { deletedAt: 5 }), entry('bank', 'https://bank.test/')]);
    const sites = siteMatcher(index);
    expect(sites.matches('https://www.acme.test/login').map((match) => match.entryId)).toEqual(['mail']);
    applyDelta(index, { upserted: [entry('sso', 'https://sso.acme.test/')], removed: ['mail'] });
    expect(sites.matches('https://www.acme.test/login').map((match) => match.entryId)).toEqual(['sso']);
  });

  it('suggests a login of an equivalent domain from the shipped data, flagged as such', () => {
    const sites = siteMatcher(VaultIndex.of([entry('uk', 'https://www.airbnb.co.uk/')]));
    expect(sites.matches('https://www.airbnb.com/')).toEqual([{ entryId: 'uk', url: 'https://www.airbnb.co.uk/', match: 'domain', equivalent: true, insecure: false }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ItemInput } from './item';
import { revisionChanges } from './revision-diff';

const base: ItemInput = {
  folderId: null,
  name: 'Build server',
  login: 'ci',
  urls: [{ url: 'https://ci.acme.test/', match: 'domain' }],
  fields: [
    { id: 'password', type: 'password', label: 'Password', value: 'first' },
    { id: 'pin', type: 'text', label: 'PIN', value: '1234' },
  ],
  tags: ['infra'],
  colour: null,
  description: '',
  favourite: false,
};

describe('revisionChanges', () => {
  it('finds nothing between equal revisions', () => {
    expect(revisionChanges(base, structuredClone(base))).toEqual([]);
  });

  it('names each changed part and field, in the order an entry shows them, without values', () => {
    const newer: ItemInput = {
      ...base,
      name: 'Build server (old)',
      urls: [...base.urls, { url: 'https://ci2.acme.test/', match: 'host' }],
      fields: [{ ...base.fields[0]!, value: 'second' }, { id: 'notes', type: 'notes', label: 'Recovery', value: 'codes' }],
      tags: ['infra', 'legacy'],
      favourite: true,
      folderId: 'folder-1',
    };
    const changes = revisionChanges(base, newer);
    expect(changes).toEqual([
      { part: 'name' },
      { part: 'urls' },
      { part: 'field', label: 'Password', type: 'password', change: 'changed' },
      { part: 'field', label: 'Recovery', type: 'notes', change: 'added' },
      { part: 'field', label: 'PIN', type: 'text', change: 'removed' },
      { part: 'tags' },
      { part: 'favourite' },
      { part: 'folder' },
    ]);
    expect(JSON.stringify(changes)).not.toContain('second');
  });

  it('sees a renamed field as a change of that field', () => {
    const newer = { ...base, fields: [base.fields[0]!, { ...base.fields[1]!, label: 'Door PIN' }] };
    expect(revisionChanges(base, newer)).toEqual([{ part: 'field', label: 'Door PIN', type: 'text', change: 'changed' }]);
  });
});

import type { ItemInput } from './item';

// What changed between two revisions of an entry, named without values: the vault page's history
// says "password changed", never the password. Fields are matched by id, so a renamed field is a
// change of that field, not one removed and another added.

/** A part of an entry that changed from one revision to the next. */
export type RevisionChange =
  | { part: 'name' | 'login' | 'urls' | 'tags' | 'colour' | 'description' | 'favourite' | 'folder' }
  | { part: 'field'; label: string; type: ItemInput['fields'][number]['type']; change: 'added' | 'removed' | 'changed' };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The parts of `newer` that differ from `older`, in the order an entry shows them. */
export function revisionChanges(older: ItemInput, newer: ItemInput): RevisionChange[] {
  const changes: RevisionChange[] = [];
  for (const part of ['name', 'login', 'urls'] as const) if (!same(older[part], newer[part])) changes.push({ part });
  const before = new Map(older.fields.map((field) => [field.id, field]));
  const after = new Map(newer.fields.map((field) => [field.id, field]));
  for (const field of newer.fields) {
    const was = before.get(field.id);
    if (!was) changes.push({ part: 'field', label: field.label, type: field.type, change: 'added' });
    else if (!same(was, field)) changes.push({ part: 'field', label: field.label, type: field.type, change: 'changed' });
  }
  for (const field of older.fields) if (!after.has(field.id)) changes.push({ part: 'field', label: field.label, type: field.type, change: 'removed' });
  for (const part of ['tags', 'colour', 'description', 'favourite'] as const) if (!same(older[part], newer[part])) changes.push({ part });
  if (older.folderId !== newer.folderId) changes.push({ part: 'folder' });
  return changes;
}

import { describe, expect, it } from 'vitest';
import type { SyncResponse } from '../contract/sync';
import { ReadableVaults } from './readable-vaults';
import { AmbiguousReferenceError, resolveReference, UnknownReferenceError } from './reference-resolver';
import { parseReference } from './secret-reference';

// Resolution only reads the sync's clear structure; values are read (and verified) elsewhere.

const vault = (id: string, name: string) => ({ id, name, kind: 'company' as const, keyVersion: 1, level: 'read' as const, createdBy: 'u', createdAt: 0, updatedAt: 0 });
const folder = (id: string, vaultId: string, name: string, parentId: string | null = null, deletedAt: number | null = null) => ({ id, vaultId, parentId, name, createdAt: 0, updatedAt: 0, deletedAt, level: 'read' as const });
const item = (id: string, vaultId: string, name: string, folderId: string | null = null, deletedAt: number | null = null) => ({
  id, vaultId, folderId, name, deletedAt, revision: 1, login: 'me', urls: [], tags: [], colour: null, description: '', favourite: false, metadataMac: 'm',
  entryKey: { vaultKeyVersion: 1, wrapped: 'w' }, createdAt: 0, updatedAt: 0, updatedBy: 'u',
  fields: [{ id: 'f1', type: 'password' as const, label: 'Password', value: 'x' }, { id: 'f2', type: 'text' as const, label: 'API key', value: 'y' }],
});

const sync = {
  cursor: 'c1.1', full: true, wraps: [], certificates: [], pendingGrants: [], removed: { vaults: [], folders: [], items: [] },
  vaults: [vault('v1', 'Engineering'), vault('v2', 'Ops'), vault('v3', 'Ops')],
  folders: [folder('a', 'v1', 'Servers'), folder('b', 'v1', 'Build', 'a'), folder('gone', 'v1', 'Old', null, 5)],
  items: [item('i1', 'v1', 'Build server', 'b'), item('i2', 'v1', 'Twin'), item('i3', 'v1', 'Twin'), item('i4', 'v1', 'Café'), item('i5', 'v1', 'Trashed', null, 9), item('i6', 'v1', 'Old one', 'gone')],
} as unknown as SyncResponse;

const readable = new ReadableVaults(sync, { userId: 'u', keys: {} as never, organisation: { id: 'o', publicKey: {} as CryptoKey } });
const resolve = (reference: string) => resolveReference(readable, parseReference(reference));

describe('resolveReference', () => {
  it.each([
    ['keyhold://Engineering/Servers/Build/Build server/Password', 'i1', 'f1'],
    ['keyhold://Engineering/Build server/password', 'i1', 'f1'],
    ['keyhold://v1/i1/f2', 'i1', 'f2'],
    ['keyhold://engineering/servers/build/BUILD SERVER/api key', 'i1', 'f2'],
    ['keyhold://Engineering/i2/Password', 'i2', 'f1'],
    ['keyhold://Engineering/Caf%C3%A9/API%20key', 'i4', 'f2'],
    ['keyhold://Engineering/Cafe\u0301/Password', 'i4', 'f1'],
  ])('%s', (reference, itemId, fieldId) => {
    const resolved = resolve(reference);
    expect(resolved.item.id).toBe(itemId);
    expect(resolved.field).toMatchObject({ kind: 'sealed', id: fieldId });
  });

  it('resolves login and username to the clear login', () => {
    expect(resolve('keyhold://Engineering/Café/username').field).toEqual({ kind: 'login' });
  });

  it.each([
    ['keyhold://Engineering/Twin/Password', AmbiguousReferenceError, /2 items match "Twin"; use one of: keyhold:\/\/Engineering\/i2, keyhold:\/\/Engineering\/i3/],
    ['keyhold://Ops/x/y', AmbiguousReferenceError, /2 vaults match "Ops"; use one of: Ops \(v2\), Ops \(v3\)/],
    ['keyhold://Secret vault/x/y', UnknownReferenceError, /No vault "Secret vault" among the 3 you can read/],
    ['keyhold://Engineering/Build/Build server/Password', UnknownReferenceError, /No folder "Build" in Engineering/],
    ['keyhold://Engineering/Servers/Build server/Password', UnknownReferenceError, /No item "Build server" in Engineering\/Servers/],
    ['keyhold://Engineering/Trashed/Password', UnknownReferenceError, /No item "Trashed"/],
    ['keyhold://Engineering/Old/Old one/Password', UnknownReferenceError, /No folder "Old"/],
    ['keyhold://Engineering/Café/pin', UnknownReferenceError, /has no field "pin" \(its fields: Password, API key, and login\)/],
  ])('refuses %s', (reference, type, message) => {
    expect(() => resolve(reference)).toThrow(type);
    expect(() => resolve(reference)).toThrow(message);
  });

  it('marks an unknown vault as no access, an unknown item not', () => {
    expect(() => resolve('keyhold://Nope/x/y')).toThrow(expect.objectContaining({ noAccess: true }));
    expect(() => resolve('keyhold://Engineering/Nope/y')).toThrow(expect.objectContaining({ noAccess: false }));
  });
});

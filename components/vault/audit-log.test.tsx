// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PERMISSIONS, type Permission } from '../../lib/contract/permissions';
import type { AuditEventRow, AuditPage } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// The audit log section against a fake worker: who sees it, the first page and "Load more", the
// filters as the worker receives them, an event's details and their shortcuts, and the exports
// pulled from the worker a piece at a time and saved as one file.

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const event = (seq: number, overrides: Partial<AuditEventRow> = {}): AuditEventRow => ({
  seq,
  occurredAt: Date.UTC(2026, 10, 30, 12, 0, seq),
  type: 'item.updated',
  actor: { type: 'user', id: 'u-bob', login: 'bob@acme.test' },
  target: null,
  vault: { id: 'vault-ops-1', name: 'Ops' },
  ip: '192.0.2.7',
  browserMode: true,
  details: { itemId: `item-${seq}` },
  hash: seq.toString(16).padStart(64, '0'),
  ...overrides,
});
/** 120 events, newest first, served 50 at a time as the server pages them. */
const ALL = Array.from({ length: 120 }, (_, i) => event(120 - i));
function pageOf(before: number | undefined, limit = 50): AuditPage {
  const rest = ALL.filter((e) => before === undefined || e.seq < before);
  const events = rest.slice(0, limit);
  return { events, nextBefore: rest.length > limit ? events[events.length - 1]!.seq : null };
}

function worker(permissions: Permission[], overrides: FakeHandlers = {}) {
  return fakeBackground({
    status: () => statusReply({ login: 'mia@acme.test' }),
    'sync.now': () => statusReply({ login: 'mia@acme.test' }),
    'vault.tree': () => ({ vaults: [{ id: 'vault-ops-1', name: 'Ops', kind: 'company', level: 'admin', folders: [] }] as never, trashedFolders: [], tags: [], colours: [] }),
    'entries.list': () => ({ rows: [], total: 0 }),
    'members.directory': () => ({ members: [], unverified: 0 }),
    'groups.list': () => [],
    'admin.permissions': () => ({ roleId: 'manager', permissions, administrator: false, owner: false }),
    'admin.users': () => ({ users: [], loginPassword: null }),
    'audit.events': ({ before, limit }) => pageOf(before, limit),
    ...overrides,
  });
}

async function openSettings(background: ReturnType<typeof worker>) {
  await renderVault(background);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
}

async function openLog(background: ReturnType<typeof worker>) {
  await openSettings(background);
  const section = within(await screen.findByTestId('audit-log'));
  await waitFor(() => expect(section.getAllByTestId('audit-event')).toHaveLength(50));
  return section;
}

describe('the audit log viewer', () => {
  let saved: { blob: Blob; name: string }[];
  beforeEach(() => {
    saved = [];
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => ((blob = object as Blob), 'blob:audit'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ blob: blob!, name: this.download });
    });
  });

  it('is not shown, nor asked for, without viewAuditLog', async () => {
    const background = worker(['manageUsers']);
    await openSettings(background);
    await waitFor(() => expect(background.sentOf('admin.permissions').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('audit-log')).toBeNull();
    expect(background.sentOf('audit.events')).toEqual([]);
  });

  it('shows the newest events first and loads more until there are none', async () => {
    const background = worker(['viewAuditLog']);
    const section = await openLog(background);
    const seqs = () => section.getAllByTestId('audit-event').map((row: HTMLElement) => Number(row.dataset.seq));
    expect(seqs().slice(0, 2)).toEqual([120, 119]);
    expect(within(section.getAllByTestId('audit-event')[0]!).getByText('bob@acme.test')).toBeTruthy();
    expect(within(section.getAllByTestId('audit-event')[0]!).getByText('Ops')).toBeTruthy();
    fireEvent.click(section.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(seqs()).toHaveLength(100));
    fireEvent.click(section.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(seqs()).toHaveLength(120));
    expect(seqs()).toEqual(ALL.map((e) => e.seq));
    expect(section.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(background.sentOf('audit.events').map(({ before, limit }) => [before, limit])).toEqual([
      [undefined, 50],
      [71, 50],
      [21, 50],
    ]);
  });

  it('sends the filters as the worker expects them, and refuses a malformed event type before sending it', async () => {
    const background = worker([...PERMISSIONS]);
    const section = await openLog(background);
    const filters = within(section.getByTestId('audit-filters'));
    fireEvent.input(filters.getByLabelText('Who'), { target: { value: ' bob@acme.test ' } });
    fireEvent.input(filters.getByLabelText('What'), { target: { value: 'item..' } });
    expect(filters.getByRole('alert').textContent).toMatch(/^An event type is words joined by dots/);
    expect((filters.getByRole('button', { name: 'Show' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(filters.getByLabelText('What'), { target: { value: 'item.' } });
    fireEvent.change(filters.getByLabelText('Vault'), { target: { value: 'vault-ops-1' } });
    fireEvent.input(filters.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.input(filters.getByLabelText('To'), { target: { value: '2026-11-30' } });
    fireEvent.click(filters.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(background.sentOf('audit.events')).toHaveLength(2));
    expect(background.sentOf('audit.events')[1]!.filters).toEqual({
      actor: 'bob@acme.test',
      type: 'item.',
      vaultId: 'vault-ops-1',
      from: new Date('2026-11-01T00:00:00').getTime(),
      to: new Date('2026-12-01T00:00:00').getTime(),
    });
    fireEvent.click(filters.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(background.sentOf('audit.events')).toHaveLength(3));
    expect(background.sentOf('audit.events')[2]!.filters).toEqual({});
  });

  it('opens an event with its details and hash, and narrows the log to its person from there', async () => {
    const background = worker(['viewAuditLog']);
    const section = await openLog(background);
    fireEvent.click(section.getByRole('button', { name: 'Details of event 118' }));
    const details = within(section.getByTestId('audit-event-details'));
    expect(details.getByRole('heading').textContent).toBe('Event 118');
    expect(JSON.parse(details.getByTestId('audit-event-data').textContent!)).toEqual({ itemId: 'item-118' });
    expect(details.getByText((118).toString(16).padStart(64, '0'))).toBeTruthy();
    expect(details.getByText('Browser extension')).toBeTruthy();
    fireEvent.click(details.getByRole('button', { name: 'Only this person' }));
    await waitFor(() => expect(background.sentOf('audit.events')).toHaveLength(2));
    expect(background.sentOf('audit.events')[1]!.filters).toEqual({ actor: 'u-bob' });
    expect((within(section.getByTestId('audit-filters')).getByLabelText('Who') as HTMLInputElement).value).toBe('u-bob');
  });

  it('exports CSV and JSON with the current filters, pulled from the worker a piece at a time and saved as one file', async () => {
    const pieces = ['seq,occurred_at,type\r\n', '1,5,item.updated\r\n', '2,6,item.updated\r\n'];
    let served = 0;
    const background = worker(['viewAuditLog'], {
      'audit.events': ({ filters, before, limit }) => (filters.type ? { events: [event(7, { type: 'vault.renamed' })], nextBefore: null } : pageOf(before, limit)),
      'audit.exportStart': ({ format }) => ({ exportId: `export-${format}`, fileName: `keyhold-audit-1-2.${format}`, mimeType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8' }),
      'audit.exportNext': () => {
        served += 1;
        return { chunk: pieces[(served - 1) % 3]!, done: served % 3 === 0 };
      },
    });
    const section = await openLog(background);
    fireEvent.input(within(section.getByTestId('audit-filters')).getByLabelText('What'), { target: { value: 'vault.' } });
    fireEvent.click(section.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(section.getAllByTestId('audit-event')).toHaveLength(1));

    fireEvent.click(section.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('keyhold-audit-1-2.csv');
    expect(saved[0]!.blob.type).toMatch(/^text\/csv/);
    expect(await saved[0]!.blob.text()).toBe(pieces.join(''));
    expect(background.sentOf('audit.exportStart')).toEqual([{ type: 'audit.exportStart', format: 'csv', filters: { type: 'vault.' } }]);
    expect(background.sentOf('audit.exportNext').map((request) => request.exportId)).toEqual(['export-csv', 'export-csv', 'export-csv']);

    fireEvent.click(section.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]!.name).toBe('keyhold-audit-1-2.json');
    expect(background.sentOf('audit.exportCancel')).toEqual([]);
  });

  it('cancels an export the worker failed half-way, and says why', async () => {
    let served = 0;
    const background = worker(['viewAuditLog'], {
      'audit.exportStart': () => ({ exportId: 'export-1', fileName: 'keyhold-audit-1-9.json', mimeType: 'application/json' }),
      'audit.exportNext': () => {
        served += 1;
        if (served > 1) throw refuse('serverUnreachable');
        return { chunk: '{"rows":[', done: false };
      },
      'audit.exportCancel': () => ({ cancelled: true }),
    });
    const section = await openLog(background);
    fireEvent.click(section.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(background.sentOf('audit.exportCancel')).toEqual([{ type: 'audit.exportCancel', exportId: 'export-1' }]));
    expect(saved).toEqual([]);
    expect(section.getByRole('alert')).toBeTruthy();
  });
});

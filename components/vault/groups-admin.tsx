import { useEffect, useState } from 'preact/hooks';
import type { DirectoryMember, GroupRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import { TextField } from '../form/text-field';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import { GroupCard, type GroupChange } from './group-card';
import { sharedDirectory, sharedPermissions } from './shared-directory';
import { usePageAction } from './use-page-action';

/** What the section needs before it shows: the groups, and the verified members that name their members. */
interface Loaded {
  groups: GroupRow[];
  people: DirectoryMember[];
  /** The signed-in account holds manageGroups. */
  manages: boolean;
}

/**
 * "Groups", in the settings of holders of manageGroups: groups are made, renamed and deleted here
 * and given members; vault administrators then give them rights (Access rights). The section asks
 * the server what the user may do (GET /users/me); for others it stays away (the server refuses
 * them anyway). The members offered are the directory's, whose certificates the organisation signed.
 */
export function GroupsAdmin({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState('');
  const { failure, busy, run } = usePageAction();

  const load = () =>
    run(async () => {
      const [groups, directory, mine] = await Promise.all([page.request({ type: 'groups.list' }), sharedDirectory(page), sharedPermissions(page)]);
      setLoaded({ groups, people: directory.members, manages: mine.permissions.includes('manageGroups') });
    });
  useEffect(() => void load(), []);

  if (!loaded || !loaded.manages) return null;

  /** One change, then the list again: names and members are the server's to say. */
  const change = (work: () => Promise<unknown>) =>
    run(async () => {
      await work();
      setLoaded({ ...loaded, groups: await page.request({ type: 'groups.list' }) });
    });

  async function create(event: Event): Promise<void> {
    event.preventDefault();
    const name = draft.trim();
    if (name && (await change(() => page.request({ type: 'groups.create', name })))) setDraft('');
  }

  function changeGroup(groupId: string, request: GroupChange): Promise<boolean> {
    if (request.kind === 'rename') return change(() => page.request({ type: 'groups.rename', groupId, name: request.name }));
    if (request.kind === 'delete') return change(() => page.request({ type: 'groups.delete', groupId }));
    if (request.kind === 'addMember') return change(() => page.request({ type: 'groups.addMember', groupId, userId: request.userId }));
    return change(() => page.request({ type: 'groups.removeMember', groupId, userId: request.userId }));
  }

  return (
    <section class="section groups-admin" aria-labelledby="groups-admin-title" data-testid="groups-admin">
      <h2 id="groups-admin-title">{t('vault.groups.title')}</h2>
      <p class="muted">{t('vault.groups.text')}</p>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {loaded.groups.length === 0 ? (
        <p class="muted">{t('vault.groups.empty')}</p>
      ) : (
        <ul>
          {loaded.groups.map((group) => (
            <GroupCard key={group.id} t={t} group={group} people={loaded.people} busy={busy} onChange={(request) => changeGroup(group.id, request)} />
          ))}
        </ul>
      )}
      <form aria-label={t('vault.groups.create')} onSubmit={(event) => void create(event)}>
        <TextField label={t('vault.groups.new')} value={draft} onValue={setDraft} maxLength={200} />
        <button type="submit" disabled={busy || draft.trim() === ''}>
          {t('vault.groups.create')}
        </button>
      </form>
    </section>
  );
}

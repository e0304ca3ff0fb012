import { useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { TextField } from '../form/text-field';
import { errorText } from '../../lib/i18n/error-text';
import type { Translate } from '../../lib/i18n/translate';
import { MAX_OWN_GROUPS } from '../../lib/vault/matching/domain-group-limits';
import { parseDomainGroup, type ParsedDomainGroup } from '../../lib/vault/matching/own-domain-groups';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

function problemText(t: Translate, parsed: Extract<ParsedDomainGroup, { ok: false }>): string {
  if (parsed.problem === 'notADomain') return t('vault.settings.domains.notADomain', { name: parsed.input ?? '' });
  return t(parsed.problem === 'tooFewDomains' ? 'vault.settings.domains.tooFew' : 'vault.settings.domains.tooMany');
}

/**
 * "Sites that share logins": the user's own equivalent domains, beside the shipped ones. A login of
 * one of them is offered on the others in the inline menu, its saved site shown, and never filled
 * without the user choosing it.
 */
export function DomainGroups({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const groups = page.status.value?.domainGroups ?? [];
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { failure, busy, run } = usePageAction();

  const save = (next: string[][]) => run(async () => void (await page.act({ type: 'settings.set', domainGroups: next })));

  async function add(event: Event): Promise<void> {
    event.preventDefault();
    const parsed = parseDomainGroup(draft);
    if (!parsed.ok) return setProblem(problemText(t, parsed));
    if (groups.some((group) => group.join(' ') === parsed.domains.join(' '))) return setProblem(t('vault.settings.domains.known'));
    setProblem(null);
    if (await save([...groups, parsed.domains])) setDraft('');
  }

  return (
    <section class="section" aria-labelledby="domain-groups-title" data-testid="domain-groups">
      <h2 id="domain-groups-title">{t('vault.settings.domains.title')}</h2>
      <p class="muted">{t('vault.settings.domains.text')}</p>
      {groups.length > 0 && (
        <ul class="domain-groups">
          {groups.map((group, at) => (
            <li key={group.join(' ')}>
              <span>{group.join(', ')}</span>
              <button type="button" disabled={busy} aria-label={t('vault.settings.domains.remove', { group: group.join(', ') })} onClick={() => void save(groups.filter((_, other) => other !== at))}>
                {t('vault.settings.domains.removeButton')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {groups.length < MAX_OWN_GROUPS && (
        <form aria-label={t('vault.settings.domains.add')} onSubmit={(event) => void add(event)}>
          <TextField label={t('vault.settings.domains.new')} hint={t('vault.settings.domains.hint')} value={draft} onValue={setDraft} maxLength={2000} invalid={problem !== null} />
          <ErrorAlert message={problem} />
          <button type="submit" disabled={busy || draft.trim() === ''}>
            {t('vault.settings.domains.add')}
          </button>
        </form>
      )}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </section>
  );
}

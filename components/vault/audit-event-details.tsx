import { timeFormat } from '../../lib/i18n/formats';
import type { Translate } from '../../lib/i18n/translate';
import type { Language } from '../../lib/i18n/languages';
import type { AuditEventRow, AuditFilterValues } from '../../lib/messages/protocol';

/** Who caused an event, as the viewer names them: the login, else the id; machines and the server itself said so. */
export function actorName(t: Translate, event: AuditEventRow): string {
  if (event.actor.type === 'system') return t('vault.audit.actor.system');
  if (event.actor.type === 'anonymous') return t('vault.audit.actor.anonymous');
  const name = event.actor.login ?? event.actor.id ?? '—';
  return event.actor.type === 'machine' ? t('vault.audit.actor.machine', { id: name }) : name;
}

/** What an event was about: a name where the server resolved one, else its kind and id. */
export function targetName(event: AuditEventRow): string {
  if (!event.target) return '';
  return event.target.name ?? `${event.target.type} ${event.target.id}`;
}

/**
 * One event in full: every column the chain covers, its details and its hash, and shortcuts to
 * narrow the log to the same person, vault or kind of event.
 */
export function AuditEventDetails({ t, language, event, onFilter, onClose }: { t: Translate; language: Language; event: AuditEventRow; onFilter(filters: AuditFilterValues): void; onClose(): void }) {
  const unknown = t('vault.audit.details.unknown');
  const client = event.browserMode === null ? unknown : t(event.browserMode ? 'vault.sessions.browser' : 'vault.audit.details.otherClient');
  const actorId = event.actor.id;
  const vault = event.vault;
  return (
    <aside class="audit-event-details" aria-labelledby="audit-event-title" data-testid="audit-event-details">
      <h3 id="audit-event-title">{t('vault.audit.details.title', { seq: event.seq })}</h3>
      <dl>
        <dt>{t('vault.audit.column.when')}</dt>
        <dd>{timeFormat(language).format(event.occurredAt)}</dd>
        <dt>{t('vault.audit.column.what')}</dt>
        <dd>
          <code>{event.type}</code>
        </dd>
        <dt>{t('vault.audit.column.who')}</dt>
        <dd>
          {actorName(t, event)}
          {actorId && event.actor.login && <code> {actorId}</code>}
        </dd>
        <dt>{t('vault.audit.column.target')}</dt>
        <dd>{event.target ? `${targetName(event)} (${event.target.type} ${event.target.id})` : '—'}</dd>
        <dt>{t('vault.details.vault')}</dt>
        <dd>{vault ? `${vault.name ?? vault.id}${vault.name ? ` (${vault.id})` : ''}` : '—'}</dd>
        <dt>{t('vault.audit.details.ip')}</dt>
        <dd>{event.ip ?? unknown}</dd>
        <dt>{t('vault.audit.details.client')}</dt>
        <dd>{client}</dd>
        <dt>{t('vault.audit.details.data')}</dt>
        <dd>
          <pre data-testid="audit-event-data">{JSON.stringify(event.details, null, 2)}</pre>
        </dd>
        <dt>{t('vault.audit.details.hash')}</dt>
        <dd>
          <code class="hash">{event.hash ?? unknown}</code>
        </dd>
      </dl>
      <div class="actions">
        {actorId && (
          <button type="button" onClick={() => onFilter({ actor: actorId })}>
            {t('vault.audit.details.onlyActor')}
          </button>
        )}
        {vault && (
          <button type="button" onClick={() => onFilter({ vaultId: vault.id })}>
            {t('vault.audit.details.onlyVault')}
          </button>
        )}
        <button type="button" onClick={() => onFilter({ type: event.type })}>
          {t('vault.audit.details.onlyType')}
        </button>
        <button type="button" onClick={onClose}>
          {t('vault.members.close')}
        </button>
      </div>
    </aside>
  );
}

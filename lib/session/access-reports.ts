import { ApiRequestError, type ApiClient } from '../api/client';
import { reportClientEventsRoute, type ClientEventType } from '../contract/client-events';
import type { FIELD_TYPES } from '../contract/item-kinds';
import { createEventReporter, type EventReporterOptions, type SendOutcome } from './event-reporter';

/** What the user did with a field's secret. */
export type AccessAction = 'viewed' | 'copied' | 'filled';
type FieldType = (typeof FIELD_TYPES)[number];

/** The event a client reports for `action` on a field of `fieldType`; null for what is not reported (a text field filled). */
export function accessEventType(action: AccessAction, fieldType: FieldType): ClientEventType | null {
  if (fieldType === 'password') return `password.${action}`;
  if (fieldType === 'totp') return `totp.${action}`;
  return action === 'filled' ? null : `field.${action}`;
}

/**
 * How a failed report counts: a report the server refused for good (an entry deleted meanwhile,
 * named by its index in the batch) is left out; a batch refused as a whole is dropped; anything
 * else — offline, a server error, an expired session — is tried again later.
 */
export function outcomeOfError(error: unknown): SendOutcome {
  if (!(error instanceof ApiRequestError) || (error.status !== 400 && error.status !== 404)) return 'retry';
  const index = /^body\.events\.(\d+)\./.exec(error.errors[0]?.field ?? '')?.[1];
  return index === undefined ? 'discard' : { rejected: Number(index) };
}

/** Who reports now: an account key (server and user) and its API client; null while locked. */
export type Reporting = () => { account: string; api(): Promise<ApiClient> } | null;

/** Reports of views, copies and fills, queued per account and sent in batches (event-reporter.ts). */
export function createAccessReports(reporting: Reporting, options: Omit<EventReporterOptions, 'send'> = {}) {
  const reporter = createEventReporter({
    ...options,
    async send(account, events) {
      const current = reporting();
      // Locked, or another account unlocked since: the reports wait for their own account.
      if (!current || current.account !== account) return 'retry';
      try {
        await (await current.api()).call(reportClientEventsRoute, { body: { events } });
        return 'sent';
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  });

  return {
    /** Queues a report of `action` on one field of `itemId`; returns at once. */
    report(action: AccessAction, itemId: string, field: { id: string; type: FieldType }): void {
      const current = reporting();
      const type = accessEventType(action, field.type);
      if (current && type) reporter.report(current.account, { type, itemId, field: field.id });
    },
    flush: () => reporter.flush(),
    pending: () => reporter.pending(),
  };
}

export type AccessReports = ReturnType<typeof createAccessReports>;

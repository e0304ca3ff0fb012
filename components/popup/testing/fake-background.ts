import type { PageReplies, PageRequest, ReplyError, StatusReply } from '../../../lib/messages/protocol';
import { BackgroundError, type MessageSender } from '../../../lib/messages/send';

/** How a test answers one request type: a value, or a thrown BackgroundError (see `refuse`). */
export type FakeHandlers = { [K in PageRequest['type']]?: (request: Extract<PageRequest, { type: K }>) => PageReplies[K] | Promise<PageReplies[K]> };

/** A status reply with everything a test does not care about filled in. */
export function statusReply(overrides: Partial<StatusReply> = {}): StatusReply {
  return {
    version: '0.1.0',
    serverUrl: 'https://vault.acme.test',
    state: 'unlocked',
    login: 'alice',
    offline: false,
    syncing: false,
    lastSyncAt: null,
    language: 'en',
    autoLockMinutes: 15,
    clipboardClearSeconds: 30,
    domainGroups: [],
    neverSave: [],
    policy: {
      loginPassword: { minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false },
      masterPassword: { minLength: 14, requireUppercase: true, requireDigits: true, requireSpecial: false },
    },
    pendingConfirmation: false,
    mfaEnrolment: false,
    ...overrides,
  };
}

/** A BackgroundError to throw from a handler, as the worker would refuse. */
export function refuse(code: ReplyError['code'], detail?: ReplyError['detail']): BackgroundError {
  return new BackgroundError({ code, message: `refused: ${code}`, ...(detail ? { detail } : {}) });
}

/**
 * A stand-in for the worker: answers requests in the protocol's envelope from `handlers`, and
 * records every request sent. An unhandled request fails like a bug would (`internal`).
 */
export function fakeBackground(handlers: FakeHandlers) {
  const sent: PageRequest[] = [];
  const runtime: MessageSender = {
    async sendMessage(message) {
      const request = message as PageRequest;
      sent.push(request);
      const handler = handlers[request.type] as ((request: PageRequest) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'internal', message: `no fake for ${request.type}` } };
      try {
        return { ok: true, value: await handler(request) };
      } catch (error) {
        if (!(error instanceof BackgroundError)) throw error;
        return { ok: false, error: { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) } };
      }
    },
  };
  /** The requests of one type, in the order sent. */
  const sentOf = <K extends PageRequest['type']>(type: K) => sent.filter((request): request is Extract<PageRequest, { type: K }> => request.type === type);
  return { runtime, sent, sentOf };
}

import type { PageReplies, PageRequest, Reply, ReplyError } from './protocol';

/** The subset of `runtime` a page needs to talk to the background; tests pass a fake. */
export interface MessageSender {
  sendMessage(message: unknown): Promise<unknown>;
}

/** The background refused or failed a request; `code` picks the message the page shows. */
export class BackgroundError extends Error {
  readonly code: ReplyError['code'];
  readonly detail: ReplyError['detail'];
  constructor(error: ReplyError) {
    super(error.message);
    this.name = 'BackgroundError';
    this.code = error.code;
    this.detail = error.detail;
  }
}

/** Sends a typed request to the background and returns its value; throws BackgroundError with its reason. */
export async function ask<R extends PageRequest>(runtime: MessageSender, request: R): Promise<PageReplies[R['type']]> {
  const reply = (await runtime.sendMessage(request)) as Reply<PageReplies[R['type']]> | undefined;
  if (!reply) throw new BackgroundError({ code: 'internal', message: 'The Keyhold background did not answer.' });
  if (!reply.ok) throw new BackgroundError(reply.error);
  return reply.value;
}

import type { PageReplies, PageRequest, Reply } from './protocol';

/** The subset of `runtime` a page needs to talk to the background; tests pass a fake. */
export interface MessageSender {
  sendMessage(message: unknown): Promise<unknown>;
}

/** Sends a typed request to the background and returns its value; throws with the background's error. */
export async function ask<R extends PageRequest>(
  runtime: MessageSender,
  request: R,
): Promise<PageReplies[R['type']]> {
  const reply = (await runtime.sendMessage(request)) as Reply<PageReplies[R['type']]> | undefined;
  if (!reply) throw new Error('The Keyhold background did not answer.');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

import { signal } from '@preact/signals';
import { ask, type MessageSender } from '../../lib/messages/send';
import type { StatusReply } from '../../lib/messages/protocol';

/** The popup's view of the background: its status once loaded, or why it could not be loaded. */
export function createStatusModel(runtime: MessageSender) {
  const status = signal<StatusReply | null>(null);
  const error = signal<string | null>(null);

  async function load(): Promise<void> {
    try {
      status.value = await ask(runtime, { type: 'status' });
      error.value = null;
    } catch (reason) {
      error.value = reason instanceof Error ? reason.message : String(reason);
    }
  }

  return { status, error, load };
}

export type StatusModel = ReturnType<typeof createStatusModel>;

import type { ReadonlySignal } from '@preact/signals';
import type { StatusReply } from '../lib/messages/protocol';

/** What the header reads: the background's status once loaded, or why it could not be. */
export interface PopupStatusModel {
  status: ReadonlySignal<StatusReply | null>;
  error: ReadonlySignal<string | null>;
}

/** The popup's header: Keyhold's version and whether a server is configured. */
export function PopupStatus({ model }: { model: PopupStatusModel }) {
  const status = model.status.value;
  const error = model.error.value;
  return (
    <main class="popup">
      <header class="popup-header">
        <h1>Keyhold</h1>
        <span class="muted" data-testid="version">{status ? `v${status.version}` : ''}</span>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <p class="server-state" data-testid="server-state" data-configured={String(status.serverUrl !== null)}>
          {status.serverUrl ? `Server: ${status.serverUrl}` : 'No server set yet.'}
        </p>
      )}
    </main>
  );
}

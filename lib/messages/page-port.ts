import type { Reply } from './protocol';

// The popup's requests travel over one long-lived runtime Port rather than one sendMessage each: a
// message on an open port skips the channel Chrome opens and closes per sendMessage, about a
// millisecond of every search keystroke (issue #6, search_ms). The requests inside are the same
// typed page requests, parsed by the same router.

/** The name extension pages connect with; the worker ignores ports of any other name. */
export const PAGE_PORT_NAME = 'keyhold.page';

/** One page request on the port, numbered so its reply finds it. */
export interface PortRequest {
  id: number;
  request: unknown;
}

/** The worker's reply to request `id`. */
export interface PortReply {
  id: number;
  reply: Reply<unknown>;
}

/** Who connected, as the browser reports it (never as the page claims). */
export interface PortOrigin {
  id?: string;
  url?: string;
}

/** The part of a runtime Port both ends use; the browser's in the extension, fakes in tests. */
export interface RuntimePort {
  readonly name: string;
  readonly sender?: PortOrigin;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

import { z } from 'zod/mini';

// Every message that crosses a context boundary (page ↔ worker ↔ content script) is defined here and
// parsed on arrival: a content script runs beside hostile page code, so nothing it sends is trusted
// until it has the exact shape we expect.

/** Messages extension pages (popup, vault page) send to the background. */
export const pageRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status') }),
  z.object({ type: z.literal('tab.probe'), tabId: z.int().check(z.nonnegative()) }),
]);
export type PageRequest = z.infer<typeof pageRequest>;

/** Messages the background sends to a content script. */
export const contentRequest = z.discriminatedUnion('type', [z.object({ type: z.literal('content.probe') })]);
export type ContentRequest = z.infer<typeof contentRequest>;

/** What the background knows about itself, for the popup's header. */
export interface StatusReply {
  version: string;
  serverUrl: string | null;
}

/** A content script's answer to a probe: it is loaded and which document it runs in. */
export const contentProbeReply = z.object({ ready: z.literal(true), href: z.string() });
export type ContentProbeReply = z.infer<typeof contentProbeReply>;

/** The background's answer to `tab.probe`: whether the tab's content script answered, and for which origin. */
export interface TabProbeReply {
  contentScript: boolean;
  origin: string | null;
}

/** Maps each page request to the reply type the background sends back. */
export interface PageReplies {
  status: StatusReply;
  'tab.probe': TabProbeReply;
}

/** The envelope every reply travels in, so a failure is a value the sender can show, not a lost promise. */
export type Reply<T> = { ok: true; value: T } | { ok: false, error: string };

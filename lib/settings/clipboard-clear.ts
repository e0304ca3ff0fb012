// The clipboard-clearing choices, apart from the rest of the settings: the popup and the message
// protocol need them, and nothing else of settings.ts (which pulls in the public suffix list).

/**
 * The clearing times on offer. Not below 30 s: that is the shortest alarm Chrome fires for a
 * packed extension, and the alarm is what clears the clipboard once the popup is closed.
 */
export const CLIPBOARD_CLEAR_SECONDS = [30, 45, 60, 90, 120, 300] as const;

export function isClipboardClearSeconds(value: unknown): value is number {
  return (CLIPBOARD_CLEAR_SECONDS as readonly unknown[]).includes(value);
}

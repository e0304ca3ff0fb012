/** The origin the browser reports for a tab's URL, or null for pages without one (about:blank, new tab). */
export function safeOrigin(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

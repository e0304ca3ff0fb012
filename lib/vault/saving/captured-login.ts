// A login the user sent on a page (docs/autofill.md, "Saving"), as the worker keeps it until the
// sign-in is seen to succeed: from the content script of the frame that sent it, with the frame's
// and the tab's URLs as the browser reported them.

export interface CapturedLogin {
  /** The URL of the frame the form was in. */
  url: string;
  /** The tab's top-level URL then: a frame of another site asking for a third service's login is left alone. */
  topUrl: string;
  login: string | null;
  /** The password typed into a sign-in form, or the current one on a change-password form. */
  password: string | null;
  /** The new password of a sign-up or change-password form. */
  newPassword: string | null;
  /** When it was sent (ms since the epoch). */
  at: number;
}

/** How long after a username step its password page may follow and be one login with it. */
export const STEP_WINDOW_MS = 5 * 60_000;

/**
 * One login from a multi-step sign-in: a password sent without a login on the same site shortly
 * after a step that sent only the login takes that login.
 */
export function stitched(previous: CapturedLogin | null, next: CapturedLogin, sameSite: (a: string, b: string) => boolean): CapturedLogin {
  if (!previous || next.login !== null || previous.login === null || previous.password !== null) return next;
  if (next.at - previous.at > STEP_WINDOW_MS || !sameSite(previous.url, next.url)) return next;
  return { ...next, login: previous.login };
}

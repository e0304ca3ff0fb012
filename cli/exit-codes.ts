// Every way `keyhold` can end, one code each, so scripts can tell "fix the reference" from "the
// server is down, retry" (docs/cli.md, "Exit codes"). `run` passes the child's own code through
// instead, so these are only what keyhold itself ends with.

export const EXIT = {
  ok: 0,
  /** An unexpected failure (a bug, or an answer nothing else covers). */
  failure: 1,
  /** Wrong command-line usage: unknown command or flag, missing argument. */
  usage: 2,
  /** Not logged in, or the session has ended (revoked, or its refresh token expired). */
  notLoggedIn: 3,
  /** The reference names no vault item or field the caller can read (or is malformed). */
  unknownReference: 4,
  /** The reference matches more than one item, folder, vault or field. */
  ambiguousReference: 5,
  /** The vault is not among those the caller may read, or its key has not been shared yet. */
  noAccess: 6,
  /** The access key is revoked or expired (machine accounts). */
  keyRevokedOrExpired: 7,
  /** The login password, second factor, master password or access key was refused. */
  wrongCredentials: 8,
  /** The server cannot be reached, or is not a Keyhold server. */
  serverUnreachable: 9,
  /** A certificate, signature or MAC did not verify, or the organisation key changed: stop. */
  verificationFailed: 10,
  /** `run` could not start the command (not found or not executable). */
  commandNotFound: 127,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure `keyhold` explains in one line and ends with `code`. */
export class CliError extends Error {
  constructor(readonly code: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
  }
}

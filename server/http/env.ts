/** Who made an authenticated request: set by the authenticate middleware. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  /** A machine account's session (vault data routes only): its reads are audit events. */
  machine?: boolean;
}

/** Hono environment of the API: the variables middleware sets for handlers. */
export interface ApiEnv {
  Variables: { auth: AuthContext };
}

/** Who made an authenticated request: set by the authenticate middleware. */
export interface AuthContext {
  userId: string;
  sessionId: string;
}

/** Hono environment of the API: the variables middleware sets for handlers. */
export interface ApiEnv {
  Variables: { auth: AuthContext };
}

import { hash, randomBytes } from 'node:crypto';

// Opaque bearer tokens: 256 random bits with a prefix secret scanners can recognise. The server
// keeps only SHA-256 hashes; a database leak yields no usable token.

/** A new access token. */
export const newAccessToken = () => `kha_${randomBytes(32).toString('base64url')}`;
/** A new refresh token. */
export const newRefreshToken = () => `khr_${randomBytes(32).toString('base64url')}`;
/** A new session id (not secret). */
export const newSessionId = () => randomBytes(16).toString('base64url');
/** The stored form of a token. */
export const tokenHash = (token: string) => hash('sha256', token, 'hex');

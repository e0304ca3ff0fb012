import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Who sent a request, as the audit log records it beside each event the request caused. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  browserMode: boolean;
}

/** The caller's address from the socket (null in in-process tests), and how it described itself. */
export function clientInfo(c: Context): ClientInfo {
  let ip: string | null = null;
  try {
    ip = getConnInfo(c).remote.address ?? null;
  } catch {
    ip = null;
  }
  return { ip, userAgent: c.req.header('user-agent')?.slice(0, 256) ?? null, browserMode: c.req.header('passwork-browsermode') === '1' };
}

// Where the extension sends the master key hash and every ciphertext: only over TLS, except to this
// machine, where a developer or a test runs the server without a certificate.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a typed server address is refused. */
export class ServerUrlError extends Error {
  constructor(readonly reason: 'invalid' | 'notHttps') {
    super(reason === 'notHttps' ? 'The server address must start with https:// (plain http only for localhost).' : 'That is not a web address.');
    this.name = 'ServerUrlError';
  }
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');
}

/**
 * The server's base URL as Keyhold stores it — origin plus any path prefix, no query, fragment or
 * credentials, no trailing slash. A bare host gets `https://`.
 */
export function normaliseServerUrl(typed: string): string {
  const trimmed = typed.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ServerUrlError('invalid');
  }
  if (url.username || url.password || url.hostname === '') throw new ServerUrlError('invalid');
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) throw new ServerUrlError('notHttps');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ServerUrlError('notHttps');
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

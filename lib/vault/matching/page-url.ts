import { getDomain } from 'tldts';

// A URL as matching compares it: parsed once by the URL parser (so hosts are punycode and
// lowercase, default ports dropped), with the keys each rule compares.

export interface ParsedUrl {
  scheme: 'http' | 'https';
  /** The URL without its fragment, which no rule looks at. */
  href: string;
  /** `href` without a user name or password before the host: what patterns are tested on. */
  hrefWithoutUserInfo: string;
  /** `href` from "://" on: what exact and starts-with rules compare, so an http page can match an https entry (flagged, never filled silently). */
  afterScheme: string;
  hostname: string;
  /**
   * What the domain rule compares: the registrable domain (public suffix list, its private part
   * included, so alice.github.io and bob.github.io differ); for an IP address or a single-label
   * host such as localhost, the host with its port.
   */
  siteKey: string;
  /** The registrable domain, or null for IPs and single-label hosts. */
  domain: string | null;
  /** What the host rule compares: the host, with its port for IPs and single-label hosts. */
  hostKey: string;
}

/** `url` parsed for matching, or null when it is not an http(s) URL. A saved URL without a scheme is taken as https. */
export function parseUrl(url: string, { assumeHttps = false } = {}): ParsedUrl | null {
  const text = url.trim();
  let parsed: URL;
  try {
    // "acme.com:8443/login" names a port, not a scheme: only "scheme://" counts as one.
    parsed = new URL(assumeHttps && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? `https://${text}` : text);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  parsed.hash = '';
  const scheme = parsed.protocol === 'https:' ? 'https' : 'http';
  // "acme.com." is acme.com: the trailing dot goes from the host and from every comparison.
  const hostname = parsed.hostname.replace(/\.$/, '');
  if (!hostname) return null;
  parsed.hostname = hostname;
  const href = parsed.href;
  parsed.username = '';
  parsed.password = '';
  const domain = getDomain(hostname, { allowPrivateDomains: true });
  const port = parsed.port || (scheme === 'https' ? '443' : '80');
  const withPort = `${hostname}:${port}`;
  return {
    scheme,
    href,
    hrefWithoutUserInfo: parsed.href,
    afterScheme: href.slice(parsed.protocol.length),
    hostname,
    siteKey: domain ?? withPort,
    domain,
    hostKey: domain ? hostname : withPort,
  };
}

import { getHostname } from 'tldts';

/** The lower-case host of `url` (with or without a scheme), '' when it has none. */
export function urlHost(url: string): string {
  return getHostname(url.trim()) ?? '';
}

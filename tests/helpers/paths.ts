import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root, whatever the current directory. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** Built extension folders, as `npm run build` leaves them. */
export const EXTENSION_DIRS = {
  chrome: resolve(ROOT, '.output/chrome-mv3'),
  edge: resolve(ROOT, '.output/edge-mv3'),
  firefox: resolve(ROOT, '.output/firefox-mv3'),
} as const;

/** The first of `candidates` that exists on disk, or undefined. */
export function firstExisting(candidates: readonly (string | undefined)[]): string | undefined {
  return candidates.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate!));
}

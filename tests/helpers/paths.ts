import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// Walks up to Keyhold's package.json: this file runs from tests/helpers/ under vitest and from
// dist/ when the benchmark bundle includes it, so a fixed '../..' would be wrong in one of them.
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'keyhold') return dir;
    if (dirname(dir) === dir) throw new Error(`Keyhold's package.json not found above ${start}`);
  }
}

/** The repository root, whatever the current directory or bundle. */
export const ROOT = findRoot(import.meta.dirname);

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

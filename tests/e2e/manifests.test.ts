import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIRS } from '../helpers/paths';

// Edge has no binary here: its build is checked as a manifest, like the other two.
type Manifest = Record<string, unknown> & { background: Record<string, unknown>; icons: Record<string, string> };
const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('built manifests', () => {
  it.each(['chrome', 'edge'] as const)('%s is MV3 with a service worker and icons', (browser) => {
    const manifest = read(EXTENSION_DIRS[browser]);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.service_worker).toBe('background.js');
    expect(Object.keys(manifest.icons).sort()).toEqual(['128', '16', '32', '48']);
    expect(manifest).not.toHaveProperty('externally_connectable');
  });

  it('firefox is MV3 with an event page, a gecko id and its data-collection statement', () => {
    const manifest = read(EXTENSION_DIRS.firefox);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.scripts).toEqual(['background.js']);
    expect(manifest.browser_specific_settings).toMatchObject({
      gecko: { id: 'keyhold@keyhold.dev', data_collection_permissions: { required: ['none'] } },
    });
    expect(manifest).not.toHaveProperty('externally_connectable');
  });
});

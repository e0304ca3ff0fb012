import { measureImport } from '../sharing/import';
import type { Suite } from '../suite';

/** Sharing and moving data: each part measures in its own file, in turn. */
export const sharingSuite: Suite = {
  name: 'sharing',
  description: 'importing and sharing: 10,000 Bitwarden entries imported into a vault',
  run: async (log) => [...(await measureImport(log))],
};

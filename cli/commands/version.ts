import { KEYHOLD_VERSION } from '../../lib/version';
import type { Command } from './command';

/** `keyhold version` (also `--version`, `-v`): prints the release version. */
export const versionCommand: Command = {
  name: 'version',
  summary: 'print the version of this CLI',
  help: 'Usage: keyhold version\n\nPrints the version of this CLI (also: keyhold --version, -v).',
  run: async (_args, output) => {
    output.out(KEYHOLD_VERSION);
    return 0;
  },
};

import { measureUpload } from '../sharing/upload';
import type { Suite } from '../suite';

/** Share links and attachments (issue #13): each part measures on its own, figures concatenated. */
export const sharingSuite: Suite = {
  name: 'sharing',
  description: 'attachments: 50 MB encrypted and uploaded against a real server, and its peak memory',
  run: async (log) => [...(await measureUpload(log))],
};

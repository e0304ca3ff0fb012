import { measureImport } from '../sharing/import';
import { measureLinkOpen } from '../sharing/link-open';
import { measureUpload } from '../sharing/upload';
import type { Figure } from '../report';
import type { Suite } from '../suite';

// Issues #13 and #14: share links, attachments, import. Each part measures on its own server and
// returns its figures; the suite runs them in turn.

const PARTS: ((log: (line: string) => void) => Promise<Figure[]>)[] = [measureLinkOpen, measureUpload, measureImport];

/** Share links in real Chromium, attachments and imports, against a real server. */
export const sharingSuite: Suite = {
  name: 'sharing',
  description: 'share links opened in real Chromium without the extension; 50 MB attachments encrypted and uploaded, with the server peak memory; 10,000 Bitwarden entries imported into a vault',
  run: async (log) => {
    const figures: Figure[] = [];
    for (const part of PARTS) figures.push(...(await part(log)));
    return figures;
  },
};

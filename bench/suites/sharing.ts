import { measureLinkOpen } from '../sharing/link-open';
import type { Figure } from '../report';
import type { Suite } from '../suite';

// Issue #13: share links and attachments. Each part measures on its own server and returns its
// figures; the suite runs them in turn.

const PARTS: ((log: (line: string) => void) => Promise<Figure[]>)[] = [measureLinkOpen];

/** Share links (and attachments) in real Chromium and against a real server. */
export const sharingSuite: Suite = {
  name: 'sharing',
  description: 'share links opened in real Chromium without the extension (and attachments)',
  run: async (log) => {
    const figures: Figure[] = [];
    for (const part of PARTS) figures.push(...(await part(log)));
    return figures;
  },
};

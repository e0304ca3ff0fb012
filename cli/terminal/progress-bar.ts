// A one-line progress bar on stderr, redrawn in place; only on a terminal, so logs of scripts and
// CI jobs get the summary alone instead of hundreds of carriage returns.

const WIDTH = 30;

/** A progress callback drawing `label [####····] done/total` on stderr, and its finish (clears the line). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number): void; finish(): void } {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let drawn = false;
  return {
    update(done, total) {
      const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'·'.repeat(WIDTH - filled)}] ${done}/${total}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

import { execFileSync } from 'node:child_process';
import { median, round } from '../report';
import type { Suite } from '../suite';

const RUNS = 15;

function timeCommand(args: string[]): number {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** `keyhold --version` start-up time against bare `node` measured in the same run. */
export const cliSuite: Suite = {
  name: 'cli',
  description: 'start-up of the bundled keyhold CLI against bare node',
  run: async (log) => {
    const bare: number[] = [];
    const cli: number[] = [];
    // Interleaved so drift in machine load hits both series alike.
    for (let i = 0; i < RUNS; i++) {
      bare.push(timeCommand(['-e', '']));
      cli.push(timeCommand(['bin/keyhold.js', '--version']));
    }
    const bareMs = median(bare);
    const cliMs = median(cli);
    log(`node -e ''           ${round(bareMs)} ms (median of ${RUNS})`);
    log(`keyhold --version    ${round(cliMs)} ms (median of ${RUNS})`);
    return [
      { name: 'startup_ms', value: cliMs, unit: 'ms' },
      { name: 'node_startup_ms', value: bareMs, unit: 'ms' },
      { name: 'startup_ratio', value: cliMs / bareMs, unit: 'x' },
    ];
  },
};

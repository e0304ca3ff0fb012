import { execFileSync } from 'node:child_process';
import { prepareCliRun, SECRETS } from '../cli/run-overhead';
import { median, round } from '../report';
import type { Suite } from '../suite';

const RUNS = 15;

function timeCommand(args: string[], env?: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore', ...(env ? { env } : {}) });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** `keyhold --version` start-up, and `keyhold run -- true` with 20 secrets as a machine and as a person, against bare `node` measured in the same run. */
export const cliSuite: Suite = {
  name: 'cli',
  description: 'start-up of the bundled keyhold CLI, and keyhold run with 20 secrets, against bare node',
  run: async (log) => {
    const run = await prepareCliRun();
    const bare: number[] = [];
    const cli: number[] = [];
    const runs: number[] = [];
    const personRuns: number[] = [];
    try {
      timeCommand(run.args, run.machineEnv);
      timeCommand(run.args, run.env);
      // Interleaved so drift in machine load hits every series alike.
      for (let i = 0; i < RUNS; i++) {
        bare.push(timeCommand(['-e', '0']));
        cli.push(timeCommand(['bin/keyhold.js', '--version']));
        runs.push(timeCommand(run.args, run.machineEnv));
        personRuns.push(timeCommand(run.args, run.env));
      }
    } finally {
      await run.stop();
    }
    const bareMs = median(bare);
    const cliMs = median(cli);
    const runMs = median(runs);
    const personRunMs = median(personRuns);
    log(`node -e 0                          ${round(bareMs)} ms (median of ${RUNS})`);
    log(`keyhold --version                  ${round(cliMs)} ms (median of ${RUNS})`);
    log(`keyhold run -- true (${SECRETS} secrets), machine access key   ${round(runMs)} ms (median of ${RUNS})`);
    log(`keyhold run -- true (${SECRETS} secrets), person (PBKDF2)      ${round(personRunMs)} ms (median of ${RUNS})`);
    return [
      { name: 'startup_ms', value: cliMs, unit: 'ms' },
      { name: 'node_startup_ms', value: bareMs, unit: 'ms' },
      { name: 'startup_ratio', value: cliMs / bareMs, unit: 'x' },
      { name: 'run_overhead_ms', value: runMs - bareMs, unit: 'ms' },
      { name: 'person_run_overhead_ms', value: personRunMs - bareMs, unit: 'ms' },
    ];
  },
};

// Runs `web-ext lint` on the Firefox build and fails on any error or warning, except the ones
// listed here with the reason they are safe. Anything new must be fixed or argued for here.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIR = '.output/firefox-mv3';

/** Whether a chunk of the build bundles Preact's renderer (which chunk does depends on how the pages share code). */
const bundlesPreactRenderer = (file) => /^chunks\/[\w-]+\.js$/.test(file) && readFileSync(join(SOURCE_DIR, file), 'utf8').includes('dangerouslySetInnerHTML');

const ACCEPTED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: bundlesPreactRenderer,
    why: "Preact's renderer assigns innerHTML only for dangerouslySetInnerHTML; eslint forbids that prop and any innerHTML, outerHTML or insertAdjacentHTML in our code.",
  },
];

const result = spawnSync('node_modules/.bin/web-ext', ['lint', '--self-hosted', '--source-dir', SOURCE_DIR, '--output', 'json'], { encoding: 'utf8' });
const report = JSON.parse(result.stdout);
const isAccepted = (message) => ACCEPTED.some((rule) => rule.code === message.code && rule.file(message.file ?? ''));
const problems = [...report.errors, ...report.warnings].filter((message) => !isAccepted(message));
for (const message of problems) console.error(`${message.type} ${message.code} ${message.file ?? ''}:${message.line ?? ''} ${message.message}\n  ${message.description}`);
console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${problems.length} not accepted`);
process.exit(problems.length > 0 ? 1 : 0);

// `npm test`: the whole suite, in the order that fails fastest — type-check, lint, build the
// extension for every browser, lint the Firefox build, then every vitest project (unit,
// integration on SQLite and PostgreSQL, end-to-end in Chromium and Firefox).
// `npm test -- <vitest args>` runs only vitest with those arguments, for a quick loop.
// With CI=true or KEYHOLD_REQUIRE_ALL=1 a skipped test fails the run: a missing browser or
// database must never pass for a green build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const requireAll = process.env.CI === 'true' || process.env.KEYHOLD_REQUIRE_ALL === '1';
const vitestArgs = process.argv.slice(2);

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function summarise(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const skipped = report.testResults.flatMap((file) =>
    file.assertionResults.filter((test) => test.status === 'pending' || test.status === 'skipped' || test.status === 'todo').map((test) => `${file.name}: ${test.fullName}`),
  );
  console.log(`\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped.length} skipped`);
  return { ok: report.success && report.numTotalTests > 0, skipped };
}

if (vitestArgs.length === 0) {
  step('type-check', bin('tsc'), ['--noEmit']);
  step('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  step('build server and CLI', process.execPath, ['scripts/build-node.mjs']);
  for (const target of [['chrome'], ['edge'], ['firefox', '--mv3']]) {
    step(`build extension for ${target[0]}`, bin('wxt'), ['build', '-b', ...target]);
  }
  step('web-ext lint (Firefox build)', process.execPath, ['scripts/lint-firefox.mjs']);
}

mkdirSync('test-results', { recursive: true });
const reportFile = 'test-results/vitest.json';
const skipBuild = vitestArgs.length === 0 ? { KEYHOLD_SKIP_BUILD: '1' } : {};
console.log('\n▶ vitest');
const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...vitestArgs], {
  stdio: 'inherit',
  env: { ...process.env, ...skipBuild },
});
const { ok, skipped } = summarise(reportFile);
if (run.status !== 0 || !ok) process.exit(1);
if (requireAll && skipped.length > 0) {
  console.error(`✖ ${skipped.length} test(s) skipped, which CI does not allow (a browser or PostgreSQL is missing?):`);
  for (const name of skipped) console.error(`  - ${name}`);
  process.exit(1);
}

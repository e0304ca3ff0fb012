import { figureLines } from './report';
import { SUITES } from './suites/index';

// `npm run bench -- <suite>|all`: runs suites one after another (never in parallel: they would
// steal each other's two cores), then prints every figure line at the end.

function usage(): string {
  const names = SUITES.map((suite) => `  ${suite.name.padEnd(10)} ${suite.description}`);
  return ['Usage: npm run bench -- <suite>|all', '', 'Suites:', ...names].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const requested = argv.length === 0 ? [] : argv;
  if (requested.length === 0 || requested.includes('--help')) {
    console.log(usage());
    return requested.length === 0 ? 2 : 0;
  }
  const chosen = requested.includes('all') ? SUITES : requested.map((name) => SUITES.find((suite) => suite.name === name));
  const missing = requested.filter((name, index) => name !== 'all' && !chosen[index]);
  if (missing.length > 0) {
    console.error(`No benchmark suite named ${missing.map((name) => `"${name}"`).join(', ')}.\n\n${usage()}`);
    return 2;
  }
  const lines: string[] = [];
  for (const suite of chosen) {
    if (!suite) continue;
    console.log(`\n## ${suite.name}: ${suite.description}`);
    lines.push(...figureLines(suite.name, await suite.run((line) => console.log(line))));
  }
  console.log('');
  for (const line of lines) console.log(line);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './node-flags';

const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the server’s Node.js flags', () => {
  it.each(['start', 'server'])('are what `npm run %s` starts dist/server.js with', (name) => {
    const launch = /\bnode ((?:--\S+ )*)dist\/server\.js\b/.exec(scripts[name] ?? '');
    expect(launch, `${name}: ${scripts[name]}`).not.toBeNull();
    expect(launch![1]!.trim().split(' ').filter(Boolean)).toEqual(SERVER_NODE_FLAGS);
  });
});

#!/usr/bin/env node
// The `keyhold` command: runs the bundle that `npm install` (postinstall) and `npm run build` produce.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  console.error('keyhold: the CLI is not built yet. Run "npm run build:node" in the Keyhold folder.');
  process.exit(1);
}
await import(bundle.href);

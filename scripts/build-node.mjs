// Bundles the server, the CLI and the benchmark runner into dist/ so Node 20 runs them without a
// TypeScript loader. npm packages stay external: they are installed beside the bundle.
import { build } from 'esbuild';

await build({
  entryPoints: { server: 'server/main.ts', cli: 'cli/main.ts', bench: 'bench/run.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// Bundles the server, the CLI and the benchmark runner into dist/ so Node 20 runs them without a
// TypeScript loader. npm packages stay external: they are installed beside the bundle.
import { build } from 'esbuild';

await build({
  entryPoints: { server: 'server/main.ts', bench: 'bench/run.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// The CLI bundles its few packages (one file parses faster than zod's hundreds) and reads the
// contract without the OpenAPI generator: `keyhold run` start-up is a benchmark (docs/cli.md).
await build({
  entryPoints: { cli: 'cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  alias: { '@hono/zod-openapi': './cli/contract-without-openapi.ts' },
  sourcemap: true,
  logLevel: 'warning',
});

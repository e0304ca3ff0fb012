// The Node.js flags the server runs with: package.json's `start` and `server` scripts pass them
// (node-flags.test.ts keeps those in step with this list), and so does the test helper that starts
// the server for the integration tests and the benchmarks. docs/operations.md says why.
//
// --max-semi-space-size=8: under request load V8 grows the young generation to 16 MB semi-spaces
// (about 34 MB resident), though almost everything a request allocates dies with it. At 8 MB the
// server under the benchmark's item-read load stayed 15–25 MB lower. At 4 MB it went lower still
// on SQLite, but on PostgreSQL requests waiting for a pooled connection were promoted to the old
// generation, which then peaked higher than with the default.

/** Flags placed before `dist/server.js` on the node command line. */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

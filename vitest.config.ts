import { defineConfig } from 'vitest/config';

// Three projects: units beside their code, integration tests that start real servers, and
// end-to-end tests in real browsers. Browsers get one file at a time: two cores cannot run two
// browsers and a server without timing out.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'cli/**/*.test.ts', 'components/**/*.test.tsx', 'entrypoints/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/build-node.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/build-node.ts', 'tests/setup/build-extension.ts'],
          poolOptions: { forks: { singleFork: true } },
          // Real browsers over CDP and WebDriver BiDi occasionally lose a page's realm mid-navigation
          // (seen with Firefox ESR 153); one retry keeps such a blip from failing CI. A real failure
          // fails twice.
          retry: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

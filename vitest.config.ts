import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Apollo's packages require graphql's CommonJS build; ESM imports must get the same instance, or
    // graphql-js refuses objects "from another module or realm".
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    // Gateways started by the tests log warnings and errors only; a test that reads request lines makes its own logger.
    env: { CREDENCE_LOG_LEVEL: 'warn' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // The browser tests (test/e2e/) need the same Neo4j; they start their own gateway.
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          // Starts (or reuses) a real Neo4j and serves the gateway over HTTP for the test files.
          globalSetup: ['test/integration/global-setup.ts'],
          // Hang guards only: tests wait for counts, and a loaded machine (another `npm test` beside this one)
          // may take minutes where an idle one takes seconds.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});

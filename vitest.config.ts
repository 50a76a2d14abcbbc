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
          include: ['test/integration/**/*.test.ts'],
          // Starts (or reuses) a real Neo4j and serves the gateway over HTTP for the test files.
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

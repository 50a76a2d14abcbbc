import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The unit project alone, as one flat config: StrykerJS's vitest runner drives a single project and must
// never start the integration project's Neo4j global setup. Tests get a minute each: under coverage
// instrumentation on a loaded machine the property tests outgrow vitest's 5 s default, and StrykerJS has its
// own timeout for mutants that hang.
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({ test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } }),
);

import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

/**
 * The engine's own hand-computed tests first, then the rest by name: StrykerJS runs one file at a time and
 * stops at the first failure, so a mutant they kill never waits for the slow property tests (vitest's default
 * order is slowest first).
 */
class EngineTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification): number =>
      /trust-engine-[a-z]+-mutants\.test\.ts$/.test(file.moduleId) ? 0 : 1;
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

// The unit project alone, as one flat config: StrykerJS's vitest runner drives a single project and must
// never start the integration project's Neo4j global setup. Tests get a minute each: under coverage
// instrumentation on a loaded machine the property tests outgrow vitest's 5 s default, and StrykerJS has its
// own timeout for mutants that hang.
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      name: 'unit',
      include: ['test/unit/**/*.test.ts'],
      testTimeout: 60_000,
      sequence: { sequencer: EngineTestsFirst },
    },
  }),
);

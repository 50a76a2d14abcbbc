import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../gateway.js';
import { governedFields, ruleFor } from '../../src/policy/policy.js';

describe('the access policy', () => {
  it('has a rule for every field the schema serves', () => {
    const schema = buildSchema();
    const missing = governedFields(schema).filter(({ type, field }) => !ruleFor(type, field));
    expect(missing).toEqual([]);
  });
});

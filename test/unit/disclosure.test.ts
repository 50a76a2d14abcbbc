/**
 * The disclosure model's arithmetic (docs/privacy.md, section 1), checked exhaustively: a partner gets one
 * question per person per period, so what it can learn at most is one rule's yes or no (or, for rules on the score
 * alone, the band). For every rule the grid allows and both answers, what the answer implies — inferred from the
 * published model by the adversary's own inference (test/integration/adversary/knowledge.ts), not from Credence's
 * code — leaves the score at least a band wide and every dimension at least 0.25 wide.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations.js';
import {
  ACCOUNT_AGE_THRESHOLDS_DAYS,
  BAND_QUESTION,
  DIMENSION_THRESHOLDS,
  OPEN_DEFAULT_LIMITS,
  QUESTION_PERIOD_MS,
  questionAllowed,
  questionOf,
  SCORE_THRESHOLDS,
} from '../../src/perks/disclosure.js';
import type { PerkRuleRow } from '../../src/perks/model.js';
import { validateRule } from '../../src/perks/rules.js';
import { DIMENSIONS, Knowledge, type Rule } from '../integration/adversary/knowledge.js';

const BANDS: [number, number][] = [
  [300, 419],
  [420, 539],
  [540, 659],
  [660, 779],
  [780, 900],
];

/** Every rule of the grid (identity assurance and disputes aside: they bound no interval of the model). */
function* gridRules(): Generator<Rule> {
  const dimensionChoices = [undefined, ...DIMENSION_THRESHOLDS];
  for (const minScore of [undefined, ...SCORE_THRESHOLDS])
    for (const i of dimensionChoices)
      for (const h of dimensionChoices)
        for (const r of dimensionChoices)
          for (const n of dimensionChoices)
            for (const maxOpenDefaults of [undefined, ...OPEN_DEFAULT_LIMITS])
              for (const minAccountAgeDays of [undefined, ...ACCOUNT_AGE_THRESHOLDS_DAYS]) {
                const mins = [i, h, r, n];
                yield {
                  minScore,
                  minDimensions: DIMENSIONS.flatMap((dimension, k) =>
                    mins[k] === undefined ? [] : [{ dimension, min: mins[k] }],
                  ),
                  maxOpenDefaults,
                  minAccountAgeDays,
                };
              }
}

describe('the disclosure bound', () => {
  it('the grid is the band floors and quarters, as documented', () => {
    expect(SCORE_THRESHOLDS).toEqual([420, 540, 660, 780]);
    expect(DIMENSION_THRESHOLDS).toEqual([0.25, 0.5, 0.75]);
    // The migration that archives off-grid perks names the same grid.
    const migration = MIGRATIONS.find((m) => m.includes('RULE_CONTRACT_2026_12'))!;
    expect(migration).toContain(`[${SCORE_THRESHOLDS.join(', ')}]`);
    expect(migration).toContain(`[${DIMENSION_THRESHOLDS.join(', ')}]`);
    expect(migration).toContain(`[${OPEN_DEFAULT_LIMITS.join(', ')}]`);
    expect(migration).toContain(`[${ACCOUNT_AGE_THRESHOLDS_DAYS.join(', ')}]`);
  });

  it('one answer to any rule of the grid leaves the score ≥ 120 points and each dimension ≥ 0.25 wide', () => {
    let rules = 0;
    let narrowestScore = Infinity;
    let narrowestDimension = Infinity;
    for (const rule of gridRules()) {
      // Credence accepts it (else the grid here and the service's differ).
      validateRule(rule);
      for (const eligible of [true, false]) {
        const k = new Knowledge();
        k.learn(rule, eligible, eligible ? [] : ['NOT_ELIGIBLE']);
        narrowestScore = Math.min(narrowestScore, k.scoreWidth());
        narrowestDimension = Math.min(narrowestDimension, k.narrowestDimension().width);
      }
      rules += 1;
    }
    console.log(
      `${rules} grid rules × 2 answers: narrowest score interval ${narrowestScore} points, narrowest dimension ${narrowestDimension}`,
    );
    expect(rules).toBe(5 * 4 ** 4 * 4 * 6);
    // Hand calculation: a yes to minScore 780 leaves 780..900 (121 scores); a no to 420 leaves 300..419 (120);
    // a yes to a dimension minimum of 0.75 leaves [0.75, 1]; a no to 0.25 leaves [0, 0.25].
    expect(narrowestScore).toBe(120);
    expect(narrowestDimension).toBeCloseTo(0.25, 9);
  });

  it('why one question: two answers of the grid can already pin the score to 30 points', () => {
    const k = new Knowledge();
    k.learn({ minDimensions: DIMENSIONS.map((dimension) => ({ dimension, min: 0.75 })) }, true, []);
    k.learn({ minScore: 780 }, false, ['NOT_ELIGIBLE']);
    // Every dimension ≥ 0.75 gives a score ≥ 300 + 600·0.75 = 750; below 780: 750..779.
    expect(k.score).toEqual([750, 779]);
  });

  it('every rule on the score alone asks the band, and the band answers all of them', () => {
    for (const [floor, ceiling] of BANDS)
      for (const minScore of SCORE_THRESHOLDS) {
        // Whatever the score in the band, the answer is the same: the band determines it.
        const answers = new Set([floor, ceiling].map((score) => score >= minScore));
        expect(answers.size).toBe(1);
      }
    expect(questionOf(validateRule({ minScore: 660 }))).toBe(BAND_QUESTION);
    expect(questionOf(validateRule({}))).toBe(BAND_QUESTION);
  });

  it('the same rule is the same question on any perk; any other condition makes another question', () => {
    const a = validateRule({
      minScore: 540,
      minDimensions: [
        { dimension: 'NETWORK', min: 0.25 },
        { dimension: 'HISTORY', min: 0.5 },
      ],
    });
    const reordered: PerkRuleRow = { ...a, minDimensions: [...a.minDimensions].reverse() };
    expect(questionOf(reordered)).toBe(questionOf(a));
    expect(questionOf(a)).not.toBe(BAND_QUESTION);
    expect(questionOf({ ...a, minScore: 660 })).not.toBe(questionOf(a));
    expect(questionOf({ ...a, noOpenDisputes: true })).not.toBe(questionOf(a));
    expect(questionOf(validateRule({ maxOpenDefaults: 0 }))).not.toBe(BAND_QUESTION);
  });

  it('a second question waits until the first is a period old', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    const day = 24 * 3600 * 1000;
    const asked = [{ question: 'RULE:a', lastAt: new Date(now - 10 * day).toISOString() }];
    expect(questionAllowed('RULE:a', asked, now)).toEqual({ allowed: true });
    expect(questionAllowed('RULE:b', [], now)).toEqual({ allowed: true });
    expect(questionAllowed('RULE:b', asked, now)).toEqual({ allowed: false, retryAt: now + 20 * day });
    expect(QUESTION_PERIOD_MS).toBe(30 * day);
  });
});

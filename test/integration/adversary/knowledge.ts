/**
 * What an adversarial partner can infer about one person from the answers it got: a sound interval inference,
 * written from the trust model's published formula (docs/trust-model.md: score = round(300 + 600·Σ wᵢ·dᵢ), weights
 * IDENTITY 0.25, HISTORY 0.30, REPUTATION 0.20, NETWORK 0.25), independent of Credence's code.
 *
 * Every answer is a fact about the rule that was asked: a yes means every condition holds; a no means at least
 * one fails (which one is known when the others are known to hold, or when the answer names it, as Credence's
 * answers did before 2026-12). Intervals are closed; a strict bound is kept as the bound itself (a width reported
 * here can only be larger than the truth by that ε, never smaller).
 */

export type Dimension = 'IDENTITY' | 'HISTORY' | 'REPUTATION' | 'NETWORK';
export const DIMENSIONS: readonly Dimension[] = ['IDENTITY', 'HISTORY', 'REPUTATION', 'NETWORK'];
const WEIGHT: Record<Dimension, number> = { IDENTITY: 0.25, HISTORY: 0.3, REPUTATION: 0.2, NETWORK: 0.25 };

export interface Rule {
  minScore?: number;
  minDimensions?: { dimension: Dimension; min: number }[];
  maxOpenDefaults?: number;
  minAccountAgeDays?: number;
}

/** One condition of a rule, as a bound on one quantity. */
interface Condition {
  quantity: 'score' | Dimension | 'openDefaults' | 'accountAgeDays';
  /** The condition holds iff quantity ≥ at ('min') or quantity ≤ at ('max'). */
  kind: 'min' | 'max';
  at: number;
  /** The reason code Credence named this condition by before 2026-12. */
  legacyCode: string;
}

function conditionsOf(rule: Rule): Condition[] {
  const conditions: Condition[] = [];
  if (rule.minScore !== undefined)
    conditions.push({
      quantity: 'score',
      kind: 'min',
      at: rule.minScore,
      legacyCode: 'SCORE_BELOW_THRESHOLD',
    });
  for (const { dimension, min } of rule.minDimensions ?? [])
    conditions.push({
      quantity: dimension,
      kind: 'min',
      at: min,
      legacyCode: `DIMENSION_BELOW_THRESHOLD:${dimension}`,
    });
  if (rule.maxOpenDefaults !== undefined)
    conditions.push({
      quantity: 'openDefaults',
      kind: 'max',
      at: rule.maxOpenDefaults,
      legacyCode: 'TOO_MANY_OPEN_DEFAULTS',
    });
  if (rule.minAccountAgeDays !== undefined)
    conditions.push({
      quantity: 'accountAgeDays',
      kind: 'min',
      at: rule.minAccountAgeDays,
      legacyCode: 'ACCOUNT_TOO_NEW',
    });
  return conditions;
}

export type Interval = [number, number];

export class Knowledge {
  score: Interval = [300, 900];
  dims: Record<Dimension, Interval> = {
    IDENTITY: [0, 1],
    HISTORY: [0, 1],
    REPUTATION: [0, 1],
    NETWORK: [0, 1],
  };
  openDefaults: Interval = [0, Infinity];
  accountAgeDays: Interval = [0, Infinity];
  /** Answers that said something (a yes, a no, a band), for the report. */
  informative = 0;

  private interval(quantity: Condition['quantity']): Interval {
    if (quantity === 'score') return this.score;
    if (quantity === 'openDefaults') return this.openDefaults;
    if (quantity === 'accountAgeDays') return this.accountAgeDays;
    return this.dims[quantity];
  }

  /** Whether the condition is known to hold, known to fail, or unknown. */
  private status(c: Condition): boolean | null {
    const [lo, hi] = this.interval(c.quantity);
    if (c.kind === 'min') return lo >= c.at ? true : hi < c.at ? false : null;
    return hi <= c.at ? true : lo > c.at ? false : null;
  }

  private holds(c: Condition): void {
    const i = this.interval(c.quantity);
    if (c.kind === 'min') i[0] = Math.max(i[0], c.at);
    else i[1] = Math.min(i[1], c.at);
  }

  private fails(c: Condition): void {
    const i = this.interval(c.quantity);
    // Integers (score, counts, days) fail by a whole unit; a dimension fails below its minimum (kept at it).
    const integer =
      c.quantity === 'score' || c.quantity === 'openDefaults' || c.quantity === 'accountAgeDays';
    if (c.kind === 'min') i[1] = Math.min(i[1], integer ? c.at - 1 : c.at);
    else i[0] = Math.max(i[0], integer ? c.at + 1 : c.at);
  }

  /** Learns from one decision about `rule`: eligible, or not with the reasons the partner was given. */
  learn(rule: Rule, eligible: boolean, reasons: readonly string[]): void {
    const conditions = conditionsOf(rule);
    if (eligible) {
      conditions.forEach((c) => this.holds(c));
      this.informative += 1;
    } else if (reasons.includes('NOT_ELIGIBLE') || conditions.some((c) => reasons.includes(c.legacyCode))) {
      const named = conditions.filter((c) => reasons.includes(c.legacyCode));
      if (named.length > 0) {
        // Legacy answers name every unmet condition: the others hold.
        named.forEach((c) => this.fails(c));
        conditions.filter((c) => !named.includes(c)).forEach((c) => this.holds(c));
      } else {
        const unknown = conditions.filter((c) => this.status(c) !== true);
        if (unknown.length === 1) this.fails(unknown[0]!);
      }
      this.informative += 1;
    }
    this.propagate();
  }

  learnBand(floor: number, ceiling: number): void {
    this.score[0] = Math.max(this.score[0], floor);
    this.score[1] = Math.min(this.score[1], ceiling);
    this.informative += 1;
    this.propagate();
  }

  /** score = round(300 + 600·Σ wᵢ·dᵢ), both ways, to a fixed point. */
  private propagate(): void {
    for (let round = 0; round < 20; round += 1) {
      const before = JSON.stringify([this.score, this.dims]);
      const lo = DIMENSIONS.reduce((s, d) => s + WEIGHT[d] * this.dims[d][0], 0);
      const hi = DIMENSIONS.reduce((s, d) => s + WEIGHT[d] * this.dims[d][1], 0);
      this.score[0] = Math.max(this.score[0], Math.ceil(300 + 600 * lo - 0.5));
      this.score[1] = Math.min(this.score[1], Math.floor(300 + 600 * hi + 0.5));
      // Σ wd lies in [(score₀ − 300.5)/600, (score₁ − 299.5)/600].
      const sumLo = (this.score[0] - 300.5) / 600;
      const sumHi = (this.score[1] - 299.5) / 600;
      for (const d of DIMENSIONS) {
        const othersHi = DIMENSIONS.filter((o) => o !== d).reduce(
          (s, o) => s + WEIGHT[o] * this.dims[o][1],
          0,
        );
        const othersLo = DIMENSIONS.filter((o) => o !== d).reduce(
          (s, o) => s + WEIGHT[o] * this.dims[o][0],
          0,
        );
        this.dims[d][0] = Math.max(this.dims[d][0], (sumLo - othersHi) / WEIGHT[d]);
        this.dims[d][1] = Math.min(this.dims[d][1], (sumHi - othersLo) / WEIGHT[d]);
      }
      if (JSON.stringify([this.score, this.dims]) === before) return;
    }
  }

  /** The number of scores still possible (an interval of integers). */
  scoreWidth(): number {
    return this.score[1] - this.score[0] + 1;
  }

  narrowestDimension(): { dimension: Dimension; width: number } {
    return DIMENSIONS.map((dimension) => ({
      dimension,
      width: this.dims[dimension][1] - this.dims[dimension][0],
    })).sort((a, b) => a.width - b.width)[0]!;
  }
}

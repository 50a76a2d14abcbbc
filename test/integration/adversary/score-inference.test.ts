/**
 * A partner tries to learn a person's score (issue: "a partner must not be able to infer the score"). It holds
 * only ELIGIBILITY consent and uses every call its scopes allow — creating, updating and archiving perks, single
 * and batch checks, a fresh API key every week — for 30 simulated days (a day passes by moving its inquiries and
 * rule changes back 24 hours, never by waiting), bisecting the score, each dimension, the open defaults and the
 * account age. What it learns is inferred by `Knowledge`, from the published model, not from Credence's code.
 *
 * The same strategy against the pre-2026-12 behaviour (any integer threshold, every unmet condition named, no
 * question budget), simulated locally, pins the score exactly: the control that shows the adversary is strong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, codes, cypher, gql, newUser, removeUsers, unique } from '../helpers.js';
import { consent, newPartner, removePartners, type TestPartner } from '../partner-helpers.js';
import { DIMENSIONS, Knowledge, type Dimension, type Rule } from './knowledge.js';

const users: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await removeUsers(users);
  await removePartners(partners);
});

/** The person: score 614 (GOOD, 540–659) = round(300 + 600·(0.25·0.55 + 0.3·0.62 + 0.2·0.5 + 0.25·0.4)). */
const TRUTH = {
  score: 614,
  band: 'GOOD',
  dims: { IDENTITY: 0.55, HISTORY: 0.62, REPUTATION: 0.5, NETWORK: 0.4 } as Record<Dimension, number>,
  openDefaults: 1,
  accountAgeDays: 200,
};
const BANDS: Record<string, [number, number]> = {
  POOR: [300, 419],
  FAIR: [420, 539],
  GOOD: [540, 659],
  VERY_GOOD: [660, 779],
  EXCELLENT: [780, 900],
};

/** What a partner can do, whatever is behind it. */
interface Oracle {
  /** A perk id, or null when the rule was refused. */
  createPerk(rule: Rule): Promise<string | null>;
  updateRule(perkId: string, rule: Rule): Promise<boolean>;
  archive(perkId: string): Promise<void>;
  /** The decision, or null when the check was refused (a limit). `batch` asks in a batch of `batch` copies. */
  check(
    perkId: string,
    batch?: number,
  ): Promise<{ eligible: boolean; reasons: string[]; band: string | null } | null>;
  newKey(): Promise<void>;
  nextDay(): Promise<void>;
}

type Quantity = 'score' | Dimension | 'openDefaults' | 'accountAgeDays';

/** Single-condition rules that would split what is known of `quantity`, best first (closest to the middle). */
function probes(k: Knowledge, quantity: Quantity): Rule[] {
  const candidates: { rule: Rule; distance: number }[] = [];
  if (quantity === 'score') {
    const [lo, hi] = k.score;
    const mid = Math.floor((lo + hi + 1) / 2);
    for (let t = lo + 1; t <= hi; t += 1)
      candidates.push({ rule: { minScore: t }, distance: Math.abs(t - mid) });
  } else if (quantity === 'openDefaults') {
    const [lo, hi] = k.openDefaults;
    const top = Math.min(hi, 50);
    for (let t = lo; t < top; t += 1)
      candidates.push({ rule: { maxOpenDefaults: t }, distance: Math.abs(t - (lo + top) / 2) });
  } else if (quantity === 'accountAgeDays') {
    const [lo, hi] = k.accountAgeDays;
    const top = Math.min(hi, 3650);
    const mid = Math.floor((lo + top + 1) / 2);
    for (let t = lo + 1; t <= top; t += 1)
      candidates.push({ rule: { minAccountAgeDays: t }, distance: Math.abs(t - mid) });
  } else {
    const [lo, hi] = k.dims[quantity];
    const mid = (lo + hi) / 2;
    // Bisection to 0.001, as the attack on the old API did.
    for (let t = Math.ceil(lo * 1000 + 1e-9) / 1000; t < hi; t = Math.round(t * 1000 + 1) / 1000)
      if (t > lo)
        candidates.push({
          rule: { minDimensions: [{ dimension: quantity, min: t }] },
          distance: Math.abs(t - mid),
        });
  }
  return candidates.sort((a, b) => a.distance - b.distance).map((c) => c.rule);
}

/**
 * A partner's first guesses are the exact midpoints; refused, it falls back to round values (multiples of 10
 * points, 0.05, 5 days), which contain any grid a service might publish. It never retries a refused rule.
 */
function roundValue(rule: Rule): boolean {
  const near = (x: number, step: number) => Math.abs(x / step - Math.round(x / step)) < 1e-9;
  if (rule.minScore !== undefined) return near(rule.minScore, 10);
  if (rule.minAccountAgeDays !== undefined) return near(rule.minAccountAgeDays, 5);
  if (rule.minDimensions) return rule.minDimensions.every((d) => near(d.min, 0.05));
  return true;
}

/**
 * The adversary: every day, for each quantity (starting with `first`), the accepted rule closest to the middle of
 * what it knows, on its standing perk (by updating its rule) or on a new perk, checked alone or in a batch; new
 * perks are archived after one check. Returns what it learned and what it was told.
 */
async function attack(oracle: Oracle, first: Quantity, days = 30) {
  const k = new Knowledge();
  const all: Quantity[] = ['score', ...DIMENSIONS, 'openDefaults', 'accountAgeDays'];
  const order: Quantity[] = [first, ...all.filter((q) => q !== first)];
  const told = { refusedRules: 0, refusedChecks: 0, answers: 0, bands: new Set<string>() };
  const refused = new Set<string>();
  let standing: string | null = null;
  for (let day = 0; day < days; day += 1) {
    if (day % 7 === 0) await oracle.newKey();
    for (const quantity of order) {
      // Up to four accepted rules per quantity per day.
      for (let step = 0; step < 4; step += 1) {
        const list = probes(k, quantity).filter((rule) => !refused.has(JSON.stringify(rule)));
        const tries = [...list.slice(0, 3), ...list.slice(3).filter(roundValue)];
        let perkId: string | null = null;
        let asked: Rule | null = null;
        let updated = false;
        for (const rule of tries) {
          if (step === 0 && standing && (await oracle.updateRule(standing, rule))) {
            [perkId, asked, updated] = [standing, rule, true];
            break;
          }
          perkId = await oracle.createPerk(rule);
          if (perkId) {
            asked = rule;
            break;
          }
          refused.add(JSON.stringify(rule));
          told.refusedRules += 1;
        }
        if (!perkId || !asked) break;
        const decision = await oracle.check(perkId, step % 2 === 1 ? 25 : undefined);
        if (!updated) {
          if (standing) await oracle.archive(perkId);
          else standing = perkId;
        }
        if (!decision) {
          told.refusedChecks += 1;
          break;
        }
        told.answers += 1;
        k.learn(asked, decision.eligible, decision.reasons);
        if (decision.band) {
          told.bands.add(decision.band);
          k.learnBand(...BANDS[decision.band]!);
        }
      }
    }
    await oracle.nextDay();
  }
  return { knowledge: k, told };
}

/** Credence over HTTP, as one partner. */
function credence(partner: TestPartner, personId: string): Oracle {
  let apiKey = partner.apiKey;
  const call = (query: string, variables: Record<string, unknown>) =>
    // Each call below reads its own shape of `data`.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    gql<Record<string, any>>(query, variables, { apiKey });
  return {
    async createPerk(rule) {
      const r = await call('mutation($input: CreatePerkInput!) { createPerk(input: $input) { id } }', {
        input: { name: 'probe', rule },
      });
      if (r.errors) {
        expect(codes(r)).toEqual(['BAD_USER_INPUT']);
        return null;
      }
      return r.data!.createPerk.id as string;
    },
    async updateRule(perkId, rule) {
      const r = await call('mutation($input: UpdatePerkInput!) { updatePerk(input: $input) { id } }', {
        input: { perkId, rule },
      });
      return !r.errors;
    },
    async archive(perkId) {
      const r = await call('mutation($id: ID!) { archivePerk(perkId: $id) { id } }', { id: perkId });
      expect(r.errors).toBeUndefined();
    },
    async check(perkId, batch) {
      if (batch) {
        const r = await call(
          'query($p: ID!, $u: [ID!]!) { eligibilities(perkId: $p, userIds: $u) { eligible reasons band } }',
          { p: perkId, u: Array.from({ length: batch }, () => personId) },
        );
        expect(r.errors).toBeUndefined();
        const answered = (
          r.data!.eligibilities as { eligible: boolean; reasons: string[]; band: string | null }[]
        ).filter((d) => !d.reasons.includes('RATE_LIMITED') && !d.reasons.includes('DISCLOSURE_LIMIT'));
        // Repeats of one question in a batch answer alike.
        expect(new Set(answered.map((d) => JSON.stringify(d))).size).toBeLessThanOrEqual(1);
        return answered[0] ?? null;
      }
      const r = await call(
        'query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { eligible reasons band } }',
        { p: perkId, u: personId },
      );
      if (r.errors) {
        expect(codes(r)).toEqual(['RATE_LIMITED']);
        expect(r.errors[0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
        return null;
      }
      return r.data!.eligibility;
    },
    async newKey() {
      const r = await gql<{ rotatePartnerKey: { apiKey: string } }>(
        'mutation($id: ID!) { rotatePartnerKey(partnerId: $id) { apiKey } }',
        { id: partner.id },
        { token: await adminToken() },
      );
      apiKey = r.data!.rotatePartnerKey.apiKey;
    },
    async nextDay() {
      await cypher("MATCH (q:Inquiry {partnerId: $p}) SET q.at = q.at - duration('P1D')", { p: partner.id });
      await cypher(
        `MATCH (:Partner {id: $p})-[:OFFERS]->(perk:Perk)
         SET perk.ruleChangedAt = [t IN coalesce(perk.ruleChangedAt, []) | t - duration('P1D')]`,
        { p: partner.id },
      );
    },
  };
}

/** The pre-2026-12 behaviour, simulated: any integer threshold, every unmet condition named, no budget. */
function legacy(): Oracle {
  const rules = new Map<string, Rule>();
  return {
    async createPerk(rule) {
      const id = String(rules.size);
      rules.set(id, rule);
      return id;
    },
    async updateRule(perkId, rule) {
      rules.set(perkId, rule);
      return true;
    },
    async archive() {},
    async check(perkId) {
      const rule = rules.get(perkId)!;
      const reasons: string[] = [];
      if (rule.minScore !== undefined && TRUTH.score < rule.minScore) reasons.push('SCORE_BELOW_THRESHOLD');
      for (const { dimension, min } of rule.minDimensions ?? [])
        if (TRUTH.dims[dimension] < min) reasons.push(`DIMENSION_BELOW_THRESHOLD:${dimension}`);
      if (rule.maxOpenDefaults !== undefined && TRUTH.openDefaults > rule.maxOpenDefaults)
        reasons.push('TOO_MANY_OPEN_DEFAULTS');
      if (rule.minAccountAgeDays !== undefined && TRUTH.accountAgeDays < rule.minAccountAgeDays)
        reasons.push('ACCOUNT_TOO_NEW');
      return { eligible: reasons.length === 0, reasons, band: null };
    },
    async newKey() {},
    async nextDay() {},
  };
}

let person: { id: string; token: string };

beforeAll(async () => {
  person = await newUser();
  users.push(person.id);
  await cypher(
    `MATCH (u:User {id: $id})
     SET u.scoringConsent = true, u.trustValue = $score, u.trustBand = $band, u.trustIdentity = $dims.IDENTITY,
         u.trustHistory = $dims.HISTORY, u.trustReputation = $dims.REPUTATION, u.trustNetwork = $dims.NETWORK,
         u.trustComputedAt = datetime(), u.trustModelVersion = 'test',
         u.createdAt = datetime() - duration({days: $accountAgeDays})
     CREATE (u)-[:HAS_EVENT]->(:Event {id: randomUUID(), kind: 'COMMITMENT_DEFAULTED', occurredAt: datetime(),
                                       source: 'test'})`,
    { id: person.id, ...TRUTH },
  );
});

async function adversary(scopes: string[]) {
  const partner = await newPartner(unique('adversary'), ['ELIGIBILITY_CHECK', 'PERKS_MANAGE']);
  partners.push(partner.id);
  await consent(person.token, partner.id, scopes);
  return credence(partner, person.id);
}

const report = (label: string, k: Knowledge) => {
  const narrowest = k.narrowestDimension();
  console.log(
    `${label}: score in [${k.score[0]}, ${k.score[1]}] (${k.scoreWidth()} points), narrowest dimension ` +
      `${narrowest.dimension} ${narrowest.width.toFixed(3)} wide, open defaults [${k.openDefaults.join(', ')}], ` +
      `account age [${k.accountAgeDays.join(', ')}] days, ${k.informative} informative answers`,
  );
};

describe('a partner probing one person for 30 days', () => {
  it('control: against the old behaviour the same adversary pins the score and every dimension', async () => {
    const { knowledge } = await attack(legacy(), 'score', 3);
    report('old behaviour, 3 days', knowledge);
    expect(knowledge.score[0]).toBeLessThanOrEqual(TRUTH.score);
    expect(knowledge.score[1]).toBeGreaterThanOrEqual(TRUTH.score);
    expect(knowledge.scoreWidth()).toBeLessThan(10);
    expect(knowledge.narrowestDimension().width).toBeLessThan(0.01);
  });

  it('asking about the score first, it learns the band and nothing finer', async () => {
    const { knowledge, told } = await attack(await adversary(['ELIGIBILITY']), 'score');
    report('score first, 30 days', knowledge);
    // Sound: the truth is inside what it inferred.
    expect(knowledge.score[0]).toBeLessThanOrEqual(TRUTH.score);
    expect(knowledge.score[1]).toBeGreaterThanOrEqual(TRUTH.score);
    expect(knowledge.scoreWidth()).toBeGreaterThanOrEqual(120);
    expect(knowledge.narrowestDimension().width).toBeGreaterThanOrEqual(0.25);
    // It did get answers, was refused finer rules, and every other question until the period ended.
    expect(told.answers).toBeGreaterThan(0);
    expect(told.refusedRules).toBeGreaterThan(0);
    expect(told.refusedChecks).toBeGreaterThan(0);
    expect(told.bands.size).toBe(0);
  });

  it('asking about a dimension first, it learns one yes or no about it and nothing else', async () => {
    const { knowledge, told } = await attack(await adversary(['ELIGIBILITY']), 'HISTORY');
    report('HISTORY first, 30 days', knowledge);
    expect(knowledge.scoreWidth()).toBeGreaterThanOrEqual(120);
    expect(knowledge.narrowestDimension().width).toBeGreaterThanOrEqual(0.25);
    expect(knowledge.openDefaults[0]).toBe(0);
    expect(knowledge.accountAgeDays[0]).toBe(0);
    expect(told.answers).toBeGreaterThan(0);
    expect(told.refusedChecks).toBeGreaterThan(0);
  });

  it('asking about the account age or the open defaults first, it learns one threshold of it', async () => {
    for (const first of ['accountAgeDays', 'openDefaults'] as const) {
      const { knowledge } = await attack(await adversary(['ELIGIBILITY']), first, 10);
      report(`${first} first, 10 days`, knowledge);
      expect(knowledge.scoreWidth()).toBeGreaterThanOrEqual(120);
      expect(knowledge.narrowestDimension().width).toBeGreaterThanOrEqual(0.25);
      // One grid threshold: age 200 is known only as ≥ one of 30, 90, 180 or < one of 365, 730.
      if (first === 'accountAgeDays')
        expect(knowledge.accountAgeDays[0] === 0 || knowledge.accountAgeDays[1] === Infinity).toBe(true);
      else expect(knowledge.openDefaults[0] === 0 || knowledge.openDefaults[1] === Infinity).toBe(true);
    }
  });

  it('with SCORE_BAND consent it learns the band, no more', async () => {
    const { knowledge, told } = await attack(await adversary(['ELIGIBILITY', 'SCORE_BAND']), 'score');
    report('SCORE_BAND, 30 days', knowledge);
    expect(told.bands).toEqual(new Set([TRUTH.band]));
    expect(knowledge.score).toEqual(BANDS[TRUTH.band]);
    expect(knowledge.narrowestDimension().width).toBeGreaterThanOrEqual(0.25);
  });
});

/**
 * The sybil scenario table (issue 11 §5): a ring of fake accounts made ever more like honest ones, attacked
 * through g honest accounts, scored by the engine exactly as a full recompute would score it.
 *
 * Scenarios are cumulative:
 * - FRESH: the ring is created at the clock, with no identities or events;
 * - AGED: each sybil is as old as a randomly drawn honest account;
 * - IDENTITIES: and holds SUBSTANTIAL / LOW identities with the honest accounts' shares (eval/worlds.ts);
 * - HIGH_IDENTITY: and every tenth member also holds a HIGH-assurance identity;
 * - BOUGHT_HISTORY: and every member has BOUGHT_EVENTS fulfilled commitments in the last BOUGHT_WITHIN_DAYS days
 *   (cheap, clean history bought from a cooperative partner).
 */
import {
  BASELINE_SCORE,
  computeAll,
  newUserEvidence,
  scoreUser,
  type CommitmentEvent,
  type IdentityEvidence,
  type TrustComputation,
  type UserProfile,
} from '../src/trust/engine/index.js';
import { rng } from '../seed/synthetic.js';
import { separationAuc, SYBIL_RING_DEGREE } from './sybil.js';
import type { HonestWorld } from './worlds.js';

export const SCENARIOS = ['FRESH', 'AGED', 'IDENTITIES', 'HIGH_IDENTITY', 'BOUGHT_HISTORY'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const SCENARIO_LABELS: Readonly<Record<Scenario, string>> = {
  FRESH: 'sybils fresh, no identities',
  AGED: 'sybils as old as honest users',
  IDENTITIES: '+ SUBSTANTIAL/LOW identities like honest users',
  HIGH_IDENTITY: '+ a HIGH identity for 10% of the ring',
  BOUGHT_HISTORY: '+ recent fulfilled (bought) events',
};
export const RING_SIZE = 100;
/** Members with index % HIGH_IDENTITY_EVERY === HIGH_IDENTITY_EVERY − 1 hold HIGH (the target, member 0, does not). */
export const HIGH_IDENTITY_EVERY = 10;
export const BOUGHT_EVENTS = 6;
export const BOUGHT_WITHIN_DAYS = 60;
export const SCENARIO_ATTACK_SEEDS = [20261204, 11, 12];

/**
 * How the loader turns the stored graph into anchors. Model 2026-12.1 (main before issue 11): an admin's
 * setAnchor or a current HIGH-assurance identity. Since 2026-12.2 (issue 11) anchors are explicit only, as
 * src/trust/repository.ts loadGraph designates them.
 */
export const ANCHOR_RULE: 'designated-or-high-identity' | 'designated-only' = 'designated-only';

export function anchorsOf(designated: Int32Array, profiles: readonly UserProfile[]): Int32Array {
  if (ANCHOR_RULE === 'designated-only') return designated;
  const anchors = new Set(designated);
  profiles.forEach((profile, user) => {
    if (profile.identities.some((identity) => identity.assurance === 'HIGH' && !identity.expired)) {
      anchors.add(user);
    }
  });
  return Int32Array.from([...anchors].sort((a, b) => a - b));
}

function sybilProfile(
  scenario: Scenario,
  member: number,
  random: () => number,
  world: HonestWorld,
  shares: { SUBSTANTIAL: number; LOW: number },
): UserProfile {
  const level = SCENARIOS.indexOf(scenario);
  // Every draw is made in every scenario, so a member's draws do not depend on the scenario.
  const agedLike = world.profiles[Math.floor(random() * world.userCount)]?.accountAgeDays ?? 0;
  const accountAgeDays = level >= 1 ? agedLike : 0;
  const identities: IdentityEvidence[] = [];
  const identityRolls = [random(), random()];
  if (level >= 3 && member % HIGH_IDENTITY_EVERY === HIGH_IDENTITY_EVERY - 1) {
    identities.push({ assurance: 'HIGH', expired: false });
  }
  if (level >= 2) {
    if ((identityRolls[0] as number) < shares.SUBSTANTIAL)
      identities.push({ assurance: 'SUBSTANTIAL', expired: false });
    if ((identityRolls[1] as number) < shares.LOW) identities.push({ assurance: 'LOW', expired: false });
  }
  const events: CommitmentEvent[] = [];
  for (let k = 0; k < BOUGHT_EVENTS; k++) {
    const ageDays = random() * BOUGHT_WITHIN_DAYS;
    if (level >= 4) events.push({ kind: 'COMMITMENT_FULFILLED', ageDays });
  }
  return { identities, accountAgeDays, events };
}

/** Shares of SUBSTANTIAL and LOW identities among the world's honest accounts (what "like honest users" copies). */
function honestShares(world: HonestWorld): { SUBSTANTIAL: number; LOW: number } {
  let substantial = 0;
  let low = 0;
  for (const profile of world.profiles) {
    if (profile.identities.some((identity) => identity.assurance === 'SUBSTANTIAL')) substantial++;
    if (profile.identities.some((identity) => identity.assurance === 'LOW')) low++;
  }
  return { SUBSTANTIAL: substantial / world.userCount, LOW: low / world.userCount };
}

/** g distinct honest accounts that have rated or endorsed someone and are not designated anchors (seeded draw). */
function attackSources(world: HonestWorld, g: number, seed: number): number[] {
  const isAnchor = new Uint8Array(world.userCount);
  for (const anchor of world.operatorAnchors) isAnchor[anchor] = 1;
  const active = new Uint8Array(world.userCount);
  for (const rater of world.ratings.src) active[rater] = 1;
  for (const endorser of world.endorsements.src) active[endorser] = 1;
  const candidates = Array.from({ length: world.userCount }, (_, user) => user).filter(
    (user) => active[user] === 1 && isAnchor[user] === 0,
  );
  const random = rng(seed);
  for (let k = 0; k < g; k++) {
    const pick = k + Math.floor(random() * (candidates.length - k));
    const chosen = candidates[pick] as number;
    candidates[pick] = candidates[k] as number;
    candidates[k] = chosen;
  }
  return candidates.slice(0, g);
}

interface Attacked {
  computation: TrustComputation;
  profiles: UserProfile[];
  isSybil: Uint8Array;
  anchorCount: number;
}

/**
 * The world plus the ring: RING_SIZE sybils after the honest accounts, each rating +10 and endorsing (strength 5)
 * the next SYBIL_RING_DEGREE; g honest accounts rate +10 and endorse the target, member 0.
 */
export function attackWorld(world: HonestWorld, scenario: Scenario, g: number, seed: number): Attacked {
  const honest = world.userCount;
  const n = honest + RING_SIZE;
  const ratingSrc = Array.from(world.ratings.src);
  const ratingDst = Array.from(world.ratings.dst);
  const ratingValue = Array.from(world.ratings.rating);
  const endorseSrc = Array.from(world.endorsements.src);
  const endorseDst = Array.from(world.endorsements.dst);
  const strength = Array.from(world.endorsements.strength);
  const link = (from: number, to: number): void => {
    ratingSrc.push(from);
    ratingDst.push(to);
    ratingValue.push(10);
    endorseSrc.push(from);
    endorseDst.push(to);
    strength.push(5);
  };
  for (let s = 0; s < RING_SIZE; s++) {
    for (let step = 1; step <= SYBIL_RING_DEGREE; step++) link(honest + s, honest + ((s + step) % RING_SIZE));
  }
  for (const source of attackSources(world, g, seed)) link(source, honest);
  // The ring's profiles depend on the scenario only (the same draws in every scenario and attack).
  const random = rng(seed ^ 0x5eed);
  const shares = honestShares(world);
  const profiles = [
    ...world.profiles,
    ...Array.from({ length: RING_SIZE }, (_, member) =>
      sybilProfile(scenario, member, random, world, shares),
    ),
  ];
  const anchors = anchorsOf(world.operatorAnchors, profiles);
  const computation = computeAll({
    userCount: n,
    profiles,
    ratings: {
      src: Int32Array.from(ratingSrc),
      dst: Int32Array.from(ratingDst),
      rating: Float64Array.from(ratingValue),
    },
    endorsements: {
      src: Int32Array.from(endorseSrc),
      dst: Int32Array.from(endorseDst),
      strength: Float64Array.from(strength),
    },
    anchors,
  });
  const isSybil = new Uint8Array(n);
  isSybil.fill(1, honest);
  return { computation, profiles, isSybil, anchorCount: anchors.length };
}

export interface ScenarioRun {
  world: string;
  scenario: Scenario;
  attackEdges: number;
  anchors: number;
  /** AUC of the composite score (honest above sybil), lowest and mean over SCENARIO_ATTACK_SEEDS. */
  aucMin: number;
  aucMean: number;
  /** AUC of the graph dimensions alone: everyone re-scored with no identities, age 0 and no events. */
  graphOnlyAucMin: number;
  graphOnlyAucMean: number;
  honestMeanScore: number;
  sybilMeanScore: number;
  sybilMaxScore: number;
  targetScore: number;
  /**
   * Ring members without a HIGH identity: score minus the score their own identities, age and events give with
   * no ratings, endorsements or network trust (what the ring and its attack edges add). Mean and max, first seed.
   */
  unverifiedLiftMean: number;
  unverifiedLiftMax: number;
  /** Their mean score minus the brand-new user's (BASELINE_SCORE). */
  unverifiedMeanAboveBaseline: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function scenarioRuns(world: HonestWorld, attackEdges: readonly number[]): ScenarioRun[] {
  const runs: ScenarioRun[] = [];
  for (const scenario of SCENARIOS) {
    for (const g of attackEdges) {
      const aucs: number[] = [];
      const graphAucs: number[] = [];
      let first: Attacked | undefined;
      for (const seed of SCENARIO_ATTACK_SEEDS) {
        const attacked = attackWorld(world, scenario, g, seed);
        first ??= attacked;
        const { computation, isSybil } = attacked;
        aucs.push(
          separationAuc(
            computation.scores.map((score) => score.value),
            isSybil,
          ),
        );
        graphAucs.push(
          separationAuc(
            computation.evidence.map(
              (user) => scoreUser({ ...user, identities: [], accountAgeDays: 0, events: [] }).value,
            ),
            isSybil,
          ),
        );
      }
      const { computation, profiles, anchorCount } = first as Attacked;
      const honest = world.userCount;
      const scores = computation.scores.map((score) => score.value);
      const lifts: number[] = [];
      const unverifiedScores: number[] = [];
      for (let user = honest; user < scores.length; user++) {
        const profile = profiles[user] as UserProfile;
        if (profile.identities.some((identity) => identity.assurance === 'HIGH')) continue;
        const own = scoreUser({ ...newUserEvidence(scores.length), ...profile }).value;
        lifts.push((scores[user] as number) - own);
        unverifiedScores.push(scores[user] as number);
      }
      const sybilScores = scores.slice(honest);
      runs.push({
        world: world.name,
        scenario,
        attackEdges: g,
        anchors: anchorCount,
        aucMin: Math.min(...aucs),
        aucMean: mean(aucs),
        graphOnlyAucMin: Math.min(...graphAucs),
        graphOnlyAucMean: mean(graphAucs),
        honestMeanScore: mean(scores.slice(0, honest)),
        sybilMeanScore: mean(sybilScores),
        sybilMaxScore: Math.max(...sybilScores),
        targetScore: scores[honest] as number,
        unverifiedLiftMean: mean(lifts),
        unverifiedLiftMax: Math.max(...lifts),
        unverifiedMeanAboveBaseline: mean(unverifiedScores) - BASELINE_SCORE,
      });
    }
  }
  return runs;
}

const fixed = (value: number, digits = 3): string => value.toFixed(digits);

/** One markdown table per world: a row per scenario, AUC / graph-only AUC / unverified lift per g. */
export function scenarioMarkdown(runs: readonly ScenarioRun[], attackEdges: readonly number[]): string[] {
  const lines: string[] = [];
  for (const world of [...new Set(runs.map((run) => run.world))]) {
    const ofWorld = runs.filter((run) => run.world === world);
    lines.push(
      `### ${world}`,
      '',
      `| scenario | anchors | AUC g = ${attackEdges.join(' / ')} | graph-only AUC | unverified ring lift mean (max) | sybil mean / max | honest mean |`,
      '|---|---|---|---|---|---|---|',
    );
    for (const scenario of SCENARIOS) {
      const row = attackEdges.map(
        (g) => ofWorld.find((run) => run.scenario === scenario && run.attackEdges === g) as ScenarioRun,
      );
      lines.push(
        `| ${SCENARIO_LABELS[scenario]} | ${row.map((run) => run.anchors).join(' / ')} | ` +
          `${row.map((run) => fixed(run.aucMin)).join(' / ')} | ` +
          `${row.map((run) => fixed(run.graphOnlyAucMin)).join(' / ')} | ` +
          `${row.map((run) => `${fixed(run.unverifiedLiftMean, 1)} (${fixed(run.unverifiedLiftMax, 0)})`).join(' / ')} | ` +
          `${row.map((run) => `${fixed(run.sybilMeanScore, 0)}/${run.sybilMaxScore}`).join(' ; ')} | ` +
          `${fixed((row[0] as ScenarioRun).honestMeanScore, 0)} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

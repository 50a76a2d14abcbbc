/**
 * The honest worlds the scenario evaluation attacks (eval/scenarios.ts): Bitcoin OTC as published, and a
 * synthetic graph of communities. Both get the same seeded distribution of identities and commitment events for
 * their honest accounts (OTC has none of its own), so a sybil "with identities like honest users" has something
 * to be like. The operator's anchors follow the anchor policy (docs/trust-model.md): a few reviewed,
 * long-standing honest accounts, never derived from identities.
 */
import {
  accountAgeDaysFromTimeline,
  DEFAULT_ANCHOR_COUNT,
  selectAnchorsByEarlyPositiveRatings,
  type CommitmentEvent,
  type IdentityEvidence,
  type UserProfile,
} from '../src/trust/engine/index.js';
import { rng } from '../seed/synthetic.js';
import type { SignedNetwork } from './data.js';

export interface HonestWorld {
  name: string;
  userCount: number;
  ratings: { src: Int32Array; dst: Int32Array; rating: Float64Array };
  endorsements: { src: Int32Array; dst: Int32Array; strength: Float64Array };
  /** Identities, account age at the world's clock, events. */
  profiles: UserProfile[];
  /** The accounts an operator designated as anchors (setAnchor), by the anchor policy. */
  operatorAnchors: Int32Array;
  /** How operatorAnchors were chosen, for the report. */
  anchorRule: string;
}

/**
 * Shares of honest accounts holding a current identity of each level (independent draws, so some hold two).
 * HIGH is the rarest: a government eID with in-person or chip verification.
 */
export const HONEST_IDENTITY_SHARE = { HIGH: 0.1, SUBSTANTIAL: 0.25, LOW: 0.4 } as const;
/** Share of honest accounts with commitment events, and their outcome mix. */
export const HONEST_EVENT_SHARE = 0.3;
const HONEST_OUTCOMES = { fulfilled: 0.85, late: 0.12 } as const; // the rest default

/** An honest account's identities and events: seeded draws from the shares above, events spread over its age. */
export function honestProfile(random: () => number, accountAgeDays: number): UserProfile {
  const identities: IdentityEvidence[] = [];
  for (const level of ['HIGH', 'SUBSTANTIAL', 'LOW'] as const) {
    if (random() < HONEST_IDENTITY_SHARE[level]) identities.push({ assurance: level, expired: false });
  }
  const events: CommitmentEvent[] = [];
  if (random() < HONEST_EVENT_SHARE) {
    const count = 1 + Math.floor(random() * 6);
    for (let k = 0; k < count; k++) {
      const roll = random();
      events.push({
        kind:
          roll < HONEST_OUTCOMES.fulfilled
            ? 'COMMITMENT_FULFILLED'
            : roll < HONEST_OUTCOMES.fulfilled + HONEST_OUTCOMES.late
              ? 'COMMITMENT_LATE'
              : 'COMMITMENT_DEFAULTED',
        ageDays: random() * accountAgeDays,
      });
    }
  }
  return { identities, accountAgeDays, events };
}

/**
 * Bitcoin OTC at its own clock (ages from the first rating given or received to the last rating of the data).
 * Anchors: the importer's data-only rule (the accounts most rated positively by distinct raters in the first 20%
 * of the timeline), the stand-in for an operator's review when nobody has a verified identity.
 */
export function bitcoinOtcWorld(data: SignedNetwork, seed: number): HonestWorld {
  const ages = accountAgeDaysFromTimeline(data.src, data.dst, data.time, data.userCount);
  const random = rng(seed);
  return {
    name: 'Bitcoin OTC',
    userCount: data.userCount,
    ratings: { src: data.src, dst: data.dst, rating: data.rating },
    endorsements: { src: new Int32Array(0), dst: new Int32Array(0), strength: new Float64Array(0) },
    profiles: Array.from(ages, (age) => honestProfile(random, age)),
    operatorAnchors: selectAnchorsByEarlyPositiveRatings(
      data.src,
      data.dst,
      data.rating,
      data.time,
      data.userCount,
      DEFAULT_ANCHOR_COUNT,
    ),
    anchorRule: `the importer's rule: the ${DEFAULT_ANCHOR_COUNT} accounts with the most positive ratings from distinct raters in the first 20% of the timeline`,
  };
}

export interface CommunityOptions {
  communities: number;
  communitySize: number;
  /** Distinct accounts of their own community each account vouches for or rates. */
  insideDegree: number;
  /** Probability that an account also vouches for or rates one account of another community. */
  bridgeProbability: number;
  seed: number;
}

const DAYS_OF_HISTORY = 3 * 365;

/**
 * A synthetic network of communities: each account endorses (40%) or rates (60%, mostly positive, as in OTC)
 * `insideDegree` members of its own community, and with `bridgeProbability` one account elsewhere. Accounts
 * joined uniformly over three years before the clock. The operator anchors one reviewed account per community:
 * the member vouched for or rated positively by the most distinct members.
 */
export function communityWorld(options: CommunityOptions): HonestWorld {
  const { communities, communitySize, insideDegree, bridgeProbability } = options;
  const n = communities * communitySize;
  const random = rng(options.seed);
  const int = (k: number) => Math.floor(random() * k);
  const ratingSrc: number[] = [];
  const ratingDst: number[] = [];
  const ratingValue: number[] = [];
  const endorseSrc: number[] = [];
  const endorseDst: number[] = [];
  const endorseStrength: number[] = [];
  const positiveFrom = Array.from({ length: n }, () => new Set<number>());
  const relate = (from: number, to: number): void => {
    if (random() < 0.4) {
      endorseSrc.push(from);
      endorseDst.push(to);
      endorseStrength.push(1 + int(5));
      positiveFrom[to]?.add(from);
      return;
    }
    const positive = random() < 0.88;
    const magnitude = positive ? 1 + Math.min(9, Math.floor(-Math.log(1 - random()) * 2)) : 1 + int(10);
    ratingSrc.push(from);
    ratingDst.push(to);
    ratingValue.push(positive ? magnitude : -magnitude);
    if (positive) positiveFrom[to]?.add(from);
  };
  for (let u = 0; u < n; u++) {
    const community = Math.floor(u / communitySize);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(insideDegree, communitySize - 1)) {
      const v = community * communitySize + int(communitySize);
      if (v !== u) chosen.add(v);
    }
    for (const v of chosen) relate(u, v);
    if (communities > 1 && random() < bridgeProbability) {
      const other = (community + 1 + int(communities - 1)) % communities;
      relate(u, other * communitySize + int(communitySize));
    }
  }
  const profiles = Array.from({ length: n }, () => honestProfile(random, random() * DAYS_OF_HISTORY));
  const anchors: number[] = [];
  for (let c = 0; c < communities; c++) {
    let best = c * communitySize;
    for (let u = best + 1; u < (c + 1) * communitySize; u++) {
      if ((positiveFrom[u]?.size ?? 0) > (positiveFrom[best]?.size ?? 0)) best = u;
    }
    anchors.push(best);
  }
  return {
    name: `synthetic communities (${communities} × ${communitySize})`,
    userCount: n,
    ratings: {
      src: Int32Array.from(ratingSrc),
      dst: Int32Array.from(ratingDst),
      rating: Float64Array.from(ratingValue),
    },
    endorsements: {
      src: Int32Array.from(endorseSrc),
      dst: Int32Array.from(endorseDst),
      strength: Float64Array.from(endorseStrength),
    },
    profiles,
    operatorAnchors: Int32Array.from(anchors),
    anchorRule:
      'one per community: the member vouched for or rated positively by the most distinct members (as an operator reviewing well-known accounts would)',
  };
}

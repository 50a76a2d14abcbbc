import type { Assurance, Dimension, UserEvidence } from './model.js';
import { scoreUser } from './score.js';

export type ImprovementAction =
  | 'VERIFY_HIGH_ASSURANCE_IDENTITY'
  | 'VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY'
  | 'VERIFY_LOW_ASSURANCE_IDENTITY'
  | 'RENEW_EXPIRED_IDENTITY'
  | 'RESOLVE_DEFAULT';

/** Every action improvementsFor can suggest; each is carried out through the API (src/trust/model.ts). */
export const IMPROVEMENT_ACTIONS: readonly ImprovementAction[] = [
  'VERIFY_HIGH_ASSURANCE_IDENTITY',
  'VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY',
  'VERIFY_LOW_ASSURANCE_IDENTITY',
  'RENEW_EXPIRED_IDENTITY',
  'RESOLVE_DEFAULT',
];

export interface Improvement {
  action: ImprovementAction;
  /** Exact points the score would gain: the model re-run on the evidence after the action. */
  gain: number;
  summary: string;
  /** The dimension whose evidence the action changes, and that dimension's value after it (0..1). */
  dimension: Dimension;
  dimensionValue: number;
  /** The evidence after the action (what the gain was computed on). */
  apply: (evidence: UserEvidence) => UserEvidence;
}

interface Candidate {
  action: ImprovementAction;
  summary: string;
  apply: (evidence: UserEvidence) => UserEvidence;
}

/**
 * Identities count in IDENTITY only (never in NETWORK: anchors are an admin's decision), so a verification's gain
 * is exact at the next full computation too; settling a default changes HISTORY.
 */
const ACTION_DIMENSION: Readonly<Record<ImprovementAction, Dimension>> = {
  VERIFY_HIGH_ASSURANCE_IDENTITY: 'IDENTITY',
  VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY: 'IDENTITY',
  VERIFY_LOW_ASSURANCE_IDENTITY: 'IDENTITY',
  RENEW_EXPIRED_IDENTITY: 'IDENTITY',
  RESOLVE_DEFAULT: 'HISTORY',
};

const VERIFY_ACTIONS: Readonly<Record<Assurance, ImprovementAction>> = {
  HIGH: 'VERIFY_HIGH_ASSURANCE_IDENTITY',
  SUBSTANTIAL: 'VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY',
  LOW: 'VERIFY_LOW_ASSURANCE_IDENTITY',
};
const ASSURANCES: readonly Assurance[] = ['HIGH', 'SUBSTANTIAL', 'LOW'];

function candidates(evidence: UserEvidence): Candidate[] {
  const list: Candidate[] = ASSURANCES.map((assurance) => ({
    action: VERIFY_ACTIONS[assurance],
    summary: `Verify a ${assurance.toLowerCase()}-assurance identity`,
    apply: (before: UserEvidence) => ({
      ...before,
      identities: [...before.identities, { assurance, expired: false }],
    }),
  }));
  // Renewing the highest-assurance expired identity is worth the most of the renewals.
  for (const assurance of ASSURANCES) {
    const index = evidence.identities.findIndex(
      (identity) => identity.expired && identity.assurance === assurance,
    );
    if (index >= 0) {
      list.push({
        action: 'RENEW_EXPIRED_IDENTITY',
        summary: `Renew your expired ${assurance.toLowerCase()}-assurance identity`,
        apply: (before: UserEvidence) => ({
          ...before,
          identities: before.identities.map((identity, at) =>
            at === index ? { ...identity, expired: false } : identity,
          ),
        }),
      });
      break;
    }
  }
  // The most recent unresolved default weighs the most, so resolving it gains the most.
  let mostRecentDefault = -1;
  evidence.events.forEach((event, index) => {
    if (event.kind !== 'COMMITMENT_DEFAULTED' || event.resolved === true) return;
    const best = mostRecentDefault >= 0 ? evidence.events[mostRecentDefault] : undefined;
    if (best === undefined || event.ageDays < best.ageDays) mostRecentDefault = index;
  });
  if (mostRecentDefault >= 0) {
    list.push({
      action: 'RESOLVE_DEFAULT',
      summary:
        'Settle your most recent unresolved default with the partner that reported it; once it records the ' +
        'settlement, the default counts as a late commitment',
      apply: (before: UserEvidence) => ({
        ...before,
        events: before.events.map((event, at) =>
          at === mostRecentDefault ? { ...event, resolved: true } : event,
        ),
      }),
    });
  }
  return list;
}

/**
 * Actions the user can take themselves, each with the exact gain of re-scoring the evidence
 * after the action, largest gain first; actions that gain nothing are left out. Network and
 * reputation actions (making friends, seeking endorsements) are never suggested.
 */
export function improvementsFor(evidence: UserEvidence): Improvement[] {
  const current = scoreUser(evidence).value;
  return candidates(evidence)
    .map((candidate) => {
      const after = scoreUser(candidate.apply(evidence));
      const dimension = ACTION_DIMENSION[candidate.action];
      return {
        ...candidate,
        gain: after.value - current,
        dimension,
        dimensionValue: after.dimensions.find((d) => d.dimension === dimension)!.value,
      };
    })
    .filter((improvement) => improvement.gain > 0)
    .sort((a, b) => b.gain - a.gain);
}

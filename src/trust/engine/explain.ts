import type { NetworkShare } from './eigentrust.js';
import type { TrustScore } from './score.js';

/**
 * Integers that sum exactly to `total` and stay as close as possible to `parts`: every part is
 * floored, then the missing units go to the largest fractional remainders (ties: lower index
 * first), so the allocation is deterministic. When the floors overshoot (total below their sum),
 * units are taken from the smallest remainders.
 */
export function largestRemainder(parts: readonly number[], total: number): number[] {
  if (!Number.isInteger(total)) throw new RangeError(`total must be an integer, got ${total}`);
  const allocation = parts.map((part) => Math.floor(part));
  if (parts.length === 0) {
    if (total !== 0) throw new RangeError(`cannot allocate ${total} over no parts`);
    return allocation;
  }
  let missing = total - allocation.reduce((sum, value) => sum + value, 0);
  const order = parts
    .map((part, index) => ({ index, remainder: part - Math.floor(part) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let cursor = 0;
  while (missing > 0) {
    const slot = order[cursor % order.length] as { index: number };
    allocation[slot.index]! += 1;
    missing--;
    cursor++;
  }
  cursor = order.length - 1;
  while (missing < 0) {
    const slot = order[((cursor % order.length) + order.length) % order.length] as { index: number };
    allocation[slot.index]! -= 1;
    missing++;
    cursor--;
  }
  return allocation;
}

export interface NetworkContributor {
  /** Index of the in-neighbour, or null for the restart to the anchors (the account is an anchor). */
  contributor: number | null;
  /** Fraction of t_j from this contributor. */
  share: number;
  /** Integer points: the user contributors sum to NETWORK_ENDORSED_BY_TRUSTED, the restart to NETWORK_ANCHOR. */
  points: number;
}

/**
 * Splits a score's NETWORK points over the terms of t_j (see networkShares): the
 * NETWORK_ENDORSED_BY_TRUSTED points over the in-neighbours in proportion to their shares and
 * the NETWORK_ANCHOR points to the restart term, each by largest remainder, so the
 * contributors' points sum exactly to the NETWORK dimension's points. Largest shares first.
 */
export function networkContributors(
  score: TrustScore,
  shares: readonly NetworkShare[],
): NetworkContributor[] {
  const pointsOf = (code: string): number =>
    score.reasons.filter((reason) => reason.code === code).reduce((sum, reason) => sum + reason.points, 0);
  const endorsedPoints = pointsOf('NETWORK_ENDORSED_BY_TRUSTED');
  const anchorPoints = pointsOf('NETWORK_ANCHOR');

  const users = shares.filter((share) => share.contributor !== null);
  const restart = shares.find((share) => share.contributor === null);
  const userShareTotal = users.reduce((sum, share) => sum + share.share, 0);
  const contributors: NetworkContributor[] = [];
  if (users.length > 0) {
    const userPoints = largestRemainder(
      users.map((share) => (userShareTotal > 0 ? (endorsedPoints * share.share) / userShareTotal : 0)),
      endorsedPoints,
    );
    users.forEach((share, index) =>
      contributors.push({
        contributor: share.contributor,
        share: share.share,
        points: userPoints[index] as number,
      }),
    );
  } else if (endorsedPoints !== 0) {
    throw new RangeError('NETWORK_ENDORSED_BY_TRUSTED points without in-neighbour shares');
  }
  if (restart !== undefined)
    contributors.push({ contributor: null, share: restart.share, points: anchorPoints });
  else if (anchorPoints !== 0) throw new RangeError('NETWORK_ANCHOR points without a restart share');
  return contributors.sort(
    (a, b) =>
      b.share - a.share ||
      (a.contributor ?? Number.MAX_SAFE_INTEGER) - (b.contributor ?? Number.MAX_SAFE_INTEGER),
  );
}

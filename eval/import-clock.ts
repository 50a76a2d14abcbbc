/**
 * What the clock an imported network is scored at does to it (issue 11 §4): Bitcoin OTC as `npm run import` loads
 * it (no identities or events, the importer's anchors), scored with account ages counted to a wall clock years
 * after the data ends, and to the data's own clock (its last rating). The figure: how many accounts the network
 * itself judged bad (FxG goodness ≤ −0.5) still score at or above a brand-new user.
 */
import {
  accountAgeDaysFromTimeline,
  BASELINE_SCORE,
  computeAll,
  DEFAULT_ANCHOR_COUNT,
  selectAnchorsByEarlyPositiveRatings,
} from '../src/trust/engine/index.js';
import type { SignedNetwork } from './data.js';

/** The wall clock the importer used before it kept the dataset's clock (the month this was measured). */
export const WALL_CLOCK_SECONDS = Date.UTC(2026, 11, 1) / 1000;
export const BAD_GOODNESS = -0.5;

export interface ClockRun {
  clock: string;
  asOfSeconds: number;
  badAccounts: number;
  /** Of the bad accounts, the share scoring at or above BASELINE_SCORE. */
  badAtOrAboveBaseline: number;
  badMeanScore: number;
  meanAgePoints: number;
  /** Mean account-age and REPUTATION points of the bad accounts, and their median account age in days. */
  badMeanAgePoints: number;
  badMeanReputationPoints: number;
  badMedianAgeDays: number;
}

export function importClockRuns(data: SignedNetwork): ClockRun[] {
  const anchors = selectAnchorsByEarlyPositiveRatings(
    data.src,
    data.dst,
    data.rating,
    data.time,
    data.userCount,
    DEFAULT_ANCHOR_COUNT,
  );
  let last = -Infinity;
  for (const seconds of data.time) last = Math.max(last, seconds);
  const clocks: [string, number][] = [
    ['wall clock (2026-12-01)', WALL_CLOCK_SECONDS],
    ['the data’s clock (last rating)', last],
  ];
  return clocks.map(([clock, asOf]) => {
    const ages = accountAgeDaysFromTimeline(data.src, data.dst, data.time, data.userCount, asOf);
    const computation = computeAll({
      userCount: data.userCount,
      profiles: Array.from(ages, (accountAgeDays) => ({ identities: [], accountAgeDays, events: [] })),
      ratings: { src: data.src, dst: data.dst, rating: data.rating },
      endorsements: { src: new Int32Array(0), dst: new Int32Array(0), strength: new Float64Array(0) },
      anchors,
    });
    const bad: number[] = [];
    computation.goodness.forEach((goodness, user) => {
      if (computation.rated[user] === 1 && goodness <= BAD_GOODNESS) bad.push(user);
    });
    const badScores = bad.map((user) => computation.scores[user]?.value ?? 0);
    const agePoints = computation.scores.map(
      (score) => score.reasons.find((reason) => reason.code === 'IDENTITY_ACCOUNT_AGE')?.points ?? 0,
    );
    const reputationPoints = computation.scores.map(
      (score) => score.dimensions.find((dimension) => dimension.dimension === 'REPUTATION')?.points ?? 0,
    );
    const badAges = bad.map((user) => ages[user] as number).sort((a, b) => a - b);
    const badMean = (values: ArrayLike<number>): number =>
      bad.reduce((sum, user) => sum + (values[user] as number), 0) / bad.length;
    return {
      clock,
      asOfSeconds: asOf,
      badAccounts: bad.length,
      badAtOrAboveBaseline: badScores.filter((value) => value >= BASELINE_SCORE).length / bad.length,
      badMeanScore: badScores.reduce((sum, value) => sum + value, 0) / bad.length,
      meanAgePoints: agePoints.reduce((sum, value) => sum + value, 0) / agePoints.length,
      badMeanAgePoints: badMean(agePoints),
      badMeanReputationPoints: badMean(reputationPoints),
      badMedianAgeDays: badAges[Math.floor(badAges.length / 2)] ?? 0,
    };
  });
}

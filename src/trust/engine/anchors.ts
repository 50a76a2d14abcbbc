/**
 * The data-only anchor rule for imported networks, where nobody has a verified identity: the k
 * users with the most positive ratings from distinct raters in the earliest `window` fraction
 * of the timeline (by time span: ratings at or before first + window·(last − first)). Ties go to
 * the lower user index (callers index users in ascending order of their original ids).
 * Self-ratings do not count. Returns fewer than k users when fewer were rated positively early.
 */
export const ANCHOR_EARLY_WINDOW = 0.2;
export const DEFAULT_ANCHOR_COUNT = 20;

export function selectAnchorsByEarlyPositiveRatings(
  src: Int32Array,
  dst: Int32Array,
  rating: Float64Array,
  time: Float64Array,
  n: number,
  k: number = DEFAULT_ANCHOR_COUNT,
  window: number = ANCHOR_EARLY_WINDOW,
): Int32Array {
  const edgeCount = src.length;
  if (dst.length !== edgeCount || rating.length !== edgeCount || time.length !== edgeCount) {
    throw new RangeError('src, dst, rating and time differ in length');
  }
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  if (!(window >= 0 && window <= 1)) throw new RangeError(`window must be in [0, 1], got ${window}`);
  let first = Infinity;
  let last = -Infinity;
  for (let e = 0; e < edgeCount; e++) {
    const seconds = time[e] as number;
    if (!Number.isFinite(seconds)) throw new RangeError(`edge ${e} has a non-finite time`);
    // Stryker disable next-line EqualityOperator: on a tie both sides hold the same time
    if (seconds < first) first = seconds;
    // Stryker disable next-line EqualityOperator: on a tie both sides hold the same time
    if (seconds > last) last = seconds;
  }
  const cutoff = first + window * (last - first);
  const raters = new Map<number, Set<number>>();
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined, which passes the checks and is skipped as not positive
  for (let e = 0; e < edgeCount; e++) {
    const u = src[e] as number;
    const v = dst[e] as number;
    if (u < 0 || u >= n || v < 0 || v >= n)
      throw new RangeError(`edge ${e} (${u} -> ${v}) is outside 0..${n - 1}`);
    if ((time[e] as number) > cutoff || !((rating[e] as number) > 0) || u === v) continue;
    let set = raters.get(v);
    if (set === undefined) {
      set = new Set<number>();
      raters.set(v, set);
    }
    set.add(u);
  }
  const ranked = [...raters.entries()]
    .map(([user, set]) => ({ user, count: set.size }))
    .sort((a, b) => b.count - a.count || a.user - b.user);
  return Int32Array.from(ranked.slice(0, k), (entry) => entry.user);
}

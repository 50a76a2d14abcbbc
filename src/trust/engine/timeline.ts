const SECONDS_PER_DAY = 86_400;

/**
 * Account age for an imported network, where the only clock is the ratings' timestamps: days
 * from a user's first appearance (the first rating they gave or received) to `asOf` (default:
 * the last timestamp in the data). A user who never appears gets 0. The same rule applies to
 * every account, so an account created at time T has age (asOf − T)/86 400 s whoever made it.
 */
export function accountAgeDaysFromTimeline(
  src: Int32Array,
  dst: Int32Array,
  time: Float64Array,
  n: number,
  asOf?: number,
): Float64Array {
  if (dst.length !== src.length || time.length !== src.length) {
    throw new RangeError('src, dst and time differ in length');
  }
  const firstSeen = new Float64Array(n).fill(Infinity);
  let last = -Infinity;
  for (let e = 0; e < src.length; e++) {
    const seconds = time[e] as number;
    if (!Number.isFinite(seconds)) throw new RangeError(`edge ${e} has a non-finite time`);
    for (const user of [src[e] as number, dst[e] as number]) {
      if (user < 0 || user >= n) throw new RangeError(`edge ${e} has a user outside 0..${n - 1}`);
      // Stryker disable next-line EqualityOperator: on a tie both sides hold the same time
      if (seconds < (firstSeen[user] as number)) firstSeen[user] = seconds;
    }
    // Stryker disable next-line EqualityOperator: on a tie both sides hold the same time
    if (seconds > last) last = seconds;
  }
  const end = asOf ?? last;
  return Float64Array.from(firstSeen, (seconds) =>
    Number.isFinite(seconds) ? Math.max(0, (end - seconds) / SECONDS_PER_DAY) : 0,
  );
}

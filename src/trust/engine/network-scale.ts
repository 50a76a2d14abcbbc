/**
 * The scale of network trust: what an EigenTrust value t_j (the trust vector sums to 1) is measured against.
 *
 * The unit is the anchors' own trust mass, not the number of accounts: the restart gives each of the k anchors
 * 1/k of the trust, and t_j·k is j's trust in units of one anchor's share. Registering accounts that nobody
 * vouches for changes neither t_j (they receive no trust and hold none to give) nor k (anchors are an admin's
 * decision), so it cannot move anyone's NETWORK points; a network ten times as large with ten times as many anchors
 * and the same local structure gives the same points. REFERENCE_ACCOUNTS_PER_ANCHOR turns the unit into "the
 * average account of a community with that many accounts per anchor", so the constants below keep the meaning
 * they had as multiples of the average account (docs/trust-model.md, "The scale of NETWORK").
 *
 * Raw trust is what an incremental update keeps per user; these functions turn it into points at read time.
 */

/** The anchor policy's ratio (docs/trust-model.md): the scale assumes about one anchor per this many accounts. */
export const REFERENCE_ACCOUNTS_PER_ANCHOR = 100;

/** Trust relative to the reference account at which the NETWORK dimension is full. */
export const NETWORK_FULL_RELATIVE_TRUST = 20;

/**
 * A rater's standing is full at this multiple of the reference account's trust and linear below it. Five, not one:
 * a ring of fake accounts fed by a few attack edges reaches a sizeable fraction of an ordinary account's trust by
 * recirculating it, so "as trusted as an ordinary account" is too low a bar for a rating to count in full.
 */
export const RATER_FULL_STANDING_RELATIVE_TRUST = 5;

/** Points of a full NETWORK dimension: its weight (0.25) times the 600-point range. */
export const NETWORK_MAX_POINTS = 150;

/**
 * The trust of the reference account for k distinct anchors: one anchor's share 1/k spread over
 * REFERENCE_ACCOUNTS_PER_ANCHOR accounts. With no anchors nobody holds trust; the reference is then that of one.
 */
export function trustReference(anchorCount: number): number {
  if (!(Number.isInteger(anchorCount) && anchorCount >= 0)) {
    throw new RangeError(`anchorCount must be a non-negative integer, got ${anchorCount}`);
  }
  return 1 / (Math.max(1, anchorCount) * REFERENCE_ACCOUNTS_PER_ANCHOR);
}

/** t_j / reference: trust as a multiple of the reference account's (0 for negative or missing trust). */
export function relativeTrust(rawTrust: number, reference: number): number {
  if (!(reference > 0 && Number.isFinite(reference))) {
    throw new RangeError(`reference must be a positive finite number, got ${reference}`);
  }
  return Math.max(0, rawTrust) / reference;
}

/** NETWORK = min(1, ln(1 + t_j/reference) / ln(1 + 20)): monotone in t_j, full at 20× the reference account. */
export function networkValue(rawTrust: number, reference: number): number {
  return Math.min(
    1,
    Math.log1p(relativeTrust(rawTrust, reference)) / Math.log1p(NETWORK_FULL_RELATIVE_TRUST),
  );
}

/** The NETWORK dimension's unrounded points above a brand-new user (0..150). */
export function networkPoints(rawTrust: number, reference: number): number {
  return NETWORK_MAX_POINTS * networkValue(rawTrust, reference);
}

/** A rater's standing: min(1, (t/reference) / 5). */
export function raterStanding(rawTrust: number, reference: number): number {
  return Math.min(1, relativeTrust(rawTrust, reference) / RATER_FULL_STANDING_RELATIVE_TRUST);
}

import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/**
 * Threshold probing: a partner could learn a score by bisection, checking one person again and again while
 * moving a perk's threshold. Both halves are bounded: checks of the same person by the same partner (in memory
 * per gateway; use rate-limiter-flexible's Redis limiter behind several instances), and rule changes per perk
 * (stored on the perk, so they hold across instances and restarts).
 */
export const PROBING_LIMITS = {
  checksPerPersonPerDay: positiveInt('CREDENCE_CHECKS_PER_PERSON_PER_DAY', 20),
  ruleChangesPerPerkPerDay: positiveInt('CREDENCE_PERK_RULE_CHANGES_PER_DAY', 3),
};

const checks = new RateLimiterMemory({
  keyPrefix: 'eligibility',
  points: PROBING_LIMITS.checksPerPersonPerDay,
  duration: 24 * 60 * 60,
});

/** Takes one check of `userId` by `partnerId`; returns null when allowed, else seconds until the next one. */
export async function takeCheck(partnerId: string, userId: string): Promise<number | null> {
  try {
    await checks.consume(`${partnerId}\u0000${userId}`);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.ceil(rejection.msBeforeNext / 1000);
    throw rejection;
  }
}

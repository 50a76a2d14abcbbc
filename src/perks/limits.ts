import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { readEnvironment } from '../config.js';

const environment = readEnvironment();

/**
 * Limits on what a partner may ask (docs/privacy.md). The two that protect a person — checks of one person by one
 * partner per day, and the one-question-per-period budget (src/perks/disclosure.ts) — are counted from the
 * Inquiry nodes in Neo4j, so every gateway process shares them and a restart resets nothing. Rule changes per perk
 * are stored on the perk. The daily inquiry quota per partner and the cap on active perks protect the service.
 */
export const PROBING_LIMITS = {
  checksPerPersonPerDay: environment.CREDENCE_CHECKS_PER_PERSON_PER_DAY,
  ruleChangesPerPerkPerDay: environment.CREDENCE_PERK_RULE_CHANGES_PER_DAY,
  activePerksPerPartner: environment.CREDENCE_ACTIVE_PERKS_PER_PARTNER,
  inquiriesPerPartnerPerDay: environment.CREDENCE_INQUIRIES_PER_PARTNER_PER_DAY,
};

/*
 * The daily inquiry quota is per gateway process (N instances allow N× the quota): it bounds a partner's load on
 * the service, not what it learns about anyone, and counting it in Neo4j would serialise all of a partner's checks
 * on one counter.
 */
const inquiries = new RateLimiterMemory({
  keyPrefix: 'partner-inquiries',
  points: PROBING_LIMITS.inquiriesPerPartnerPerDay,
  duration: 24 * 60 * 60,
});

/** Takes `count` inquiries of the partner's daily quota; null when allowed, else seconds until there is room. */
export async function takeInquiries(partnerId: string, count: number): Promise<number | null> {
  if (count === 0) return null;
  try {
    await inquiries.consume(partnerId, count);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

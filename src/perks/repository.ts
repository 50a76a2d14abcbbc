import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/driver.js';
import {
  afterCondition,
  pageParams,
  toConnection,
  type Connection,
  type PageArgs,
} from '../db/pagination.js';
import {
  DIMENSION_PROPERTY,
  PERK_PROJECTION,
  type PartnerHistory,
  type PerkRow,
  type PerkRuleRow,
  type SubjectFacts,
} from './model.js';

/** The rule as node properties (one per dimension minimum; absent dimensions are null). */
function ruleProperties(rule: PerkRuleRow): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    minScore: rule.minScore,
    minIdentityAssurance: rule.minIdentityAssurance,
    maxOpenDefaults: rule.maxOpenDefaults,
    minAccountAgeDays: rule.minAccountAgeDays,
    noOpenDisputes: rule.noOpenDisputes,
  };
  for (const property of Object.values(DIMENSION_PROPERTY)) properties[property] = null;
  for (const { dimension, min } of rule.minDimensions) properties[DIMENSION_PROPERTY[dimension]] = min;
  return properties;
}

export async function perksByIds(db: Db, ids: readonly string[]): Promise<PerkRow[]> {
  const rows = await db.read<{ perk: PerkRow }>(
    `MATCH (partner:Partner)-[:OFFERS]->(perk:Perk) WHERE perk.id IN $ids RETURN ${PERK_PROJECTION} AS perk`,
    { ids },
  );
  return rows.map((r) => r.perk);
}

export async function perkById(tx: Tx, id: string): Promise<PerkRow | null> {
  const [row] = await tx.run<{ perk: PerkRow }>(
    `MATCH (partner:Partner)-[:OFFERS]->(perk:Perk {id: $id}) RETURN ${PERK_PROJECTION} AS perk`,
    { id },
  );
  return row?.perk ?? null;
}

/** The catalogue: perks not archived, oldest first. */
export async function perksPage(db: Db, page: PageArgs): Promise<Connection<PerkRow>> {
  const [row] = await db.read<{ perks: PerkRow[]; total: number }>(
    `RETURN COLLECT { MATCH (partner:Partner)-[:OFFERS]->(perk:Perk) WHERE perk.archivedAt IS NULL AND ${afterCondition('perk', page)}
                      WITH partner, perk ORDER BY perk.createdAt, perk.id LIMIT $limit
                      RETURN ${PERK_PROJECTION} } AS perks,
            COUNT { (perk:Perk) WHERE perk.archivedAt IS NULL } AS total`,
    pageParams(page),
  );
  return toConnection(row?.perks ?? [], page, row?.total ?? 0, (p) => ({ at: p.createdAt, id: p.id }));
}

/**
 * The number of the partner's active perks, after taking the partner's write lock (so concurrent creations
 * queue and cannot both take the last place); null when there is no such partner.
 */
export async function lockActivePerks(tx: Tx, partnerId: string): Promise<number | null> {
  const [row] = await tx.run<{ active: number }>(
    `MATCH (partner:Partner {id: $partnerId})
     SET partner.perksChangedAt = datetime()
     RETURN COUNT { (partner)-[:OFFERS]->(perk:Perk) WHERE perk.archivedAt IS NULL } AS active`,
    { partnerId },
  );
  return row?.active ?? null;
}

export async function createPerk(
  tx: Tx,
  input: { partnerId: string; name: string; description: string | null; rule: PerkRuleRow },
): Promise<PerkRow> {
  const [row] = await tx.run<{ perk: PerkRow }>(
    `MATCH (partner:Partner {id: $partnerId})
     CREATE (partner)-[:OFFERS]->(perk:Perk {id: $id, name: $name, description: $description, createdAt: datetime(),
                                             ruleChangedAt: []})
     SET perk += $rule
     RETURN ${PERK_PROJECTION} AS perk`,
    { ...input, rule: ruleProperties(input.rule), id: randomUUID() },
  );
  return row!.perk;
}

/**
 * Locks the perk (the SET takes its write lock, so concurrent updates queue) and returns it with the number
 * of rule changes in the last 24 hours, pruning older ones.
 */
export async function lockPerkForUpdate(
  tx: Tx,
  id: string,
): Promise<{ perk: PerkRow; changesToday: number; oldestChange: string | null } | null> {
  const [row] = await tx.run<{ perk: PerkRow; changesToday: number; oldestChange: string | null }>(
    `MATCH (partner:Partner)-[:OFFERS]->(perk:Perk {id: $id})
     SET perk.ruleChangedAt = [t IN coalesce(perk.ruleChangedAt, []) WHERE t > datetime() - duration('P1D')]
     RETURN ${PERK_PROJECTION} AS perk, size(perk.ruleChangedAt) AS changesToday,
            toString(perk.ruleChangedAt[0]) AS oldestChange`,
    { id },
  );
  return row ?? null;
}

export async function updatePerk(
  tx: Tx,
  input: { id: string; name: string; description: string | null; rule: PerkRuleRow | null },
): Promise<PerkRow> {
  const [row] = await tx.run<{ perk: PerkRow }>(
    `MATCH (partner:Partner)-[:OFFERS]->(perk:Perk {id: $id})
     SET perk.name = $name, perk.description = $description
     FOREACH (_ IN CASE WHEN $rule IS NULL THEN [] ELSE [1] END |
       SET perk += $rule, perk.ruleChangedAt = perk.ruleChangedAt + datetime())
     RETURN ${PERK_PROJECTION} AS perk`,
    { ...input, rule: input.rule ? ruleProperties(input.rule) : null },
  );
  return row!.perk;
}

export async function archivePerk(tx: Tx, id: string): Promise<PerkRow> {
  const [row] = await tx.run<{ perk: PerkRow }>(
    `MATCH (partner:Partner)-[:OFFERS]->(perk:Perk {id: $id})
     SET perk.archivedAt = coalesce(perk.archivedAt, datetime())
     RETURN ${PERK_PROJECTION} AS perk`,
    { id },
  );
  return row!.perk;
}

/**
 * Everything a rule is evaluated on about each person of `userIds` (any list expression), as a map per person:
 * the materialised trust properties (the trust engine's contract), unexpired identity assurances, open defaults
 * (not settled: a disputed default counts while under review, docs/privacy.md § 4) and open disputes; with `$partnerId`, also their consent to that partner
 * (a partner's check). Without it (null: the person's own view of their perks) no consent is found and
 * `consentActive` is false.
 */
function subjectFactsOf(userIds: string): string {
  return `UNWIND ${userIds} AS userId
     OPTIONAL MATCH (u:User {id: userId})
     OPTIONAL MATCH (u)-[c:CONSENTED_TO]->(:Partner {id: $partnerId})
     WITH userId, u, c,
          c IS NOT NULL AND c.revokedAt IS NULL AND (c.expiresAt IS NULL OR c.expiresAt > datetime()) AS consentActive
     RETURN {userId: userId, exists: u IS NOT NULL, consentActive: consentActive,
            consentScopes: CASE WHEN consentActive THEN c.scopes ELSE [] END,
            consentExpiresAt: toString(c.expiresAt),
            scoringConsent: coalesce(u.scoringConsent, false),
            scored: coalesce(u.scoringConsent, false) AND u.trustValue IS NOT NULL,
            trustValue: u.trustValue, trustBand: u.trustBand,
            dimensions: {IDENTITY: u.trustIdentity, HISTORY: u.trustHistory, REPUTATION: u.trustReputation,
                         NETWORK: u.trustNetwork},
            assurances: CASE WHEN u IS NULL THEN [] ELSE
              COLLECT { MATCH (u)-[:HAS_IDENTITY]->(i:Identity) WHERE i.expiresAt IS NULL OR i.expiresAt > datetime()
                        RETURN i.assurance } END,
            openDefaults: CASE WHEN u IS NULL THEN 0 ELSE
              COUNT { (u)-[:HAS_EVENT]->(e:Event {kind: 'COMMITMENT_DEFAULTED'})
                      WHERE NOT coalesce(e.resolved, false) } END,
            openDisputes: CASE WHEN u IS NULL THEN 0 ELSE
              COUNT { (u)-[:FILED]->(d:Dispute {status: 'OPEN'})
                      WHERE coalesce(d.openedAt, d.createdAt) + duration('P30D') > datetime() } END,
            accountAgeDays: CASE WHEN u IS NULL THEN null ELSE duration.inDays(u.createdAt, datetime()).days END
           } AS facts`;
}

/** The facts of many people (see subjectFactsOf), in one query. */
export async function subjectFacts(
  tx: Tx,
  partnerId: string | null,
  userIds: readonly string[],
): Promise<SubjectFacts[]> {
  const rows = await tx.run<{ facts: SubjectFacts }>(subjectFactsOf('$userIds'), { partnerId, userIds });
  return rows.map((r) => r.facts);
}

/**
 * The partner's inquiries about `userId`, by the (subjectId, at) index: the hint keeps the planner from scanning a
 * whole Inquiry index, which it otherwise chose inside these nested subqueries (20,000 rows read per check).
 */
const INQUIRIES_OF_SUBJECT = `MATCH (q:Inquiry) USING INDEX q:Inquiry(subjectId, at)
                                WHERE q.subjectId = userId AND q.partnerId = $partnerId`;

/**
 * A partner's check in one statement: whether the partner's key (by its hash) is still valid and allows checks,
 * the perk, and — only when all is in order (a valid key, the partner's own perk, not archived; otherwise none
 * are read and the caller refuses the check) — the facts of the people and what the partner already asked about
 * each (`PartnerHistory`, counted from the Inquiry nodes). It first takes the write lock of each person's consent
 * to the partner, so concurrent checks of one person by one partner queue and cannot both spend the last of a
 * budget.
 */
export async function perkAndSubjectFacts(
  tx: Tx,
  input: {
    partnerId: string;
    keyHash: string;
    perkId: string;
    userIds: readonly string[];
    periodDays: number;
  },
): Promise<{ keyValid: boolean; perk: PerkRow | null; facts: SubjectFacts[]; history: PartnerHistory[] }> {
  const [row] = await tx.run<{
    keyValid: boolean;
    perk: PerkRow | null;
    facts: SubjectFacts[];
    history: PartnerHistory[];
  }>(
    `OPTIONAL MATCH (partner:Partner)-[:OFFERS]->(perk:Perk {id: $perkId})
     WITH partner, perk,
          EXISTS { MATCH (key:Partner {keyHash: $keyHash})
                   WHERE key.id = $partnerId AND key.revokedAt IS NULL AND 'ELIGIBILITY_CHECK' IN key.scopes } AS keyValid
     WITH partner, perk, keyValid,
          CASE WHEN keyValid AND partner.id = $partnerId AND perk.archivedAt IS NULL THEN $userIds ELSE [] END AS ids
     CALL (ids) {
       UNWIND ids AS userId
       MATCH (:User {id: userId})-[c:CONSENTED_TO]->(:Partner {id: $partnerId})
       SET c.lastCheckedAt = datetime()
       RETURN count(c) AS locked
     }
     RETURN keyValid, CASE WHEN perk IS NULL THEN null ELSE ${PERK_PROJECTION} END AS perk,
            COLLECT { ${subjectFactsOf('ids')} } AS facts,
            COLLECT { UNWIND ids AS userId
                      WITH userId, datetime() - duration('P1D') AS dayAgo,
                           datetime() - duration({days: $periodDays}) AS periodAgo
                      RETURN {userId: userId,
                              answeredToday: COUNT { ${INQUIRIES_OF_SUBJECT} AND q.at > dayAgo AND q.limited IS NULL },
                              oldestAnsweredToday: toString(COLLECT {
                                ${INQUIRIES_OF_SUBJECT} AND q.at > dayAgo AND q.limited IS NULL
                                RETURN q.at ORDER BY q.at LIMIT 1 }[0]),
                              asked: [question IN COLLECT {
                                        ${INQUIRIES_OF_SUBJECT} AND q.at > periodAgo AND q.question IS NOT NULL
                                        RETURN DISTINCT q.question } |
                                      {question: question, lastAt: toString(COLLECT {
                                        ${INQUIRIES_OF_SUBJECT} AND q.at > periodAgo AND q.question = question
                                        RETURN q.at ORDER BY q.at DESC LIMIT 1 }[0])}]} } AS history`,
    input,
  );
  return {
    keyValid: row?.keyValid ?? false,
    perk: row?.perk ?? null,
    facts: row?.facts ?? [],
    history: row?.history ?? [],
  };
}

/** One partner's perks, archived ones too, oldest first (the partner's console). */
export async function perksOfPartner(db: Db, partnerId: string): Promise<PerkRow[]> {
  const rows = await db.read<{ perk: PerkRow }>(
    `MATCH (partner:Partner {id: $partnerId})-[:OFFERS]->(perk:Perk)
     WITH partner, perk ORDER BY perk.createdAt, perk.id
     RETURN ${PERK_PROJECTION} AS perk`,
    { partnerId },
  );
  return rows.map((r) => r.perk);
}

/** Every perk of the catalogue that is not archived, oldest first (what `User.perks` walks). */
export async function activePerks(db: Db): Promise<PerkRow[]> {
  const rows = await db.read<{ perk: PerkRow }>(
    `MATCH (partner:Partner)-[:OFFERS]->(perk:Perk) WHERE perk.archivedAt IS NULL
     WITH partner, perk ORDER BY perk.createdAt, perk.id
     RETURN ${PERK_PROJECTION} AS perk`,
  );
  return rows.map((r) => r.perk);
}

/**
 * One decision as logged: the partner's view (`reasons`), the person's (`unmet`), the question it answered (what
 * the question budget counts) and whether a limit refused it (`limited`: true, or null so that the property is
 * absent and the daily count skips nothing else).
 */
export interface InquiryToRecord {
  id: string;
  subjectId: string;
  decision: boolean;
  reasons: string[];
  unmet: string[];
  question: string | null;
  limited: true | null;
}

/** The audit of a check: one Inquiry per decision, in the decision's transaction. */
export async function recordInquiries(
  tx: Tx,
  input: {
    partnerId: string;
    perkId: string;
    at: string;
    decisions: InquiryToRecord[];
  },
): Promise<void> {
  await tx.run(
    `UNWIND $decisions AS d
     CREATE (:Inquiry {id: d.id, partnerId: $partnerId, perkId: $perkId, subjectId: d.subjectId,
                       decision: d.decision, reasons: d.reasons, unmet: d.unmet, question: d.question,
                       limited: d.limited, at: datetime($at)})`,
    input,
  );
}

import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Db, Tx } from '../db/driver.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { audit } from '../partners/repository.js';
import { userExists } from '../users/repository.js';
import type { Assurance } from '../identities/model.js';
import { id } from '../validation.js';
import { refreshUsers } from './compute.js';
import type { Loaders } from '../loaders.js';
import type { PerkRow } from '../perks/model.js';
import { perksOfPerson } from '../perks/standing.js';
import { BAND_FLOORS, SCORE_MAX, type Band, type ImprovementAction } from './engine/index.js';
import { withoutContributor, type StoredExplanation } from './model.js';
import * as repository from './repository.js';
import { trustUpdates } from '../observability/metrics.js';
import { captureLeaving, updateTrustGraph, type GraphChange } from './incremental.js';

/** What a write changed, so the affected users' scores follow at once (in the write's own transaction). */
export type TrustChange =
  | { kind: 'own-evidence'; userId: string } // identities, events, disputes of them: IDENTITY / HISTORY
  // REPUTATION now; NETWORK now when the rater is known (their row changed), FxG at the next full computation
  | { kind: 'rated'; targetId: string; raterId?: string }
  | { kind: 'vouch'; endorserId: string; endorseeId: string }; // NETWORK now

/**
 * Updates NETWORK incrementally (incremental.ts); before the first full computation, or while the graph is
 * stale, there is nothing to update and the people named are marked stale instead.
 */
async function updateNetwork(tx: Tx, change: GraphChange, otherwiseStale: readonly string[]): Promise<void> {
  const report = await updateTrustGraph(tx, change);
  if (report.skipped && otherwiseStale.length > 0) await repository.markStale(tx, otherwiseStale);
}

export async function afterWrite(tx: Tx, change: TrustChange): Promise<void> {
  trustUpdates.inc({ kind: change.kind });
  switch (change.kind) {
    case 'own-evidence':
      return refreshUsers(tx, [change.userId]);
    case 'rated':
      await refreshUsers(tx, [change.targetId]);
      if (change.raterId !== undefined)
        await updateNetwork(tx, { rows: [change.raterId] }, [change.targetId]);
      // FxG is global: fairness and goodness follow at the next full computation. Those whose REPUTATION uses a
      // fairness this rating moves (the rater's and the target's other raters') say stale until then.
      return repository.markStale(
        tx,
        await repository.fairnessNeighbourhood(tx, change.targetId, change.raterId),
      );
    case 'vouch':
      return updateNetwork(tx, { rows: [change.endorserId] }, [change.endorseeId]);
  }
}

/**
 * Before a user is erased: the people they rated lose those ratings (REPUTATION, refreshed by `afterErasure`),
 * and everyone they vouched for loses that vouch (NETWORK, at the next full computation).
 */
/**
 * Stored explanations (among `userIds`, or everyone's when null) stop naming `contributorId`: its share and
 * points move into OTHERS (`withoutContributor`), so the contributors still sum exactly to the NETWORK points.
 */
async function scrubContributor(
  tx: Tx,
  contributorId: string,
  userIds: readonly string[] | null,
): Promise<void> {
  const named = await repository.explanationsNaming(tx, contributorId, userIds);
  const scrubbed = named.flatMap(({ id, explanation }) => {
    const without = withoutContributor(explanation, contributorId);
    return without ? [{ id, explanation: without }] : [];
  });
  if (scrubbed.length > 0) await repository.replaceExplanations(tx, scrubbed);
}

export async function beforeErasure(tx: Tx, userId: string): Promise<() => Promise<void>> {
  const { rated, vouched } = await repository.vouchedFor(tx, userId);
  const leaving = await captureLeaving(tx, userId);
  return async () => {
    // From this transaction on, no stored explanation names the erased person (everyone's, not only those they
    // vouch for now: an endorsement revoked before may still be named until the next full computation).
    await scrubContributor(tx, userId, null);
    await refreshUsers(tx, rated);
    if (leaving) await updateNetwork(tx, { left: [leaving] }, vouched);
    else await repository.markStale(tx, vouched);
  };
}

/**
 * Opting in scores the person at once (NETWORK follows at the next full computation, which they are now part
 * of); opting out removes everything derived about them in the same transaction. Either way the people they
 * rated are refreshed and those they vouched for marked: their ratings and endorsements count only while they
 * are opted in.
 */
export async function setScoringConsent(db: Db, viewer: Viewer, enabled: boolean): Promise<string> {
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  await db.writeTx(async (tx) => {
    const { rated, vouched } = await repository.vouchedFor(tx, userId);
    const leaving = enabled ? null : await captureLeaving(tx, userId);
    const wasIn = await repository.scoringConsentOf(tx, userId);
    if (!(await repository.setScoringConsent(tx, userId, enabled))) throw notFound('User');
    // Those they vouched for stop naming them at once (their share joins OTHERS until the next full run).
    if (!enabled) await scrubContributor(tx, userId, vouched);
    await refreshUsers(tx, enabled ? [userId, ...rated] : rated);
    // Joining or leaving changes the graph (only when it is a change: opting in twice is nothing).
    if (enabled && !wasIn) await updateNetwork(tx, { joined: [userId] }, [userId, ...vouched]);
    else if (leaving) await updateNetwork(tx, { left: [leaving] }, vouched);
    else if (!enabled) await repository.markStale(tx, vouched);
  });
  return userId;
}

function adminId(viewer: Viewer): string {
  if (viewer.kind !== 'admin') throw forbidden('ADMIN_ONLY');
  return viewer.userId;
}

/**
 * Admin: recomputes one user now from the current graph (network weights from the last full computation).
 * Audited, like every admin action.
 */
export async function recomputeUser(db: Db, viewer: Viewer, userId: string): Promise<string> {
  const actorId = adminId(viewer);
  await db.writeTx(async (tx) => {
    if (!(await userExists(tx, id('userId', userId)))) throw notFound('User');
    await refreshUsers(tx, [userId]);
    await audit(tx, { actorId, action: 'TRUST_RECOMPUTED', targetId: userId });
  });
  return userId;
}

/** Admin: designates (or removes) a trust anchor; audited. */
export async function setAnchor(db: Db, viewer: Viewer, userId: string, anchor: boolean): Promise<string> {
  const actorId = adminId(viewer);
  await db.writeTx(async (tx) => {
    const outcome = await repository.setAnchor(tx, id('userId', userId), anchor);
    if (outcome === 'no-user') throw notFound('User');
    if (outcome === 'no-consent')
      throw badInput('userId', 'Only a person who opted in to scoring can be a trust anchor');
    await updateNetwork(tx, { anchor: { userId, anchor } }, [userId]);
    await audit(tx, { actorId, action: anchor ? 'ANCHOR_SET' : 'ANCHOR_REMOVED', targetId: userId });
  });
  return userId;
}

export interface ContributorView {
  kind: 'VOUCHER' | 'ANCHOR' | 'OTHERS';
  handle: string | null;
  anonymous: boolean;
  assurance: Assurance | null;
  share: number;
  points: number;
}

/**
 * The contributors as the user may see them: a voucher by handle only where they made their endorsement public,
 * otherwise anonymous with their identity assurance.
 */
export async function contributorsView(
  loaders: Loaders,
  userId: string,
  explanation: StoredExplanation,
): Promise<ContributorView[]> {
  const ids = explanation.contributors.flatMap((c) => (c.userId ? [c.userId] : []));
  const seenRows = await Promise.all(
    ids.map((contributorId) => loaders.contributorVisibility.load({ userId, contributorId })),
  );
  const visibility = new Map(seenRows.flatMap((row) => (row ? [[row.contributorId, row] as const] : [])));
  return explanation.contributors.map((c) => {
    if (c.others)
      return {
        kind: 'OTHERS',
        handle: null,
        anonymous: true,
        assurance: null,
        share: c.share,
        points: c.points,
      };
    if (c.userId === null)
      return {
        kind: 'ANCHOR',
        handle: null,
        anonymous: false,
        assurance: null,
        share: c.share,
        points: c.points,
      };
    const seen = visibility.get(c.userId);
    return {
      kind: 'VOUCHER',
      handle: seen?.public ? seen.handle : null,
      anonymous: !seen?.public,
      assurance: seen?.assurance ?? null,
      share: c.share,
      points: c.points,
    };
  });
}

export interface PathView {
  steps: { handle: string | null; anonymous: boolean; anchor: boolean }[];
}

/** Paths for the top three vouchers; a step is named only when its vouch onward is public (or it is the user). */
export async function pathsView(
  loaders: Loaders,
  userId: string,
  explanation: StoredExplanation,
): Promise<PathView[]> {
  const top = explanation.contributors
    .filter((c) => c.userId !== null && !c.others && c.points > 0)
    .slice(0, 3)
    .map((c) => c.userId!);
  const found = await Promise.all(
    top.map((contributorId) => loaders.trustPath.load({ userId, contributorId })),
  );
  const paths = found.flatMap((path) => (path ? [path.steps] : []));
  return paths.map((steps) => ({
    steps: steps.map((step) => {
      const visible = step.id === userId || step.publicVouch;
      return { handle: visible ? step.handle : null, anonymous: !visible, anchor: step.anchor };
    }),
  }));
}

/** Every band's score range, lowest first (from the model's band floors). */
export function bandRanges(): { band: Band; min: number; max: number }[] {
  const ascending = [...BAND_FLOORS].reverse();
  return ascending.map(({ band, floor }, index) => ({
    band,
    min: floor,
    max: (ascending[index + 1]?.floor ?? SCORE_MAX + 1) - 1,
  }));
}

/** The perks the person is not eligible for that this action alone would unlock (see PerkStanding.unlockedBy). */
export async function perksUnlockedBy(
  loaders: Loaders,
  userId: string,
  action: ImprovementAction,
): Promise<PerkRow[]> {
  const standings = await perksOfPerson(loaders, userId);
  return standings.filter((s) => !s.eligible && s.unlockedBy.includes(action)).map((s) => s.perk);
}

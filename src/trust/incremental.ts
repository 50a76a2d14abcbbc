/**
 * NETWORK kept fresh between full computations: each write that changes the trust graph updates EigenTrust by
 * local push (engine/incremental.ts) in the write's own transaction, and rescores the people whose trust moved.
 *
 * State (docs/trust-model.md, "Freshness"): on each person of a graph, the push estimate `trustQ` and residual
 * `trustR` (trust t ≈ a·q, kept as `trustRaw`), the row the state reflects `trustOut` (JSON [[id, weight], …])
 * and `trustReach` (Σ_u of (I − (1 − a)Pᵀ)⁻¹ over column j, from the last full computation); on the graph's
 * `(:TrustGraph {key})` node the totals: people n, anchors, Σ q over dangling people, Σ|r| (residual), the
 * largest residual anyone may hold (rmax), ε, a version bumped by every write, and `stale`. Writes to one graph
 * are serialised by that node's lock. The full recompute (scheduler) stays as a periodic correction: it sets
 * r = 0 everywhere, unless a write came in while it ran (then the incremental state, valid throughout, is kept).
 */
import neo4j from 'neo4j-driver';
import type { Tx } from '../db/driver.js';
import { EIGENTRUST_ALPHA, LocalPush, trustReference, type Row } from './engine/index.js';
import { refreshUsers } from './compute.js';
import { graphKey } from './model.js';

/** Residuals are pushed until below ε = PUSH_RELATIVE_EPSILON·reference/a: a thousandth of the reference account. */
export const PUSH_RELATIVE_EPSILON = 1e-3;
/** Work one write may do before it leaves the rest to the full recompute (reads then say stale). */
export const MAX_PUSHES_PER_WRITE = 20_000;
export const MAX_RESCORED_PER_WRITE = 2_000;
/** Database round trips for the push (each loads the next frontier); the residual left counts in the bound. */
export const MAX_PUSH_ROUNDS = 12;
/** Rescore someone only when their trust moved by more than this fraction of the average account's. */
const RESCORE_RELATIVE_CHANGE = 1e-4;

export interface GraphTotals {
  version: number;
  n: number;
  anchors: string[];
  danglingQ: number;
  residual: number;
  rmax: number;
  epsilon: number;
  stale: boolean;
}

/** What a write changed in the trust graph (the people are of the native graph). */
export interface GraphChange {
  /** People whose own endorsements or ratings changed. */
  rows?: readonly string[];
  /** People who joined scoring: they become nodes, and the rows naming them change. */
  joined?: readonly string[];
  /** People who left scoring or were erased: captured (captureLeaving) before the write removed them. */
  left?: readonly LeavingNode[];
  /** Anchor designations. */
  anchor?: { userId: string; anchor: boolean };
}

export interface LeavingNode {
  id: string;
  q: number;
  r: number;
  out: [string, number][] | null;
  anchor: boolean;
  /** Consenting people with an endorsement or rating of them (their rows change). */
  inNeighbours: string[];
}

export interface UpdateReport {
  skipped: boolean;
  pushes: number;
  rounds: number;
  loaded: number;
  rescored: number;
  /** The write hit a cap: the graph is stale until the next full computation. */
  capped: boolean;
}

/** u's trust statements as [target, weight] pairs (several per target possible: merged by positiveRow). */
const TRUST_STATEMENTS = `COLLECT {
    MATCH (u)-[e:ENDORSES|RATED]->(b:User)
    WHERE b <> u AND coalesce(b.scoringConsent, false)
      AND ((u.dataset IS NULL AND b.dataset IS NULL) OR b.dataset = u.dataset)
    RETURN [b.id, CASE WHEN type(e) = 'ENDORSES' THEN toFloat(e.strength) / 5.0 ELSE toFloat(e.rating) / 10.0 END] }`;

/** The row as the full computation builds it: per target the strongest statement, kept when positive. */
function positiveRow(statements: readonly [string, number][]): [string, number][] {
  const strongest = new Map<string, number>();
  for (const [id, w] of statements) strongest.set(id, Math.max(w, strongest.get(id) ?? -Infinity));
  return [...strongest].filter(([, w]) => w > 0);
}

/** Locks the graph for this transaction (bumping its version) and returns its totals; null before any full run. */
async function lockGraph(tx: Tx, key: string): Promise<GraphTotals | null> {
  const [row] = await tx.run<{ g: Omit<GraphTotals, 'anchors'> & { anchors: string } }>(
    `MATCH (g:TrustGraph {key: $key}) SET g.version = g.version + 1
     RETURN g {.version, .n, .anchors, .danglingQ, .residual, .rmax, .epsilon, .stale} AS g`,
    { key },
  );
  return row ? { ...row.g, anchors: JSON.parse(row.g.anchors) as string[] } : null;
}

/** Captures what a person leaving scoring contributes, before the write removes it. */
export async function captureLeaving(tx: Tx, userId: string): Promise<LeavingNode | null> {
  const [row] = await tx.run<LeavingNode & { consent: boolean; out: string | null }>(
    `MATCH (v:User {id: $userId}) WHERE v.dataset IS NULL
     RETURN v.id AS id, coalesce(v.scoringConsent, false) AS consent, coalesce(v.trustQ, 0.0) AS q,
            coalesce(v.trustR, 0.0) AS r, v.trustOut AS out, coalesce(v.anchor, false) AS anchor,
            COLLECT { MATCH (u:User)-[:ENDORSES|RATED]->(v) WHERE u <> v AND coalesce(u.scoringConsent, false)
                      RETURN DISTINCT u.id } AS inNeighbours`,
    { userId },
  );
  if (!row || !row.consent) return null;
  return { ...row, out: row.out === null ? null : (JSON.parse(row.out) as [string, number][]) };
}

interface NodeRow {
  id: string;
  consent: boolean;
  q: number;
  r: number;
  stored: string | null;
  current: [string, number][] | null;
  reach: number | null;
  dataset: string | null;
}

/**
 * Applies a change to the native graph's EigenTrust state and rescores whoever it moved, in the caller's
 * transaction. Before the first full computation (no TrustGraph) there is no state to update: it returns
 * skipped, and the caller marks the people it knows about as stale.
 */
export async function updateTrustGraph(tx: Tx, change: GraphChange, now = Date.now()): Promise<UpdateReport> {
  const report: UpdateReport = { skipped: true, pushes: 0, rounds: 0, loaded: 0, rescored: 0, capped: false };
  const key = graphKey(null);
  const graph = await lockGraph(tx, key);
  if (graph === null || graph.stale) return report;
  report.skipped = false;
  const alpha = EIGENTRUST_ALPHA;

  // The working set: ids ↔ local indices.
  const index = new Map<string, number>();
  const ids: string[] = [];
  const rowsSet = new Set<number>();
  const reach = new Map<number, number | null>();
  const state = new LocalPush({ alpha, epsilon: graph.epsilon }, [], graph.danglingQ);
  const local = (id: string): number => {
    let u = index.get(id);
    if (u === undefined) {
      u = state.addNode();
      index.set(id, u);
      ids.push(id);
    }
    return u;
  };
  const toRow = (entries: readonly [string, number][]): Row => {
    const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return {
      targets: Int32Array.from(sorted, ([id]) => local(id)),
      weights: Float64Array.from(sorted, ([, w]) => w),
    };
  };
  const sameRow = (a: readonly [string, number][], b: readonly [string, number][]) => {
    if (a.length !== b.length) return false;
    const weights = new Map(a);
    return b.every(([id, w]) => weights.get(id) === w);
  };
  // The anchors the stored state reflects (no residual change: they are the current truth).
  state.declareAnchors(graph.anchors.map((id) => local(id)));
  return applyChange(tx, state, {
    graph,
    change,
    ids,
    index,
    local,
    toRow,
    sameRow,
    rowsSet,
    reach,
    report,
    now,
  });
}

interface Working {
  graph: GraphTotals;
  change: GraphChange;
  ids: string[];
  index: Map<string, number>;
  local: (id: string) => number;
  toRow: (entries: readonly [string, number][]) => Row;
  sameRow: (a: readonly [string, number][], b: readonly [string, number][]) => boolean;
  rowsSet: Set<number>;
  reach: Map<number, number | null>;
  report: UpdateReport;
  now: number;
}

async function loadNodes(
  tx: Tx,
  ids: readonly string[],
  deltas: readonly number[],
  epsilon: number,
  currentRows: boolean,
): Promise<NodeRow[]> {
  const rows = await tx.run<NodeRow>(
    `UNWIND range(0, size($ids) - 1) AS k
     MATCH (u:User {id: $ids[k]})
     WITH u, $deltas[k] AS delta, coalesce(u.trustR, 0.0) AS r
     RETURN u.id AS id, coalesce(u.scoringConsent, false) AS consent, coalesce(u.trustQ, 0.0) AS q, r,
            u.trustOut AS stored, u.trustReach AS reach, u.dataset AS dataset,
            CASE WHEN $currentRows OR (u.trustOut IS NULL AND abs(r + delta) > $epsilon)
                 THEN ${TRUST_STATEMENTS} END AS current`,
    { ids, deltas, epsilon, currentRows },
  );
  return rows.map((row) => ({ ...row, current: row.current === null ? null : positiveRow(row.current) }));
}

async function applyChange(tx: Tx, state: LocalPush, w: Working): Promise<UpdateReport> {
  const { graph, change, local, toRow, report } = w;
  const joined = new Set(change.joined ?? []);
  const leaving = change.left ?? [];
  let anchors = new Set(graph.anchors);
  let n = graph.n;

  // Who must be loaded with their current rows: changed rows, joiners, and the in-neighbours of joiners/leavers.
  const reconcile = new Set<string>(change.rows ?? []);
  for (const id of joined) reconcile.add(id);
  if (joined.size > 0) {
    const rows = await tx.run<{ id: string }>(
      `UNWIND $joined AS id MATCH (u:User)-[:ENDORSES|RATED]->(:User {id: id})
       WHERE coalesce(u.scoringConsent, false) AND u.dataset IS NULL RETURN DISTINCT u.id AS id`,
      { joined: [...joined] },
    );
    for (const row of rows) reconcile.add(row.id);
  }
  for (const v of leaving) for (const id of v.inNeighbours) reconcile.add(id);
  if (change.anchor) reconcile.add(change.anchor.userId);
  for (const v of leaving) reconcile.delete(v.id);

  // 1. Anchors (an anchor leaving stops being one first).
  const nextAnchors = new Set(anchors);
  for (const v of leaving) nextAnchors.delete(v.id);
  if (change.anchor) {
    if (change.anchor.anchor) nextAnchors.add(change.anchor.userId);
    else nextAnchors.delete(change.anchor.userId);
  }
  const anchorsChanged = nextAnchors.size !== anchors.size || [...nextAnchors].some((id) => !anchors.has(id));

  // Load everyone named so far (leavers are not loaded: their state was captured).
  const first = [...reconcile];
  for (const id of first) local(id);
  for (const id of nextAnchors) local(id);
  for (const v of leaving) local(v.id);
  const loadedRows = await loadNodes(
    tx,
    first,
    first.map(() => 0),
    graph.epsilon,
    true,
  );
  // Only the native graph is updated incrementally: imported datasets change by import and full computation.
  if (loadedRows.some((row) => row.dataset !== null)) {
    report.skipped = true;
    return report;
  }
  const current = new Map<string, [string, number][]>();
  for (const row of loadedRows) {
    const u = local(row.id);
    state.load(u, row.q, row.r);
    w.reach.set(u, row.reach);
    const stored = row.stored === null ? null : (JSON.parse(row.stored) as [string, number][]);
    const now = row.consent ? (row.current ?? []) : [];
    current.set(row.id, now);
    // A person never pushed (q = 0) may take the current row as the one the state reflects.
    state.setRow(u, toRow(stored !== null && row.q !== 0 ? stored : now));
    w.rowsSet.add(u);
  }
  for (const v of leaving) {
    const u = local(v.id);
    state.load(u, v.q, v.r);
    state.setRow(u, toRow(v.out ?? []));
    n -= 1;
  }
  n += joined.size;

  if (anchorsChanged) {
    state.changeAnchors([...nextAnchors].map((id) => local(id)));
    anchors = nextAnchors;
  }
  for (const v of leaving) state.removeNode(local(v.id));
  for (const row of loadedRows) {
    const u = local(row.id);
    const next = current.get(row.id)!;
    const reflected = state.row(u)!;
    const reflectedEntries: [string, number][] = Array.from(reflected.targets, (t, i) => [
      w.ids[t]!,
      reflected.weights[i]!,
    ]);
    if (!w.sameRow(reflectedEntries, next)) state.changeRow(u, toRow(next));
  }

  // 2. Push, loading each next frontier in one statement, until nothing is above ε or a cap is reached.
  let pushesLeft = MAX_PUSHES_PER_WRITE;
  for (;;) {
    report.pushes += state.push(pushesLeft);
    pushesLeft = MAX_PUSHES_PER_WRITE - report.pushes;
    const needed = state.needed();
    const toLoad = needed.load.filter((u) => !state.isRemoved(u));
    if (
      (toLoad.length === 0 && needed.row.length === 0) ||
      pushesLeft <= 0 ||
      report.rounds >= MAX_PUSH_ROUNDS
    )
      break;
    report.rounds += 1;
    const loadIds = toLoad.map((u) => w.ids[u]!);
    const rowIds = needed.row.map((u) => w.ids[u]!);
    const rows = await loadNodes(
      tx,
      [...loadIds, ...rowIds],
      [...toLoad.map((u) => state.delta(u).r), ...needed.row.map((u) => state.delta(u).r)],
      graph.epsilon,
      false,
    );
    const loadSet = new Set(loadIds);
    for (const row of rows) {
      const u = local(row.id);
      if (loadSet.has(row.id) && !state.isLoaded(u)) {
        state.load(u, row.q, row.r);
        w.reach.set(u, row.reach);
      }
      if (!state.hasRow(u) && (row.stored !== null || row.current !== null)) {
        const stored = row.stored === null ? null : (JSON.parse(row.stored) as [string, number][]);
        state.setRow(u, toRow(stored !== null && row.q !== 0 ? stored : (row.current ?? [])));
        w.rowsSet.add(u);
      }
    }
    // People outside the graph (deleted meanwhile) hold nothing: load them as empty so the loop ends.
    for (const u of toLoad) if (!state.isLoaded(u)) state.load(u, 0, 0);
  }
  report.loaded = w.ids.length;
  report.capped = state.pushable() || state.needed().load.length > 0;

  // 3. Totals: Σ|r| and the largest residual anyone may now hold.
  let residual = graph.residual;
  let rmax = Math.max(graph.rmax, graph.epsilon);
  for (let u = 0; u < w.ids.length; u++) {
    if (state.isRemoved(u)) continue;
    const { r: dr } = state.delta(u);
    if (state.isLoaded(u)) {
      residual += Math.abs(state.r(u)) - Math.abs(state.r(u) - dr);
      rmax = Math.max(rmax, Math.abs(state.r(u)));
    } else {
      residual += Math.abs(dr);
      rmax = Math.max(rmax, graph.rmax + Math.abs(dr));
    }
  }
  for (const v of leaving) residual -= Math.abs(v.r);
  residual = Math.max(0, residual);

  // 4. Write the state back (additively for anyone not loaded).
  const alpha = state.alpha;
  const writes = [];
  for (let u = 0; u < w.ids.length; u++) {
    if (state.isRemoved(u)) continue;
    const d = state.delta(u);
    const row = w.rowsSet.has(u) ? state.row(u) : undefined;
    if (d.q === 0 && d.r === 0 && row === undefined) continue;
    writes.push({
      id: w.ids[u]!,
      dq: d.q,
      dr: d.r,
      out:
        row === undefined
          ? null
          : JSON.stringify(Array.from(row.targets, (t, i) => [w.ids[t]!, row.weights[i]!])),
      outTotal: row === undefined ? null : row.weights.reduce((sum, x) => sum + x, 0),
      anchor: anchors.has(w.ids[u]!),
    });
  }
  await tx.run(
    `UNWIND $writes AS row
     MATCH (u:User {id: row.id}) WHERE coalesce(u.scoringConsent, false)
     WITH u, row, coalesce(u.trustQ, 0.0) + row.dq AS q
     SET u.trustQ = q, u.trustR = coalesce(u.trustR, 0.0) + row.dr, u.trustRaw = $alpha * q,
         u.trustOut = coalesce(row.out, u.trustOut), u.trustOutTotal = coalesce(row.outTotal, u.trustOutTotal),
         u.trustIsAnchor = row.anchor`,
    { writes, alpha },
  );

  // 5. Rescore whoever moved (NETWORK), and those they rated when their standing moved (REPUTATION).
  const reference = trustReference(anchors.size);
  const moved: { id: string; change: number }[] = [];
  const raters: string[] = [];
  for (let u = 0; u < w.ids.length; u++) {
    if (state.isRemoved(u) || !state.isLoaded(u)) continue;
    // Trust in multiples of the reference account's (network-scale.ts).
    const before = (alpha * (state.q(u) - state.delta(u).q)) / reference;
    const after = (alpha * state.q(u)) / reference;
    const relative = Math.abs(after - before);
    if (relative > RESCORE_RELATIVE_CHANGE || joined.has(w.ids[u]!)) {
      moved.push({ id: w.ids[u]!, change: relative });
      // A rater's standing min(1, t·n/5) moves only below its cap.
      if (Math.min(before, after) < 5) raters.push(w.ids[u]!);
    }
  }
  let rescore: string[];
  if (anchorsChanged && n <= MAX_RESCORED_PER_WRITE) {
    // The anchors' count is everyone's scale (network-scale.ts): in a small graph everyone is rescored at once;
    // in a large one a read says stale where the changed scale moves the score by a point (scoreIsStale).
    const everyone = await tx.run<{ id: string }>(
      'MATCH (u:User) WHERE u.dataset IS NULL AND coalesce(u.scoringConsent, false) RETURN u.id AS id',
    );
    rescore = everyone.map((row) => row.id);
  } else {
    const ratees =
      raters.length === 0
        ? []
        : await tx.run<{ id: string }>(
            `UNWIND $raters AS id MATCH (:User {id: id})-[:RATED]->(t:User)
             WHERE coalesce(t.scoringConsent, false) RETURN DISTINCT t.id AS id`,
            { raters },
          );
    moved.sort((a, b) => b.change - a.change);
    rescore = [...new Set([...moved.map((m) => m.id), ...ratees.map((r) => r.id)])];
  }
  if (rescore.length > MAX_RESCORED_PER_WRITE) {
    rescore = rescore.slice(0, MAX_RESCORED_PER_WRITE);
    report.capped = true;
  }
  await tx.run(
    `MATCH (g:TrustGraph {key: $key})
     SET g.n = $n, g.anchors = $anchors, g.anchorCount = $anchorCount, g.danglingQ = $danglingQ, g.residual = $residual, g.rmax = $rmax,
         g.stale = $capped`,
    {
      key: graphKey(null),
      n: neo4j.int(n),
      // As JSON: the ids are data about people, kept as one string like every other stored property.
      anchors: JSON.stringify([...anchors]),
      anchorCount: neo4j.int(anchors.size),
      danglingQ: state.danglingQ,
      residual,
      rmax,
      capped: report.capped,
    },
  );
  if (rescore.length > 0) await refreshUsers(tx, rescore, w.now, n);
  report.rescored = rescore.length;
  return report;
}

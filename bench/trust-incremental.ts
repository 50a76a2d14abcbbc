/**
 * `npm run bench:trust:incremental [-- --sizes 100000:1000000,1000000:10000000] [--writes 2000]`: the cost of
 * keeping NETWORK fresh by local push (src/trust/engine/incremental.ts) against the full EigenTrust computation,
 * on the synthetic network of `npm run generate` (seed/synthetic.ts) at each size, in memory (the pure engine: no
 * Neo4j; the database side of a write is a bounded number of statements, asserted in
 * test/integration/trust-incremental.test.ts).
 *
 * Per size: the full computation (EigenTrust to 1e-10, and the reach the error bound needs), peak memory, then
 * random writes (a new or stronger endorsement or rating, or a withdrawn one: one row changes), each followed by
 * the push to ε; write-update time p50/p99/max, pushes per write. At the end the whole state is compared with a
 * full computation of the final graph: the largest NETWORK-point error of any person, and the share of people a
 * read would call stale (their error bound allows a point). Writes bench/results/trust-incremental-<time>.json/.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSynthetic, rng } from '../seed/synthetic.js';
import {
  EIGENTRUST_ALPHA,
  EIGENTRUST_TOLERANCE,
  eigenTrust,
  LocalPush,
  networkPoints,
  pushReach,
  trustErrorPoints,
  trustReference,
  type Csr,
  type Row,
} from '../src/trust/engine/index.js';
import { PUSH_RELATIVE_EPSILON, MAX_PUSHES_PER_WRITE } from '../src/trust/incremental.js';
import { STALE_POINTS } from '../src/trust/model.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000:1000000,1000000:10000000' },
    writes: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20261204' },
  },
});

const alpha = EIGENTRUST_ALPHA;
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 50);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface SizeResult {
  users: number;
  relationships: number;
  anchors: number;
  fullMs: number;
  fullIterations: number;
  reachMs: number;
  peakRssMb: number;
  writes: number;
  writeMs: { p50: number; p99: number; max: number; mean: number };
  pushes: { p50: number; p99: number; max: number };
  capped: number;
  finalFullMs: number;
  maxPointsError: number;
  maxRelativeTrustError: number;
  staleShare: number;
}

function toRow(row: Map<number, number>): Row {
  const targets = Int32Array.from(row.keys());
  return { targets, weights: Float64Array.from(targets, (t) => row.get(t)!) };
}

/** The edges of the current rows: the first computation's CSR, with the rows writes replaced. */
function edgesOf(users: number, csr: Csr, replaced: Map<number, Map<number, number>>) {
  let m = csr.edgeCount;
  for (const [u, row] of replaced) m += row.size - (csr.outStart[u + 1]! - csr.outStart[u]!);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weight = new Float64Array(m);
  let e = 0;
  for (let u = 0; u < users; u++) {
    const row = replaced.get(u);
    if (row) {
      for (const [v, w] of row) {
        src[e] = u;
        dst[e] = v;
        weight[e++] = w;
      }
    } else {
      for (let p = csr.outStart[u]!; p < csr.outStart[u + 1]!; p++) {
        src[e] = u;
        dst[e] = csr.outTarget[p]!;
        weight[e++] = csr.outWeight[p]!;
      }
    }
  }
  return { src, dst, weight };
}

function rowOf(csr: Csr, replaced: Map<number, Map<number, number>>, u: number): Map<number, number> {
  const row = replaced.get(u);
  if (row) return new Map(row);
  const fresh = new Map<number, number>();
  for (let p = csr.outStart[u]!; p < csr.outStart[u + 1]!; p++)
    fresh.set(csr.outTarget[p]!, csr.outWeight[p]!);
  return fresh;
}

function runSize(users: number, relationships: number, writes: number, seed: number): SizeResult {
  peakRss = 0;
  console.log(`\n${users} users, ${relationships} relationships: generating…`);
  const graph = generateSynthetic({ users, relationships, seed });
  const weight = new Float64Array(graph.src.length);
  for (let e = 0; e < weight.length; e++)
    weight[e] = graph.kind[e] === 0 ? graph.value[e]! / 5 : graph.value[e]! / 10;
  // The anchor policy's ratio: one anchor per 100 accounts, honest ones (an admin's choice).
  const anchorList: number[] = [];
  for (let u = 0; u < users && anchorList.length < users / 100; u += 50)
    if (graph.sybil[u] === 0) anchorList.push(u);
  const anchors = Int32Array.from(anchorList);
  const reference = trustReference(anchors.length);
  let began = performance.now();
  // As computeAll: per ordered pair the strongest positive statement.
  const full = eigenTrust(users, graph.src, graph.dst, weight, anchors, { alpha, duplicates: 'max' });
  const fullMs = performance.now() - began;
  const csr = full.csr;
  began = performance.now();
  const reach = pushReach(full);
  const reachMs = performance.now() - began;
  sample();
  console.log(
    `full EigenTrust ${fullMs.toFixed(0)} ms (${full.iterations} iterations), reach ${reachMs.toFixed(0)} ms`,
  );

  const epsilon = (PUSH_RELATIVE_EPSILON * reference) / alpha;
  let danglingQ = 0;
  const state = new LocalPush({ alpha, epsilon }, [], 0);
  for (let u = 0; u < users; u++) state.addNode();
  state.declareAnchors(anchorList);
  for (let u = 0; u < users; u++) {
    const q = full.trust[u]! / alpha;
    const start = csr.outStart[u]!;
    const end = csr.outStart[u + 1]!;
    state.load(u, q, 0);
    state.setRow(u, {
      targets: csr.outTarget.subarray(start, end),
      weights: csr.outWeight.subarray(start, end),
    });
    if (start === end) danglingQ += q;
  }
  state.danglingQ = danglingQ;
  state.push(Number.MAX_SAFE_INTEGER); // clears the touched list (nothing is above ε)
  sample();
  const replaced = new Map<number, Map<number, number>>();

  const random = rng(seed + 1);
  const times: number[] = [];
  const pushCounts: number[] = [];
  let capped = 0;
  for (let k = 0; k < writes; k++) {
    const u = Math.floor(random() * users);
    const row = rowOf(csr, replaced, u);
    if (row.size > 0 && random() < 0.4) {
      // A withdrawn endorsement (or a rating turned negative): one statement leaves the row.
      const keys = [...row.keys()];
      row.delete(keys[Math.floor(random() * keys.length)]!);
    } else {
      let v = Math.floor(random() * users);
      if (v === u) v = (v + 1) % users;
      row.set(v, Math.max(row.get(v) ?? 0, (1 + Math.floor(random() * 5)) / 5));
    }
    replaced.set(u, row);
    const start = performance.now();
    state.changeRow(u, toRow(row));
    const done = state.push(MAX_PUSHES_PER_WRITE);
    times.push(performance.now() - start);
    pushCounts.push(done);
    if (done >= MAX_PUSHES_PER_WRITE) capped++;
    if (k % 200 === 0) sample();
  }
  sample();

  // The final graph in full, and the state's error against it.
  const edges = edgesOf(users, csr, replaced);
  began = performance.now();
  const final = eigenTrust(users, edges.src, edges.dst, edges.weight, anchors, {
    alpha,
    tolerance: EIGENTRUST_TOLERANCE,
  });
  const finalFullMs = performance.now() - began;
  let residual = 0;
  let rmax = 0;
  for (let u = 0; u < users; u++) {
    const r = Math.abs(state.r(u));
    residual += r;
    rmax = Math.max(rmax, r);
  }
  let maxPointsError = 0;
  let maxRelativeTrustError = 0;
  let stale = 0;
  for (let u = 0; u < users; u++) {
    const estimate = alpha * state.q(u);
    const exact = final.trust[u]!;
    maxPointsError = Math.max(
      maxPointsError,
      Math.abs(networkPoints(estimate, reference) - networkPoints(exact, reference)),
    );
    maxRelativeTrustError = Math.max(maxRelativeTrustError, Math.abs(estimate - exact) / reference);
    // What a read would say: the bound of scoreIsStale (reach from the first full computation).
    const bound = Math.min(alpha * residual, alpha * rmax * reach[u]!);
    if (trustErrorPoints(estimate, bound, reference) >= STALE_POINTS) stale++;
  }
  sample();
  const sortedTimes = [...times].sort((a, b) => a - b);
  const sortedPushes = [...pushCounts].sort((a, b) => a - b);
  const result: SizeResult = {
    users,
    relationships,
    anchors: anchors.length,
    fullMs,
    fullIterations: full.iterations,
    reachMs,
    peakRssMb: Math.round(peakRss / 1e6),
    writes,
    writeMs: {
      p50: percentile(sortedTimes, 50),
      p99: percentile(sortedTimes, 99),
      max: sortedTimes[sortedTimes.length - 1] ?? 0,
      mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    },
    pushes: {
      p50: percentile(sortedPushes, 50),
      p99: percentile(sortedPushes, 99),
      max: sortedPushes[sortedPushes.length - 1] ?? 0,
    },
    capped,
    finalFullMs,
    maxPointsError,
    maxRelativeTrustError,
    staleShare: stale / users,
  };
  console.log(JSON.stringify(result));
  return result;
}

const results: SizeResult[] = [];
for (const size of values.sizes.split(',')) {
  const [users, relationships] = size.split(':').map(Number) as [number, number];
  results.push(runSize(users, relationships, Number(values.writes), Number(values.seed)));
}
clearInterval(sampler);

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const fixed = (x: number, digits = 1) => x.toFixed(digits);
const lines = [
  `# Incremental NETWORK (local push) vs full EigenTrust — ${new Date().toISOString()}`,
  '',
  `Pure engine, in memory (src/trust/engine/incremental.ts), synthetic network (seed/synthetic.ts, seed ${values.seed}),`,
  `one anchor per 100 accounts, a = ${alpha}, ε = ${PUSH_RELATIVE_EPSILON}·reference/a, cap ${MAX_PUSHES_PER_WRITE} pushes per write.`,
  `Node ${process.version}, run under \`nice -n 10\` on a shared 2-core machine. Write = one row changes (endorse,`,
  'rate, revoke), then the push to ε. Error and stale share: the state after all writes against a full computation',
  'of the final graph (a read is stale when its bound allows a point).',
  '',
  '| people | relationships | full EigenTrust | + reach | write p50 | write p99 | write max | pushes p50 / p99 | capped | max NETWORK error | stale reads | peak RSS |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.users.toLocaleString('en')} | ${r.relationships.toLocaleString('en')} | ${fixed(r.fullMs / 1000)} s (${r.fullIterations} it.) | ${fixed(r.reachMs / 1000)} s | ${fixed(r.writeMs.p50, 2)} ms | ${fixed(r.writeMs.p99, 2)} ms | ${fixed(r.writeMs.max, 1)} ms | ${r.pushes.p50} / ${r.pushes.p99} | ${r.capped}/${r.writes} | ${r.maxPointsError.toFixed(3)} pt | ${(100 * r.staleShare).toFixed(2)}% | ${r.peakRssMb} MB |`,
  ),
  '',
];
writeFileSync(join(dir, `trust-incremental-${stamp}.json`), JSON.stringify({ results }, null, 2));
writeFileSync(join(dir, `trust-incremental-${stamp}.md`), lines.join('\n'));
console.log(lines.join('\n'));

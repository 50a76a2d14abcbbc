/**
 * Parameter sweep behind the ablation table in docs/trust-model.md (npx tsx eval/ablation.ts
 * [--data <csv>]): the lowest sybil AUC over the evaluation's attack draws for restart
 * probability a ∈ {0.15, 0.3} and rater standing full at t·n ∈ {1, 5}, with and without account
 * age. The attack graph is the evaluation's (eval/sybil.ts); the composite is re-assembled here
 * from the model's formulas with the two constants varied, because the engine fixes them.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  accountAgeCredit,
  accountAgeDaysFromTimeline,
  eigenTrust,
  FairnessGoodnessSolver,
  NETWORK_FULL_RELATIVE_TRUST,
  REPUTATION_PRIOR_STRENGTH,
  SCORE_FXG_TOLERANCE,
} from '../src/trust/engine/index.js';
import { readSignedNetwork } from './data.js';
import { ATTACK_SEEDS, chooseAnchors, separationAuc, sybilLinks } from './sybil.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flag = process.argv.indexOf('--data');
const data = readSignedNetwork(
  resolve(
    root,
    flag >= 0 ? (process.argv[flag + 1] as string) : '../shared/data/bitcoin-otc/soc-sign-bitcoinotc.csv',
  ),
);
const anchors = chooseAnchors(data);
const honest = data.userCount;
let attackTime = -Infinity;
for (const seconds of data.time) attackTime = Math.max(attackTime, seconds);
const honestAge = accountAgeDaysFromTimeline(data.src, data.dst, data.time, honest, attackTime);

/** The evaluation's attack (same ring, same draw of attack edges), solved at restart probability alpha. */
function solve(sybils: number, attackEdges: number, alpha: number, seed: number) {
  const n = honest + sybils;
  const src = Array.from(data.src);
  const dst = Array.from(data.dst);
  const weight = Array.from(data.rating, (rating) => rating / 10);
  const endorseSrc: number[] = [];
  const endorseDst: number[] = [];
  const link = (from: number, to: number): void => {
    src.push(from);
    dst.push(to);
    weight.push(1);
    endorseSrc.push(from);
    endorseDst.push(to);
  };
  for (const [from, to] of sybilLinks(data, anchors, sybils, attackEdges, seed)) link(from, to);
  const fxg = new FairnessGoodnessSolver(
    n,
    Int32Array.from(src),
    Int32Array.from(dst),
    Float64Array.from(weight),
  );
  const { fairness } = fxg.solve({ tolerance: SCORE_FXG_TOLERANCE });
  const network = eigenTrust(
    n,
    Int32Array.from([...endorseSrc, ...src]),
    Int32Array.from([...endorseDst, ...dst]),
    Float64Array.from([...endorseSrc.map(() => 1), ...weight]),
    anchors,
    { alpha, duplicates: 'max' },
  );
  return { n, csr: fxg.csr, fairness, trust: network.trust };
}

/** Composite of the model with rater standing min(1, t·n / fullStanding); identity is age only. */
function composite(solved: ReturnType<typeof solve>, fullStanding: number, withAge: boolean): Float64Array {
  const { n, csr, fairness, trust } = solved;
  const scores = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let signal = 0;
    let standingSum = 0;
    for (let q = csr.inStart[v] as number; q < (csr.inStart[v + 1] as number); q++) {
      const rater = csr.inSource[q] as number;
      const standing = Math.min(1, ((trust[rater] as number) * n) / fullStanding);
      standingSum += standing;
      signal += standing * (fairness[rater] as number) * (csr.inWeight[q] as number);
    }
    const reputation = (1 + signal / (REPUTATION_PRIOR_STRENGTH + standingSum)) / 2;
    const networkValue = Math.min(
      1,
      Math.log1p((trust[v] as number) * n) / Math.log1p(NETWORK_FULL_RELATIVE_TRUST),
    );
    const identity = withAge && v < honest ? 0.25 * accountAgeCredit(honestAge[v] as number) : 0;
    scores[v] = Math.round(
      300 + 600 * (0.25 * identity + 0.3 * 0.5 + 0.2 * reputation + 0.25 * networkValue),
    );
  }
  return scores;
}

for (const alpha of [0.15, 0.3]) {
  const solved = new Map<string, ReturnType<typeof solve>>();
  for (const sybils of [100, 1000]) {
    for (const seed of ATTACK_SEEDS) solved.set(`${sybils}:${seed}`, solve(sybils, 10, alpha, seed));
  }
  for (const fullStanding of [1, 5]) {
    const cells = [true, false].map((withAge) =>
      [100, 1000]
        .map((sybils) => {
          const aucs = ATTACK_SEEDS.map((seed) => {
            const run = solved.get(`${sybils}:${seed}`) as ReturnType<typeof solve>;
            return separationAuc(
              composite(run, fullStanding, withAge),
              new Uint8Array(run.n).fill(1, honest),
            );
          });
          return Math.min(...aucs).toFixed(3);
        })
        .join(' / '),
    );
    console.log(`| ${alpha} | ${fullStanding} | ${cells[0]} | ${cells[1]} |`);
  }
}

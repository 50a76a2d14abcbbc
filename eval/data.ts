import { readFileSync } from 'node:fs';

/** The Bitcoin OTC signed network, re-indexed to 0..n-1 in ascending order of the original ids. */
export interface SignedNetwork {
  userCount: number;
  originalIds: Int32Array;
  src: Int32Array;
  dst: Int32Array;
  /** Ratings −10..10 as given. */
  rating: Float64Array;
  /** Seconds since the epoch. */
  time: Float64Array;
}

/** Reads SOURCE,TARGET,RATING,TIME lines (no header). */
export function readSignedNetwork(path: string): SignedNetwork {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const rawSrc: number[] = [];
  const rawDst: number[] = [];
  const rating = new Float64Array(lines.length);
  const time = new Float64Array(lines.length);
  lines.forEach((line, index) => {
    const [source, target, value, seconds] = line.split(',');
    if (source === undefined || target === undefined || value === undefined || seconds === undefined) {
      throw new Error(`line ${index + 1} is not SOURCE,TARGET,RATING,TIME: ${line}`);
    }
    rawSrc.push(Number(source));
    rawDst.push(Number(target));
    rating[index] = Number(value);
    time[index] = Number(seconds);
  });
  const ids = [...new Set([...rawSrc, ...rawDst])].sort((a, b) => a - b);
  const indexOf = new Map(ids.map((id, index) => [id, index]));
  return {
    userCount: ids.length,
    originalIds: Int32Array.from(ids),
    src: Int32Array.from(rawSrc, (id) => indexOf.get(id) as number),
    dst: Int32Array.from(rawDst, (id) => indexOf.get(id) as number),
    rating,
    time,
  };
}

/** Small deterministic PRNG (mulberry32) so every run draws the same attack edges. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

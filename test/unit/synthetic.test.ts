import { describe, expect, it } from 'vitest';
import { degrees, generateSynthetic } from '../../seed/synthetic.js';

const small = { users: 2_000, relationships: 20_000, seed: 7 };

describe('synthetic trust network', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateSynthetic(small);
    const b = generateSynthetic(small);
    const c = generateSynthetic({ ...small, seed: 8 });
    expect(Buffer.from(a.src.buffer).equals(Buffer.from(b.src.buffer))).toBe(true);
    expect(Buffer.from(a.dst.buffer).equals(Buffer.from(b.dst.buffer))).toBe(true);
    expect(Buffer.from(a.value.buffer).equals(Buffer.from(b.value.buffer))).toBe(true);
    expect(a.identities).toEqual(b.identities);
    expect(a.events).toEqual(b.events);
    expect(Buffer.from(a.dst.buffer).equals(Buffer.from(c.dst.buffer))).toBe(false);
  });

  it('has exactly M relationships, no self-loops, one per ordered pair and kind, values in range', () => {
    const g = generateSynthetic(small);
    expect(g.src.length).toBe(small.relationships);
    const seen = new Set<number>();
    for (let e = 0; e < g.src.length; e++) {
      expect(g.src[e]).not.toBe(g.dst[e]);
      const key = (g.src[e]! * small.users + g.dst[e]!) * 2 + g.kind[e]!;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      const v = g.value[e]!;
      if (g.kind[e] === 0) expect(v >= 1 && v <= 5).toBe(true);
      else expect(v !== 0 && v >= -10 && v <= 10).toBe(true);
      expect(g.edgeCreatedAt[e]).toBeGreaterThanOrEqual(
        Math.max(g.userCreatedAt[g.src[e]!]!, g.userCreatedAt[g.dst[e]!]!),
      );
    }
    const endorsements = g.kind.reduce((n, k) => n + (k === 0 ? 1 : 0), 0);
    expect(endorsements / g.src.length).toBeGreaterThan(0.3);
    expect(endorsements / g.src.length).toBeLessThan(0.5);
  });

  it('has heavy-tailed degrees: the busiest user has many times the mean, most have fewer than the mean', () => {
    const g = generateSynthetic({ users: 10_000, relationships: 100_000, seed: 1 });
    const { inDegree, outDegree } = degrees(g);
    const mean = 100_000 / 10_000;
    const maxIn = Math.max(...inDegree);
    const maxOut = Math.max(...outDegree);
    // A Poisson (uniform random) graph with mean 10 has a maximum in-degree near 25; a power law far more.
    expect(maxIn).toBeGreaterThan(20 * mean);
    expect(maxOut).toBeGreaterThan(10 * mean);
    const belowMean = inDegree.filter((d) => d < mean).length;
    expect(belowMean / 10_000).toBeGreaterThan(0.6);
    // The top 1% of users receive a large share of all relationships.
    const sorted = [...inDegree].sort((a, b) => b - a);
    const top = sorted.slice(0, 100).reduce((a, b) => a + b, 0);
    expect(top / 100_000).toBeGreaterThan(0.2);
  });

  it('includes sybil rings rating each other +10, identities of every level, and events', () => {
    const g = generateSynthetic({ users: 20_000, relationships: 100_000, seed: 3, sybilRings: 3 });
    const sybils = [...g.sybil.keys()].filter((i) => g.sybil[i] === 1);
    expect(sybils.length).toBe(60);
    let ringRatings = 0;
    let attack = 0;
    for (let e = 0; e < g.src.length; e++) {
      const fromSybil = g.sybil[g.src[e]!] === 1;
      const toSybil = g.sybil[g.dst[e]!] === 1;
      if (fromSybil && toSybil && g.kind[e] === 1) {
        expect(g.value[e]).toBe(10);
        ringRatings++;
      }
      if (!fromSybil && toSybil) attack++;
      // Sybils only deal among themselves.
      if (fromSybil) expect(toSybil).toBe(true);
    }
    expect(ringRatings).toBe(3 * 20 * 3);
    expect(attack).toBe(3 * 3);
    expect(new Set(g.identities.map((i) => i.assurance))).toEqual(new Set(['LOW', 'SUBSTANTIAL', 'HIGH']));
    expect(g.identities.some((i) => g.sybil[i.user] === 1 && i.assurance !== 'LOW')).toBe(false);
    expect(new Set(g.events.map((e) => e.kind)).size).toBe(3);
  });
});

/** What a snapshot says about the one before it: reason changes by code, and stored reasons checked on read. */
import { describe, expect, it } from 'vitest';
import {
  parseSnapshotReasons,
  reasonChanges,
  snapshotChange,
  snapshotReasonsJson,
  type SnapshotReason,
  type TrustSnapshotRow,
} from '../../src/trust/model.js';

const reason = (code: SnapshotReason['code'], dimension: SnapshotReason['dimension'], points: number) => ({
  code,
  dimension,
  points,
  summary: `${code} ${points}`,
});

describe('reasonChanges', () => {
  it('subtracts per code, keeps codes that appeared or vanished, drops unchanged ones, largest move first', () => {
    const previous = [
      reason('IDENTITY_HIGH_ASSURANCE_VERIFIED', 'IDENTITY', 68),
      reason('HISTORY_DEFAULTS', 'HISTORY', -23),
    ];
    const current = [
      reason('IDENTITY_HIGH_ASSURANCE_VERIFIED', 'IDENTITY', 68),
      reason('HISTORY_RESOLVED_DEFAULTS', 'HISTORY', -5),
    ];
    // 68 − 68 = 0 (left out); the default went from −23 to nothing: +23; the resolved default is new: −5.
    expect(reasonChanges(current, previous)).toEqual([
      {
        code: 'HISTORY_DEFAULTS',
        dimension: 'HISTORY',
        points: 23,
        summary: null,
        previousSummary: 'HISTORY_DEFAULTS -23',
      },
      {
        code: 'HISTORY_RESOLVED_DEFAULTS',
        dimension: 'HISTORY',
        points: -5,
        summary: 'HISTORY_RESOLVED_DEFAULTS -5',
        previousSummary: null,
      },
    ]);
  });

  it('orders equal moves by the model order of codes', () => {
    const changes = reasonChanges(
      [reason('HISTORY_FULFILLED_COMMITMENTS', 'HISTORY', 3), reason('IDENTITY_ACCOUNT_AGE', 'IDENTITY', 3)],
      [],
    );
    expect(changes!.map((c) => c.code)).toEqual(['IDENTITY_ACCOUNT_AGE', 'HISTORY_FULFILLED_COMMITMENTS']);
  });

  it('is unknown when either side has no stored reasons', () => {
    expect(reasonChanges(null, [])).toBeNull();
    expect(reasonChanges([], null)).toBeNull();
  });
});

describe('snapshotChange', () => {
  const row = (value: number, reasons: SnapshotReason[] | null, previous: TrustSnapshotRow['previous']) => ({
    id: 's',
    userId: 'u',
    value,
    band: 'FAIR' as const,
    computedAt: '2026-01-01T00:00:00Z',
    writtenAt: '2026-01-01T00:00:00Z',
    modelVersion: 'v',
    reasons,
    previous,
  });

  it('has no change for the first snapshot', () => {
    expect(snapshotChange(row(450, [], null))).toEqual({ change: null, reasonChanges: null });
  });

  it('gives reason changes only when they add up to the change of value', () => {
    const before = { value: 450, writtenAt: '2025-12-31T00:00:00Z', reasons: [] };
    // 489 − 450 = 39, and the only reason moved by 39.
    expect(
      snapshotChange(row(489, [reason('IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED', 'IDENTITY', 39)], before)),
    ).toMatchObject({ change: 39, reasonChanges: [{ points: 39 }] });
    // Reasons that do not add up (another baseline): the change stays exact, the reasons are not given.
    expect(
      snapshotChange(row(489, [reason('IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED', 'IDENTITY', 40)], before)),
    ).toEqual({ change: 39, reasonChanges: null });
    expect(snapshotChange(row(489, null, before))).toEqual({ change: 39, reasonChanges: null });
  });
});

describe('stored snapshot reasons', () => {
  it('round-trips, and a snapshot written before them has none', () => {
    const reasons = [reason('NETWORK_ANCHOR', 'NETWORK', 12)];
    expect(parseSnapshotReasons(snapshotReasonsJson(reasons))).toEqual(reasons);
    expect(parseSnapshotReasons(null)).toBeNull();
  });

  it('refuses a property that is not a list of reasons', () => {
    expect(() => parseSnapshotReasons('{"code":"NETWORK_ANCHOR"}')).toThrow();
    expect(() =>
      parseSnapshotReasons('[{"code":"MADE_UP","dimension":"NETWORK","points":1,"summary":""}]'),
    ).toThrow();
    expect(() =>
      parseSnapshotReasons('[{"code":"NETWORK_ANCHOR","dimension":"NETWORK","points":1.5,"summary":""}]'),
    ).toThrow();
  });
});

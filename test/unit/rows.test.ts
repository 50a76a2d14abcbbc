import { describe, expect, it } from 'vitest';
import { keysFor, rowShape } from '../../src/db/rows.js';

interface Row {
  id: string;
  name: string;
  at: string;
  note: string | null;
  extra?: number;
}
const ROW = rowShape<Row>({ id: 'r.id', name: 'r.name', at: 'toString(r.at)', note: 'r.note' });
const NEEDS = { id: ['id'], name: ['name'], createdAt: ['at'], described: ['name', 'note'] } as const;

describe('row shapes', () => {
  it('read a list in the declared order, and narrow to the keys asked for', () => {
    expect(ROW.cypher).toBe('[r.id, r.name, toString(r.at), r.note]');
    expect(ROW.read(['1', 'a', '2026-01-01', null])).toEqual({
      id: '1',
      name: 'a',
      at: '2026-01-01',
      note: null,
    });
    const narrow = ROW.pick(new Set<keyof Row>(['note', 'id']));
    // The declared order, whatever the order of the set.
    expect(narrow.cypher).toBe('[r.id, r.note]');
    expect(narrow.read(['1', 'n'])).toEqual({ id: '1', note: 'n' });
    expect(ROW.pick(null)).toBe(ROW);
  });

  it('need the keys of every selected field, the ones always needed, and everything for an unknown field', () => {
    expect(keysFor<Row>(['name', '__typename'], NEEDS, ['id'])).toEqual(new Set(['id', 'name']));
    expect(keysFor<Row>(['described', 'createdAt'], NEEDS, [])).toEqual(new Set(['name', 'note', 'at']));
    expect(keysFor<Row>([], NEEDS, ['id'])).toEqual(new Set(['id']));
    // A field the table does not know (added later, say) is served from full rows.
    expect(keysFor<Row>(['name', 'somethingNew'], NEEDS, ['id'])).toBeNull();
    // Inherited names are not fields of the table.
    expect(keysFor<Row>(['toString'], NEEDS, ['id'])).toBeNull();
  });
});

// Timeline items on the same Indian day share one heading; undated items come last.
import { describe, expect, it } from 'vitest';
import { startOfDay } from '../dates';
import { groupByDay } from './group';
import type { TimelineItem } from './types';

const item = (reference: string, date_ms: number | null): TimelineItem => ({
  reference, date_ms, kind: 'DiagnosticReport', resource_type: 'Observation', title: reference, patient_reported: false,
});

describe('groupByDay', () => {
  it('groups by the Indian day, keeping the server order', () => {
    const late = startOfDay('2026-06-02') + 60_000; // 00:01 in India, still 1 June in UTC
    const groups = groupByDay([item('a', late), item('b', startOfDay('2026-06-02') + 3_600_000), item('c', startOfDay('2026-06-01')), item('d', null)]);
    expect(groups.map((g) => [g.day, g.items.map((i) => i.reference)])).toEqual([
      ['2026-06-02', ['a', 'b']],
      ['2026-06-01', ['c']],
      [null, ['d']],
    ]);
  });
});

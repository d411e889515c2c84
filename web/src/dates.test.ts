// Dates are Indian calendar days: a day input's value must cover exactly that day in India, on a phone set to any zone.
import { describe, expect, it } from 'vitest';
import { addDays, addYears, dayOf, endOfDay, startOfDay, indianDateTime } from './dates';

describe('Indian days', () => {
  it('puts 23:00 UTC in the next Indian day', () => {
    expect(dayOf(Date.UTC(2025, 5, 1, 23, 0))).toBe('2025-06-02');
    expect(dayOf(Date.UTC(2025, 5, 1, 18, 29))).toBe('2025-06-01');
  });

  it('writes record times in Indian time, so an early-morning visit keeps its day', () => {
    const ms = Date.UTC(2026, 10, 26, 19, 30); // 01:00 on 27 November in India
    expect(indianDateTime(ms)).toBe('2026-11-27T01:00:00+05:30');
    expect(new Date(indianDateTime(ms)).getTime()).toBe(ms);
  });

  it('covers a day from its Indian midnight to the last millisecond before the next', () => {
    expect(startOfDay('2025-06-02')).toBe(Date.UTC(2025, 5, 1, 18, 30));
    expect(endOfDay('2025-06-02')).toBe(Date.UTC(2025, 5, 2, 18, 30) - 1);
    expect(dayOf(startOfDay('2025-06-02'))).toBe('2025-06-02');
    expect(dayOf(endOfDay('2025-06-02'))).toBe('2025-06-02');
    expect(startOfDay('2 June')).toBeNaN();
  });

  it('moves by years and days across month ends and leap days', () => {
    expect(addYears('2025-06-02', -1)).toBe('2024-06-02');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });
});

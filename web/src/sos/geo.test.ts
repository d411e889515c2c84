import { describe, expect, it } from 'vitest';
import { distanceM } from './geo';

describe('distanceM', () => {
  it('is zero for one point and symmetric', () => {
    const bhopal = { lat: 23.2599, lon: 77.4126 };
    expect(distanceM(bhopal, bhopal)).toBe(0);
    const other = { lat: 23.25, lon: 77.4 };
    expect(distanceM(bhopal, other)).toBeCloseTo(distanceM(other, bhopal), 6);
  });

  it('matches known distances: one degree of latitude, Delhi to Mumbai', () => {
    expect(distanceM({ lat: 0, lon: 77 }, { lat: 1, lon: 77 })).toBeCloseTo(111_195, -1);
    const km = distanceM({ lat: 28.6139, lon: 77.209 }, { lat: 19.076, lon: 72.8777 }) / 1000;
    expect(km).toBeGreaterThan(1140);
    expect(km).toBeLessThan(1160);
  });
});

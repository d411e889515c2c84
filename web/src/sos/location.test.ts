// Location for an SOS: a fresh fix is saved and used; without one, the last saved fix goes as "last known".
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MySehatDb } from '../session/db';
import { currentFix, FixStore, FRESH_MS, toLocation } from './location';

const geoWith = (result: GeolocationPosition | null) => ({
  getCurrentPosition: (ok: PositionCallback, fail?: PositionErrorCallback | null) =>
    result ? ok(result) : fail?.({ code: 3, message: 'timeout' } as GeolocationPositionError),
});
const position = (lat: number, lon: number, accuracy: number, timestamp: number) =>
  ({ coords: { latitude: lat, longitude: lon, accuracy }, timestamp }) as unknown as GeolocationPosition;

describe('location', () => {
  it('reads a fix, rounding the accuracy', async () => {
    expect(await currentFix(geoWith(position(23.25, 77.41, 14.6, 5_000)))).toEqual({ lat: 23.25, lon: 77.41, accuracy_m: 15, fixed_at_ms: 5_000 });
    expect(await currentFix(geoWith(null))).toBeNull();
    expect(await currentFix(undefined)).toBeNull();
  });

  it('marks a fix older than two minutes as last known', () => {
    const fix = { lat: 1, lon: 2, accuracy_m: 5, fixed_at_ms: 0 };
    expect(toLocation(fix, FRESH_MS).last_known).toBe(false);
    expect(toLocation(fix, FRESH_MS + 1).last_known).toBe(true);
  });

  it('saves a fresh fix and falls back to it when the phone gives none', async () => {
    const store = new FixStore(new MySehatDb('location-test'));
    expect(await store.locate(geoWith(null))).toBeNull();
    const first = await store.locate(geoWith(position(23.25, 77.41, 10, 1_000)));
    expect(first?.fixed_at_ms).toBe(1_000);
    expect(await store.locate(geoWith(null))).toEqual(first);
  });
});

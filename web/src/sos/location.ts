// Where the person is: a fresh high-accuracy fix if the phone gives one quickly, else the last fix this device saved.
import type { MySehatDb } from '../session/db';
import type { Location } from './types';

export interface Fix {
  lat: number;
  lon: number;
  accuracy_m: number;
  fixed_at_ms: number;
}

/** A fix older than this is sent as "last known". */
export const FRESH_MS = 2 * 60_000;

type Geo = Pick<Geolocation, 'getCurrentPosition'>;

const fromPosition = (p: GeolocationPosition): Fix => ({
  lat: p.coords.latitude,
  lon: p.coords.longitude,
  accuracy_m: Math.round(p.coords.accuracy),
  fixed_at_ms: p.timestamp || Date.now(),
});

/** One fix, or null (no permission, no signal, or too slow). Never rejects. */
export function currentFix(geo: Geo | undefined = globalThis.navigator?.geolocation, timeoutMs = 8_000): Promise<Fix | null> {
  if (!geo) return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      geo.getCurrentPosition((p) => resolve(fromPosition(p)), () => resolve(null), {
        enableHighAccuracy: true,
        timeout: timeoutMs,
        maximumAge: 30_000,
      });
    } catch {
      resolve(null);
    }
  });
}

/** The wire location for a fix: `last_known` unless it is fresh at `now`. */
export function toLocation(fix: Fix, now = Date.now()): Location {
  return { ...fix, last_known: now - fix.fixed_at_ms > FRESH_MS };
}

export class FixStore {
  constructor(private readonly db: MySehatDb) {}

  async last(): Promise<Fix | null> {
    const row = await this.db.kv.get('last-fix');
    return (row?.value as Fix | undefined) ?? null;
  }

  async save(fix: Fix): Promise<void> {
    await this.db.kv.put({ key: 'last-fix', value: fix });
  }

  /** Tries for a fresh fix (saving it), else returns the last saved one. */
  async locate(geo?: Geo, timeoutMs?: number): Promise<Fix | null> {
    const fix = await currentFix(geo, timeoutMs);
    if (fix) {
      await this.save(fix);
      return fix;
    }
    return this.last();
  }
}

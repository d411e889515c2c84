// While a crew is on duty: watch the phone's position and send the newest fix every few seconds (never the same fix twice).
import type { PositionAnswer, PositionFix } from './types';

export interface TrackerState {
  fix: PositionFix | null;
  sentAtMs: number | null;
  accepted: boolean | null;
  reason: string | null;
  error: 'denied' | 'unavailable' | 'network' | null;
}

export interface TrackerDeps {
  geo: Pick<Geolocation, 'watchPosition' | 'clearWatch'>;
  send: (fix: PositionFix) => Promise<PositionAnswer>;
  onState: (s: TrackerState) => void;
  everyMs?: number;
  now?: () => number;
}

export function startTracker(deps: TrackerDeps): () => void {
  const everyMs = deps.everyMs ?? 3_000;
  const now = deps.now ?? Date.now;
  const state: TrackerState = { fix: null, sentAtMs: null, accepted: null, reason: null, error: null };
  let latest: PositionFix | null = null;
  let lastSentFixAt: number | null = null;
  let lastSendMs = -Infinity;
  let busy = false;
  let stopped = false;
  const report = () => !stopped && deps.onState({ ...state });

  async function tick(): Promise<void> {
    const fix = latest;
    if (stopped || busy || !fix || fix.at_ms === lastSentFixAt || now() - lastSendMs < everyMs) return;
    busy = true;
    lastSendMs = now();
    try {
      const answer = await deps.send(fix);
      lastSentFixAt = fix.at_ms;
      Object.assign(state, { sentAtMs: now(), accepted: answer.accepted, reason: answer.reason ?? null, error: null });
    } catch {
      state.error = 'network';
    } finally {
      busy = false;
      report();
    }
  }

  const watchId = deps.geo.watchPosition(
    (p) => {
      latest = {
        lat: p.coords.latitude,
        lon: p.coords.longitude,
        accuracy_m: Math.round(p.coords.accuracy),
        at_ms: p.timestamp || now(),
        ...(p.coords.speed != null && Number.isFinite(p.coords.speed) ? { speed_mps: p.coords.speed } : {}),
      };
      state.fix = latest;
      if (state.error !== 'network') state.error = null;
      report();
      void tick();
    },
    (e) => {
      state.error = e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable';
      report();
    },
    { enableHighAccuracy: true, maximumAge: 0 },
  );
  const timer = setInterval(() => void tick(), Math.max(500, everyMs / 3));

  return () => {
    stopped = true;
    deps.geo.clearWatch(watchId);
    clearInterval(timer);
  };
}

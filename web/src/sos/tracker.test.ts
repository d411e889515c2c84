// Crew tracking: each new fix is sent, at most one every few seconds, never the same fix twice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTracker, type TrackerState } from './tracker';

function fakeGeo() {
  let onFix: PositionCallback | null = null;
  const geo = {
    watchPosition: vi.fn((ok: PositionCallback) => {
      onFix = ok;
      return 7;
    }),
    clearWatch: vi.fn(),
  };
  const move = (lat: number, lon: number, at: number) =>
    onFix?.({ coords: { latitude: lat, longitude: lon, accuracy: 8.4, speed: null }, timestamp: at } as unknown as GeolocationPosition);
  return { geo, move };
}

describe('startTracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first fix at once, then the newest at most every 3 s, and stops cleanly', async () => {
    const { geo, move } = fakeGeo();
    const send = vi.fn(async () => ({ accepted: true }));
    const states: TrackerState[] = [];
    const stop = startTracker({ geo, send, onState: (s) => states.push(s), now: () => Date.now() });
    move(23.25, 77.41, 1_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledWith({ lat: 23.25, lon: 77.41, accuracy_m: 8, at_ms: 1_000 });
    move(23.251, 77.41, 2_000);
    move(23.252, 77.41, 2_500);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith(expect.objectContaining({ lat: 23.252, at_ms: 2_500 }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(send).toHaveBeenCalledTimes(2); // no new fix, nothing sent
    expect(states.at(-1)).toMatchObject({ accepted: true, error: null });
    stop();
    expect(geo.clearWatch).toHaveBeenCalledWith(7);
  });

  it('reports a refused fix and a dead network', async () => {
    const { geo, move } = fakeGeo();
    const send = vi.fn().mockResolvedValueOnce({ accepted: false, reason: 'fix_too_fast' }).mockRejectedValueOnce(new Error('offline'));
    const states: TrackerState[] = [];
    const stop = startTracker({ geo, send, onState: (s) => states.push(s) });
    move(23.25, 77.41, 1_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toMatchObject({ accepted: false, reason: 'fix_too_fast' });
    move(23.26, 77.41, 5_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(states.at(-1)?.error).toBe('network');
    stop();
  });
});

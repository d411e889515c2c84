// Live updates: newer views win, positions only move forward, the socket reconnects and polling covers the gap.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLive, newerView, withPosition } from './live';
import type { IncidentView } from './types';

const view = (over: Partial<IncidentView> = {}): IncidentView => ({
  id: 'i1', state: 'en_route', kind: 'accident', created_at_ms: 1, updated_at_ms: 10,
  patient: { name: 'Asha', phone: '+919876543210' },
  location: { lat: 23.25, lon: 77.41, accuracy_m: 10, fixed_at_ms: 1, last_known: false },
  digipin: '39J-49L-L8T4', maps_url: 'https://www.google.com/maps?q=23.25,77.41',
  facility: null,
  ambulance: { id: 'a1', call_sign: 'MP-108-1', phone: '+919000000005', position: { lat: 23.26, lon: 77.42, at_ms: 100 }, distance_m: 900, eta_s: 120 },
  events: [], alerted: [], call_112: false, medical_id: {}, recent_repeats: 0, ...over,
});

describe('merging views', () => {
  it('keeps the newer incident view', () => {
    const old = view({ updated_at_ms: 5, state: 'accepted' });
    const cur = view({ updated_at_ms: 10 });
    expect(newerView(cur, old)).toBe(cur);
    expect(newerView(old, cur)).toBe(cur);
  });

  it('does not let a view with an older ambulance fix undo a position update', () => {
    const moved = withPosition(view(), { type: 'sos.position', incident_id: 'i1', ambulance_id: 'a1', position: { lat: 23.255, lon: 77.415, at_ms: 200 }, distance_m: 400, eta_s: 60 });
    expect(moved.ambulance?.distance_m).toBe(400);
    const polled = view({ updated_at_ms: 11 }); // newer state change, older position
    expect(newerView(moved, polled).ambulance).toMatchObject({ distance_m: 400, eta_s: 60, position: { at_ms: 200 } });
    const stale = withPosition(moved, { type: 'sos.position', incident_id: 'i1', ambulance_id: 'a1', position: { lat: 0, lon: 0, at_ms: 150 }, distance_m: 999, eta_s: null });
    expect(stale).toBe(moved);
  });

  it('ignores a position for another ambulance', () => {
    const v = view();
    expect(withPosition(v, { type: 'sos.position', incident_id: 'i1', ambulance_id: 'a2', position: { lat: 0, lon: 0, at_ms: 999 }, distance_m: 1, eta_s: 1 })).toBe(v);
  });
});

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  open() {
    this.onopen?.();
  }
  send(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}

describe('createLive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const get = vi.fn(async (id: string) => view({ id, updated_at_ms: 50 }));
    const list = vi.fn(async () => [view({ id: 'i2', state: 'alerting' })]);
    const live = createLive({
      token: async () => 'tok',
      url: (t) => `ws://test/ws?access_token=${t}`,
      get,
      list,
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    return { live, get, list };
  };

  it('opens the socket with the access token and applies its messages', async () => {
    const { live } = setup();
    const release = live.retain({ list: true });
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.all[0]!;
    expect(ws.url).toBe('ws://test/ws?access_token=tok');
    ws.open();
    ws.send({ type: 'hello', user_id: 'u1' });
    ws.send({ type: 'sos.alert', incident: view({ id: 'i3', state: 'alerting', updated_at_ms: 60 }) });
    expect(live.alerts.value).toBe(1);
    expect(live.incidents.value.i3?.state).toBe('alerting');
    ws.send({ type: 'sos.incident', incident: view({ id: 'i3', state: 'accepted', updated_at_ms: 70 }) });
    ws.send({ type: 'sos.position', incident_id: 'i3', ambulance_id: 'a1', position: { lat: 1, lon: 1, at_ms: 500 }, distance_m: 321, eta_s: 30 });
    expect(live.incidents.value.i3).toMatchObject({ state: 'accepted', ambulance: { distance_m: 321, eta_s: 30 } });
    release();
    expect(ws.closed).toBe(true);
  });

  it('polls every 5 s while the socket is down, and reconnects with backoff', async () => {
    const { live, get } = setup();
    const release = live.retain({ incident: 'i1' });
    await vi.advanceTimersByTimeAsync(0);
    expect(get).toHaveBeenCalledTimes(1); // at once
    FakeSocket.all[0]!.close(); // never opened: the server is unreachable
    await vi.advanceTimersByTimeAsync(5_000);
    expect(get).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(get).toHaveBeenCalledTimes(3);
    expect(FakeSocket.all.length).toBeGreaterThanOrEqual(2); // tried again within the first backoff steps
    const ws = FakeSocket.all.at(-1)!;
    ws.open();
    const calls = get.mock.calls.length;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(get.mock.calls.length).toBe(calls); // connected: only the slow safety poll
    release();
  });

  it('tries again at once when nudged (the network came back)', async () => {
    const { live } = setup();
    const release = live.retain({});
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.all[0]!.close();
    await vi.advanceTimersByTimeAsync(100);
    const before = FakeSocket.all.length;
    live.nudge();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all.length).toBe(before + 1);
    release();
  });

  it('hands every message to the screens listening, until they stop', async () => {
    const { live } = setup();
    const release = live.retain({});
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.all[0]!;
    ws.open();
    const heard: string[] = [];
    const stop = live.listen((msg) => heard.push(msg.type));
    ws.send({ type: 'consent.changed', consent_id: 'c1', action: 'consent.request' });
    stop();
    ws.send({ type: 'consent.changed', consent_id: 'c1', action: 'consent.revoke' });
    expect(heard).toEqual(['consent.changed']);
    release();
  });
});

// The SOS outbox: saved before any send, resent with the same id until the server has it, never sent twice, cancellable offline.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../api/errors';
import { MySehatDb } from '../session/db';
import { createSender, SosOutbox, type SenderDeps } from './outbox';
import type { CreateIncident, IncidentView, Location } from './types';

let dbCount = 0;
let idCount = 0;
const newOutbox = () => new SosOutbox(new MySehatDb(`sos-test-${++dbCount}`), () => `uuid-${++idCount}`);

const here: Location = { lat: 23.2599, lon: 77.4126, accuracy_m: 12, fixed_at_ms: 1_000, last_known: false };

const incidentFor = (body: CreateIncident, state: IncidentView['state'] = 'alerting'): IncidentView => ({
  id: `inc-${body.id}`, state, kind: body.kind ?? 'other', created_at_ms: 2_000, updated_at_ms: 2_000,
  patient: { name: 'Asha', phone: '+919876543210' }, location: body.location, digipin: '39J-49L-L8T4',
  maps_url: 'https://www.google.com/maps?q=23.2599,77.4126', facility: null, alerted: [], ambulance: null, events: [], call_112: false, medical_id: {}, recent_repeats: 0,
});

function deps(outbox: SosOutbox, overrides: Partial<SenderDeps> = {}): SenderDeps {
  return {
    outbox,
    owner: () => 'u1',
    create: vi.fn(async (body: CreateIncident) => incidentFor(body)),
    cancel: vi.fn(async (id: string) => ({ ...incidentFor({ id: id.slice(4), device_id: 'd', location: here }), state: 'cancelled' as const, updated_at_ms: 3_000 })),
    locate: vi.fn(async () => here),
    ...overrides,
  };
}

describe('SosOutbox', () => {
  it('keeps one device id for ever', async () => {
    const outbox = newOutbox();
    const first = await outbox.deviceId();
    expect(await outbox.deviceId()).toBe(first);
    const a = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    expect(a.deviceId).toBe(first);
  });

  it('saves the alert, queued, before anything is sent', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: 'chest_pain', location: here });
    expect(await outbox.get(entry.id)).toMatchObject({ status: 'queued', kind: 'chest_pain', attempts: 0, incident: null });
  });

  it('waits for a location when there was none', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: null, location: null });
    expect(entry.status).toBe('locating');
    const located = await outbox.setLocation(entry.id, here);
    expect(located).toMatchObject({ status: 'queued', location: here });
    // A location once set is what every resend carries.
    expect((await outbox.setLocation(entry.id, { ...here, lat: 1 }))?.location).toEqual(here);
  });
});

describe('sender', () => {
  it('sends a saved alert: the server sees the stored id, device id, kind and location', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: 'accident', location: here });
    const d = deps(outbox, {
      create: vi.fn(async (body: CreateIncident) => {
        expect((await outbox.get(body.id))?.status).toBe('queued'); // already durable when the request goes out
        return incidentFor(body);
      }),
    });
    await createSender(d).flush();
    expect(d.create).toHaveBeenCalledWith({ id: entry.id, device_id: entry.deviceId, kind: 'accident', location: here });
    expect(await outbox.get(entry.id)).toMatchObject({ status: 'sent', incident: { id: `inc-${entry.id}` } });
  });

  it('leaves out the kind when none was picked', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    const d = deps(outbox);
    await createSender(d).flush();
    expect(d.create).toHaveBeenCalledWith({ id: entry.id, device_id: entry.deviceId, location: here });
  });

  it('keeps it queued while offline and resends exactly the same body when the network returns', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: 'breathing', location: here });
    let up = false;
    const create = vi.fn(async (body: CreateIncident) => {
      if (!up) throw new NetworkError();
      return incidentFor(body);
    });
    const sender = createSender(deps(outbox, { create }));
    await sender.flush();
    await sender.flush();
    expect(await outbox.get(entry.id)).toMatchObject({ status: 'queued', attempts: 2, error: 'network' });
    up = true;
    await sender.flush();
    expect(await outbox.get(entry.id)).toMatchObject({ status: 'sent', error: null });
    const bodies = create.mock.calls.map(([b]) => JSON.stringify(b));
    expect(new Set(bodies).size).toBe(1);
    expect(create).toHaveBeenCalledTimes(3);
    await sender.flush();
    expect(create).toHaveBeenCalledTimes(3); // sent alerts are not sent again
  });

  it('runs one pass at a time: flushes that overlap send each alert once', async () => {
    const outbox = newOutbox();
    await outbox.add({ ownerId: 'u1', kind: null, location: here });
    const d = deps(outbox);
    const sender = createSender(d);
    await Promise.all([sender.flush(), sender.flush(), sender.flush()]);
    expect(d.create).toHaveBeenCalledTimes(1);
  });

  it('picks up an alert saved during a pass', async () => {
    const outbox = newOutbox();
    await outbox.add({ ownerId: 'u1', kind: null, location: here });
    let added = false;
    const d = deps(outbox, {
      create: vi.fn(async (body: CreateIncident) => {
        if (!added) {
          added = true;
          await outbox.add({ ownerId: 'u1', kind: 'other', location: here });
          void sender.flush(); // joins the pass under way, which then runs once more
        }
        return incidentFor(body);
      }),
    });
    const sender = createSender(d);
    await sender.flush();
    expect(d.create).toHaveBeenCalledTimes(2);
  });

  it('retries after server trouble and stops for good on a refusal', async () => {
    const outbox = newOutbox();
    const a = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    const create = vi.fn(async (): Promise<IncidentView> => {
      throw new ApiError(503, 'service_unavailable', 'busy');
    });
    const sender = createSender(deps(outbox, { create }));
    await sender.flush();
    expect(await outbox.get(a.id)).toMatchObject({ status: 'queued', error: 'service_unavailable' });
    create.mockRejectedValueOnce(new ApiError(409, 'conflict', 'different body'));
    await sender.flush();
    expect(await outbox.get(a.id)).toMatchObject({ status: 'rejected', error: 'conflict' });
    await sender.flush();
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('sends only the signed-in account’s alerts', async () => {
    const outbox = newOutbox();
    const mine = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    const theirs = await outbox.add({ ownerId: 'u2', kind: null, location: here });
    const d = deps(outbox);
    await createSender(d).flush();
    expect((await outbox.get(mine.id))?.status).toBe('sent');
    expect((await outbox.get(theirs.id))?.status).toBe('queued');
    const nobody = deps(outbox, { owner: () => null });
    await createSender(nobody).flush();
    expect(nobody.create).not.toHaveBeenCalled();
  });

  it('finds a location for an alert raised without one, then sends it', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: null, location: null });
    const locate = vi.fn<() => Promise<Location | null>>().mockResolvedValueOnce(null).mockResolvedValue({ ...here, last_known: true });
    const d = deps(outbox, { locate });
    const sender = createSender(d);
    await sender.flush();
    expect((await outbox.get(entry.id))?.status).toBe('locating');
    expect(d.create).not.toHaveBeenCalled();
    await sender.flush();
    expect(d.create).toHaveBeenCalledWith(expect.objectContaining({ location: { ...here, last_known: true } }));
  });

  it('cancels an alert that never left the device without telling the server', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    await outbox.cancel(entry.id);
    const d = deps(outbox);
    await createSender(d).flush();
    expect(d.create).not.toHaveBeenCalled();
    expect((await outbox.get(entry.id))?.status).toBe('cancelled');
  });

  it('cancels a sent alert offline, and tells the server when the network returns', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    const d = deps(outbox);
    const sender = createSender(d);
    await sender.flush();
    vi.mocked(d.cancel).mockRejectedValueOnce(new NetworkError());
    await outbox.cancel(entry.id);
    await sender.flush();
    expect((await outbox.get(entry.id))?.status).toBe('cancelling');
    await sender.flush();
    expect(d.cancel).toHaveBeenLastCalledWith(`inc-${entry.id}`);
    expect(await outbox.get(entry.id)).toMatchObject({ status: 'cancelled', incident: { state: 'cancelled' } });
  });

  it('after a send whose answer was lost, a cancel replays the create to find the incident, then cancels it', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    const d = deps(outbox);
    vi.mocked(d.create).mockRejectedValueOnce(new NetworkError()); // it may have arrived
    const sender = createSender(d);
    await sender.flush();
    await outbox.cancel(entry.id);
    expect((await outbox.get(entry.id))?.status).toBe('cancelling');
    await sender.flush();
    expect(d.create).toHaveBeenCalledTimes(2);
    expect(d.cancel).toHaveBeenCalledWith(`inc-${entry.id}`);
    expect((await outbox.get(entry.id))?.status).toBe('cancelled');
  });

  it('cancelled while the send is in flight: the server copy is cancelled too', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    const d = deps(outbox, {
      create: vi.fn(async (body: CreateIncident) => {
        await outbox.cancel(entry.id);
        return incidentFor(body);
      }),
    });
    await createSender(d).flush();
    expect(d.cancel).toHaveBeenCalledWith(`inc-${entry.id}`);
    expect((await outbox.get(entry.id))?.status).toBe('cancelled');
  });

  it('a refused cancel (already closed) leaves the alert as sent, with the reason', async () => {
    const outbox = newOutbox();
    const entry = await outbox.add({ ownerId: 'u1', kind: null, location: here });
    const d = deps(outbox);
    const sender = createSender(d);
    await sender.flush();
    vi.mocked(d.cancel).mockRejectedValueOnce(new ApiError(409, 'conflict', 'closed'));
    await outbox.cancel(entry.id);
    await sender.flush();
    expect(await outbox.get(entry.id)).toMatchObject({ status: 'sent', error: 'conflict' });
  });

  it('start() sends at once, on every online event and on the interval', async () => {
    vi.useFakeTimers();
    try {
      const outbox = newOutbox();
      const d = deps(outbox);
      const flushes = vi.spyOn(outbox, 'pending');
      const events = new EventTarget();
      const stop = createSender(d).start(events, 10_000);
      await vi.waitFor(() => expect(flushes).toHaveBeenCalledTimes(1));
      events.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(flushes).toHaveBeenCalledTimes(2));
      await vi.advanceTimersByTimeAsync(10_000);
      await vi.waitFor(() => expect(flushes).toHaveBeenCalledTimes(3));
      stop();
      events.dispatchEvent(new Event('online'));
      await vi.advanceTimersByTimeAsync(30_000);
      expect(flushes).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

// The SOS outbox: an alert is saved on the device before anything is sent, then sent (and resent, with the same id) until the server has it.
import { ApiError, NetworkError } from '../api/errors';
import type { MySehatDb } from '../session/db';
import { SessionEnded } from '../session/session';
import type { CreateIncident, EmergencyKind, IncidentView, Location } from './types';

/**
 * `locating`: saved, waiting for any location fix; `queued`: ready, not yet accepted by the server; `sent`: the server has it;
 * `cancelling`: cancelled on the device, the server not told yet; `cancelled`; `rejected`: the server refused it (a 4xx).
 */
export type OutboxStatus = 'locating' | 'queued' | 'sent' | 'cancelling' | 'cancelled' | 'rejected';

export interface OutboxSos {
  /** The client UUID: the server's idempotency key, the same on every resend. */
  id: string;
  ownerId: string;
  deviceId: string;
  kind: EmergencyKind | null;
  location: Location | null;
  createdAtMs: number;
  status: OutboxStatus;
  attempts: number;
  lastAttemptMs: number | null;
  /** The code of the last failure (`network`, or the server's error code). */
  error: string | null;
  /** The server's latest view, once it answered. */
  incident: IncidentView | null;
}

/** Still needs the network: a send or a cancel not yet confirmed. */
export const isPending = (e: OutboxSos): boolean => e.status === 'locating' || e.status === 'queued' || e.status === 'cancelling';

/** The request body, built only from stored fields so every resend is byte-for-byte the same alert. */
export function bodyOf(e: OutboxSos & { location: Location }): CreateIncident {
  const body: CreateIncident = { id: e.id, device_id: e.deviceId, location: e.location };
  if (e.kind) body.kind = e.kind;
  return body;
}

export class SosOutbox {
  constructor(
    private readonly db: MySehatDb,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** This device's id, made once and kept. */
  async deviceId(): Promise<string> {
    return this.db.transaction('rw', this.db.kv, async () => {
      const row = await this.db.kv.get('device-id');
      if (typeof row?.value === 'string') return row.value;
      const id = this.newId();
      await this.db.kv.put({ key: 'device-id', value: id });
      return id;
    });
  }

  /** Saves a new alert; it is durable when this resolves. */
  async add(input: { ownerId: string; kind: EmergencyKind | null; location: Location | null }, now = Date.now()): Promise<OutboxSos> {
    const entry: OutboxSos = {
      id: this.newId(),
      ownerId: input.ownerId,
      deviceId: await this.deviceId(),
      kind: input.kind,
      location: input.location,
      createdAtMs: now,
      status: input.location ? 'queued' : 'locating',
      attempts: 0,
      lastAttemptMs: null,
      error: null,
      incident: null,
    };
    await this.db.sosOutbox.add(entry);
    return entry;
  }

  get(id: string): Promise<OutboxSos | undefined> {
    return this.db.sosOutbox.get(id);
  }

  /** The owner's alerts, newest first. */
  async forOwner(ownerId: string): Promise<OutboxSos[]> {
    const rows = await this.db.sosOutbox.where('ownerId').equals(ownerId).toArray();
    return rows.sort((a, b) => b.createdAtMs - a.createdAtMs);
  }

  /** The owner's alerts that still need the network, oldest first. */
  async pending(ownerId: string): Promise<OutboxSos[]> {
    const rows = await this.db.sosOutbox.where('ownerId').equals(ownerId).toArray();
    return rows.filter(isPending).sort((a, b) => a.createdAtMs - b.createdAtMs);
  }

  /** Gives a `locating` alert its location; a location once set is never changed (resends must match). */
  setLocation(id: string, location: Location): Promise<OutboxSos | undefined> {
    return this.update(id, (e) => (e.status === 'locating' ? { ...e, location, status: 'queued' } : e));
  }

  /** Records the server's answer; an alert cancelled while its send was in flight goes on to be cancelled on the server. */
  markSent(id: string, incident: IncidentView): Promise<OutboxSos | undefined> {
    return this.update(id, (e) => ({
      ...e,
      incident,
      error: null,
      status: e.status === 'cancelled' || e.status === 'cancelling' ? 'cancelling' : 'sent',
    }));
  }

  markFailed(id: string, code: string, now = Date.now()): Promise<OutboxSos | undefined> {
    return this.update(id, (e) => ({ ...e, error: code, attempts: e.attempts + 1, lastAttemptMs: now }));
  }

  markRejected(id: string, code: string, now = Date.now()): Promise<OutboxSos | undefined> {
    return this.update(id, (e) => ({ ...e, status: 'rejected', error: code, attempts: e.attempts + 1, lastAttemptMs: now }));
  }

  /** Keeps the latest server view (from the live channel or a poll). */
  saveIncident(id: string, incident: IncidentView): Promise<OutboxSos | undefined> {
    return this.update(id, (e) => {
      if (e.incident && e.incident.updated_at_ms > incident.updated_at_ms) return e;
      return { ...e, incident, status: e.status === 'cancelling' && incident.state === 'cancelled' ? 'cancelled' : e.status };
    });
  }

  /**
   * Cancels on the device at once. Never tried → cancelled. Sent, or tried (a send whose answer was lost may have arrived) →
   * `cancelling`: the sender replays the create (the server dedupes it) to learn the incident, then cancels it.
   */
  cancel(id: string): Promise<OutboxSos | undefined> {
    return this.update(id, (e) => {
      if (e.status === 'locating' || (e.status === 'queued' && e.attempts === 0)) return { ...e, status: 'cancelled' };
      if (e.status === 'queued' || e.status === 'sent') return { ...e, status: 'cancelling', error: null };
      return e;
    });
  }

  /** The server refused the cancel (e.g. already closed): back to `sent`, with the reason. */
  cancelRefused(id: string, code: string): Promise<OutboxSos | undefined> {
    return this.update(id, (e) => (e.status === 'cancelling' ? { ...e, status: 'sent', error: code } : e));
  }

  private update(id: string, change: (e: OutboxSos) => OutboxSos): Promise<OutboxSos | undefined> {
    return this.db.transaction('rw', this.db.sosOutbox, async () => {
      const current = await this.db.sosOutbox.get(id);
      if (!current) return undefined;
      const next = change(current);
      if (next !== current) await this.db.sosOutbox.put(next);
      return next;
    });
  }
}

export interface SenderDeps {
  outbox: SosOutbox;
  /** The signed-in user's id, or null: alerts are sent only by the account that raised them. */
  owner: () => string | null;
  create: (body: CreateIncident) => Promise<IncidentView>;
  cancel: (incidentId: string) => Promise<IncidentView>;
  /** A location for an alert raised before any fix: a fresh fix or the last known one; null if there is none yet. */
  locate: () => Promise<Location | null>;
  now?: () => number;
}

/** Server or network trouble worth retrying later; anything else in 4xx means this request will never succeed. */
const retryable = (e: unknown) =>
  e instanceof NetworkError || e instanceof SessionEnded || !(e instanceof ApiError) || e.status >= 500 || [401, 408, 429].includes(e.status);

const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : e instanceof NetworkError ? 'network' : 'unknown');

/** Sends pending alerts; one pass at a time, and a call during a pass runs one more pass after it. */
export function createSender(deps: SenderDeps) {
  const { outbox } = deps;
  const now = deps.now ?? Date.now;
  let running: Promise<void> | null = null;
  let again = false;

  /** One entry; false when the network or server is down, so the rest wait for the next flush. */
  async function sendOne(entry: OutboxSos): Promise<boolean> {
    let e: OutboxSos | undefined = entry;
    if (e.status === 'locating') {
      const location = await deps.locate();
      if (!location) return true; // nothing to send yet; the others may still go
      e = await outbox.setLocation(e.id, location);
      if (!e || e.status !== 'queued') return true;
    }
    try {
      if ((e.status === 'queued' || (e.status === 'cancelling' && !e.incident)) && e.location) {
        const incident = await deps.create(bodyOf({ ...e, location: e.location }));
        e = await outbox.markSent(e.id, incident);
      }
      if (e?.status === 'cancelling' && e.incident) {
        const incident = await deps.cancel(e.incident.id);
        await outbox.saveIncident(e.id, incident);
      }
      return true;
    } catch (err) {
      if (retryable(err)) {
        await outbox.markFailed(entry.id, codeOf(err), now());
        return false;
      }
      if (e?.status === 'cancelling') await outbox.cancelRefused(e.id, codeOf(err));
      else await outbox.markRejected(entry.id, codeOf(err), now());
      return true;
    }
  }

  async function pass(): Promise<void> {
    const owner = deps.owner();
    if (!owner) return;
    for (const entry of await outbox.pending(owner)) {
      if (!(await sendOne(entry))) return;
    }
  }

  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  /** Flushes now, on every `online` event and every `intervalMs`; returns the stop function. */
  function start(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window, intervalMs = 10_000): () => void {
    const onOnline = () => void flush().catch(() => undefined);
    target.addEventListener('online', onOnline);
    const timer = setInterval(onOnline, intervalMs);
    onOnline();
    return () => {
      target.removeEventListener('online', onOnline);
      clearInterval(timer);
    };
  }

  return { flush, start };
}

export type SosSender = ReturnType<typeof createSender>;

// The app's SOS instances (outbox, sender, live channel) wired to the real database, session and server, and their start-up.
import { signal } from '@preact/signals';
import { liveQuery } from 'dexie';
import { useEffect } from 'preact/hooks';
import { makeClient } from '../api/client';
import { db, session } from '../app-state';
import { lang } from '../i18n';
import { online } from '../net/online';
import { sosApi } from './api';
import { createLive } from './live';
import { FixStore, toLocation } from './location';
import { createSender, SosOutbox, type OutboxSos } from './outbox';

export const outbox = new SosOutbox(db);
export const fixes = new FixStore(db);
export const sos = sosApi(makeClient(location.origin, () => lang.value), session.authed);

/** Every alert on this device (all accounts), kept current from IndexedDB. */
export const outboxEntries = signal<OutboxSos[] | undefined>(undefined);

export const sender = createSender({
  outbox,
  owner: () => session.current.peek()?.user?.id ?? null,
  create: sos.create,
  cancel: sos.cancel,
  locate: async () => {
    const fix = await fixes.locate();
    return fix ? toLocation(fix) : null;
  },
});

export const live = createLive({
  token: () => session.authed(async (token) => token),
  url: (token) => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?access_token=${encodeURIComponent(token)}`,
  get: sos.get,
  list: sos.list,
  onIncident: (view) => {
    // Keep the device's copy current so the status screen still shows it offline.
    const entry = outboxEntries.peek()?.find((e) => e.incident?.id === view.id);
    if (entry) void outbox.saveIncident(entry.id, view);
  },
});

/** Keeps the live channel open while the calling screen is shown. */
export function useLive(opts: { incident?: string | null; list?: boolean }): void {
  const incident = opts.incident ?? undefined;
  useEffect(() => live.retain({ incident, list: opts.list }), [incident, opts.list]);
}

let started = false;

/** Starts the sender (now, on `online`, every 10 s) and the outbox mirror; once per page. */
export function startSos(): void {
  if (started) return;
  started = true;
  liveQuery(() => db.sosOutbox.toArray()).subscribe({
    next: (rows) => {
      outboxEntries.value = rows.sort((a, b) => b.createdAtMs - a.createdAtMs);
    },
    error: () => {
      outboxEntries.value = [];
    },
  });
  sender.start();
  window.addEventListener('online', () => live.nudge());
  online.subscribe((up) => {
    if (up) void sender.flush().catch(() => undefined);
  });
}

// Health Worker Mode wired to the app: the device store, the sync engine and the HW API over the real database, session and
// server; the signals the sync bar reads; and the start-up (sync now, on every `online` event, every minute, after each save).
import { computed, effect, signal } from '@preact/signals';
import { liveQuery } from 'dexie';
import { makeClient } from '../api/client';
import { db, session } from '../app-state';
import { lang } from '../i18n';
import { online } from '../net/online';
import { hwApi, toVillage, type Village } from './api';
import { HwStore, NoNumberLeft, type Change, type Mutation, type Resource } from './store';
import { createSync, httpSyncApi } from './sync';

export const hwStore = new HwStore(db);
const client = makeClient(location.origin, () => lang.value);
export const hw = hwApi(client, session.authed);
const engine = createSync({ store: hwStore, api: httpSyncApi(client, session.authed), owner: () => ownerId() });

/** The signed-in health worker's id; null for anyone else (their phones have nothing to sync). */
export function ownerId(): string | null {
  const user = session.current.peek()?.user;
  return user?.role === 'health_worker' ? user.id : null;
}

/** The outbox of the signed-in worker, kept current from IndexedDB. */
export const outboxRows = signal<Mutation[]>([]);
export const unsyncedCount = computed(() => outboxRows.value.filter((m) => m.state === 'pending' || m.state === 'held').length);
export const attentionRows = computed(() => outboxRows.value.filter((m) => m.state === 'rejected' || m.state === 'conflict'));
export const syncing = signal(false);
/** The last failure of a sync, for the bar; cleared by the next success. */
export const syncProblem = signal<unknown>(null);
/** Epoch ms of the last sync that finished, on this device, for the signed-in worker. */
export const lastSync = signal<number | null>(null);
/** Reserved household numbers left on this device, and the next one. */
export const numbers = signal<{ left: number; next: string | null }>({ left: 0, next: null });

const lastSyncKey = (owner: string) => `hw-last-sync:${owner}`;
const villagesKey = (owner: string) => `hw-villages:${owner}`;
/** Below this many numbers left, reserve another block while online. */
const NUMBERS_LOW = 10;
const NUMBERS_BLOCK = 50;

async function refreshNumbers(owner: string): Promise<void> {
  numbers.value = await hwStore.numbers(owner);
}

let toppingUp: Promise<void> | null = null;

/** Reserves another block of household numbers when few are left; does nothing offline. One request at a time. */
export function topUpNumbers(): Promise<void> {
  toppingUp ??= (async () => {
    const owner = ownerId();
    if (!owner) return;
    await refreshNumbers(owner);
    if (numbers.peek().left >= NUMBERS_LOW || !online.peek()) return;
    const block = await hw.numbers(await hwStore.deviceId(), NUMBERS_BLOCK);
    await hwStore.addNumbers(owner, block);
    await refreshNumbers(owner);
  })().finally(() => (toppingUp = null));
  return toppingUp;
}

/** Pushes and pulls now (one run at a time); failures are shown by the bar, never thrown. */
export async function syncNow(): Promise<void> {
  const owner = ownerId();
  if (!owner) return;
  syncing.value = true;
  try {
    await engine.sync();
    const at = Date.now();
    await db.kv.put({ key: lastSyncKey(owner), value: at });
    lastSync.value = at;
    syncProblem.value = null;
    await topUpNumbers().catch(() => undefined);
  } catch (e) {
    syncProblem.value = e;
  } finally {
    syncing.value = engine.isRunning();
  }
}

/** Saves one group of changes on the device, then tries to sync it. */
export async function save(changes: Change[]): Promise<void> {
  const owner = ownerId();
  if (!owner) throw new Error('not a health worker');
  await hwStore.save(owner, changes);
  void syncNow();
}

/** Saves a new household with the next reserved number; returns the number. */
export async function saveHousehold(build: (number: string) => Change[]): Promise<string> {
  const owner = ownerId();
  if (!owner) throw new Error('not a health worker');
  const { number } = await hwStore.saveHousehold(owner, build);
  await refreshNumbers(owner);
  void syncNow();
  return number;
}

export { NoNumberLeft };

/** The worker's villages as last loaded, for names on every screen. */
export const villages = signal<Village[]>([]);

/** The worker's villages: from the server when online (and kept), else the copy kept on the device. */
export async function loadVillages(): Promise<{ villages: Village[]; cached: boolean }> {
  const owner = ownerId();
  if (!owner) return { villages: [], cached: true };
  try {
    const list = await hw.villages();
    await db.kv.put({ key: villagesKey(owner), value: list });
    villages.value = list;
    return { villages: list, cached: false };
  } catch (e) {
    const row = await db.kv.get(villagesKey(owner));
    if (!Array.isArray(row?.value)) throw e;
    villages.value = (row.value as unknown[]).map(toVillage);
    return { villages: villages.value, cached: true };
  }
}

export const villageName = (id: string): string => villages.value.find((v) => v.id === id)?.name ?? id;

/** Every resource of one type the worker has on the device, kept current. */
export function liveList(type: string) {
  const owner = ownerId() ?? '';
  return liveQuery(() => hwStore.list(owner, type));
}

export function liveHousehold(household: string) {
  const owner = ownerId() ?? '';
  return liveQuery(() => hwStore.inHousehold(owner, household));
}

export function liveGet(type: string, id: string) {
  const owner = ownerId() ?? '';
  return liveQuery(() => hwStore.get(owner, type, id));
}

export const discardGroup = async (group: string): Promise<void> => {
  const owner = ownerId();
  if (owner) await hwStore.discardGroup(owner, group);
};

export type { Resource };

let started = false;

/** Starts syncing for the signed-in health worker: now, on `online`, every minute while online; once per page. */
export function startHw(): void {
  if (started) return;
  started = true;
  let unsubscribe: (() => void) | null = null;
  let current: string | null = null;
  effect(() => {
    const user = session.current.value?.user;
    const owner = user?.role === 'health_worker' ? user.id : null;
    if (owner === current) return;
    current = owner;
    unsubscribe?.();
    unsubscribe = null;
    outboxRows.value = [];
    lastSync.value = null;
    if (!owner) return;
    const sub = liveQuery(() => hwStore.outbox(owner)).subscribe({ next: (rows) => (outboxRows.value = rows), error: () => undefined });
    unsubscribe = () => sub.unsubscribe();
    void db.kv.get(lastSyncKey(owner)).then((row) => (lastSync.value = typeof row?.value === 'number' ? row.value : null));
    void refreshNumbers(owner);
    void syncNow();
  });
  let wasOnline = online.peek();
  online.subscribe((up) => {
    if (up && !wasOnline) void syncNow(); // the network came back
    wasOnline = up;
  });
  setInterval(() => {
    if (online.peek()) void syncNow();
  }, 60_000);
}

/** Whether logging out would lose work: anything not yet on the server. */
export async function unsyncedTotal(): Promise<number> {
  const owner = ownerId();
  if (!owner) return 0;
  const { unsynced, attention } = await hwStore.counts(owner);
  return unsynced + attention;
}

/** On log out (nothing unsynced): the phone keeps no one's health records. */
export async function forgetOnLogout(): Promise<void> {
  const owner = ownerId();
  if (owner) await hwStore.clearSynced(owner);
}

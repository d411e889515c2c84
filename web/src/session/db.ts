// The device's IndexedDB database (Dexie): the signed-in session and the cached account, so Home opens offline; the SOS outbox;
// the last medical ID of each account, so it can be read (and its card printed) without a network; Health Worker Mode's records
// and outbox (web/src/hw/store.ts).
import Dexie, { type EntityTable } from 'dexie';
import type { User } from '../api/types';
import type { HwRecord, Mutation } from '../hw/store';
import type { SavedMedicalId } from '../medical-id/cache';
import type { OutboxSos } from '../sos/outbox';

export interface StoredSession {
  key: 'current';
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  accessExpiresAt: number;
  /** The last /auth/me answer; null until it has been fetched once. */
  user: User | null;
}

/** Small device-wide values: the SOS device id, the last location fix. */
export interface KeyValue {
  key: string;
  value: unknown;
}

export class MySehatDb extends Dexie {
  session!: EntityTable<StoredSession, 'key'>;
  sosOutbox!: EntityTable<OutboxSos, 'id'>;
  kv!: EntityTable<KeyValue, 'key'>;
  medicalIds!: EntityTable<SavedMedicalId, 'ownerId'>;
  hwRecords!: EntityTable<HwRecord, 'key'>;
  hwOutbox!: EntityTable<Mutation, 'id'>;

  constructor(name = 'mysehat') {
    super(name);
    // Append-only: add a new version() with an upgrade instead of editing this one.
    this.version(1).stores({ session: 'key' });
    this.version(2).stores({ sosOutbox: 'id, ownerId, createdAtMs', kv: 'key' });
    this.version(3).stores({ medicalIds: 'ownerId' });
    this.version(4).stores({ hwRecords: 'key, owner, [owner+type], [owner+household]', hwOutbox: 'id, owner, group, seq' });
  }
}

// The device's IndexedDB database (Dexie): the signed-in session and the cached account, so Home opens offline.
import Dexie, { type EntityTable } from 'dexie';
import type { User } from '../api/types';

export interface StoredSession {
  key: 'current';
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  accessExpiresAt: number;
  /** The last /auth/me answer; null until it has been fetched once. */
  user: User | null;
}

export class MySehatDb extends Dexie {
  session!: EntityTable<StoredSession, 'key'>;

  constructor(name = 'mysehat') {
    super(name);
    // Append-only: add a new version() with an upgrade instead of editing this one.
    this.version(1).stores({ session: 'key' });
  }
}

// Reads and writes the one stored session; each write is a single transaction so a rotated refresh token is never half-saved.
import type { TokenPair, User } from '../api/types';
import type { MySehatDb, StoredSession } from './db';

export class SessionStore {
  constructor(private readonly db: MySehatDb) {}

  load(): Promise<StoredSession | undefined> {
    return this.db.session.get('current');
  }

  /** A fresh login: replaces whatever session (and whoever's cached account) was here. */
  async begin(tokens: TokenPair, now = Date.now()): Promise<StoredSession> {
    const next = fromTokens(tokens, now, null);
    await this.db.session.put(next);
    return next;
  }

  /** Saves rotated tokens, keeping the cached user; resolves only once they are durable. Null if the session ended meanwhile. */
  saveRotated(tokens: TokenPair, now = Date.now()): Promise<StoredSession | null> {
    return this.db.transaction('rw', this.db.session, async () => {
      const previous = await this.db.session.get('current');
      if (!previous) return null;
      const next = fromTokens(tokens, now, previous.user);
      await this.db.session.put(next);
      return next;
    });
  }

  /** Caches the account; does nothing if the session ended meanwhile (a late /auth/me must not resurrect it). */
  saveUser(user: User): Promise<StoredSession | undefined> {
    return this.db.transaction('rw', this.db.session, async () => {
      const current = await this.db.session.get('current');
      if (!current) return undefined;
      const next = { ...current, user };
      await this.db.session.put(next);
      return next;
    });
  }

  clear(): Promise<void> {
    return this.db.session.delete('current');
  }
}

function fromTokens(tokens: TokenPair, now: number, user: User | null): StoredSession {
  return {
    key: 'current',
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    accessExpiresAt: now + tokens.expires_in * 1000,
    user,
  };
}

// Signing in and out, the "401 → one refresh → retry, else back to login" rule, and the session signal screens read.
import { signal } from '@preact/signals';
import { ApiError } from '../api/errors';
import type { AuthApi } from '../api/auth';
import type { User } from '../api/types';
import type { StoredSession } from './db';
import type { SessionStore } from './store';

/** The session is gone (refresh refused, or logged out elsewhere): the person has to log in again. */
export class SessionEnded extends Error {
  constructor() {
    super('session ended');
    this.name = 'SessionEnded';
  }
}

type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

export interface SessionDeps {
  store: SessionStore;
  api: AuthApi;
  /** Serialises refreshes across calls and tabs: a refresh token used twice revokes the whole session. */
  lock?: Lock;
  now?: () => number;
}

/** Refresh this long before the access token's stated expiry, to allow for clock skew and slow networks. */
const SKEW_MS = 30_000;

/** A refusal of the refresh token itself (not a server or rate-limit hiccup) ends the session. */
const refusesToken = (e: unknown) => e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429;

export function webLock(name: string): Lock {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(name, fn) as Promise<T>;
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
}

export function createSession(deps: SessionDeps) {
  const { store, api } = deps;
  const lock = deps.lock ?? webLock('mysehat-refresh');
  const now = deps.now ?? Date.now;
  /** undefined while the device store is being read; null when nobody is signed in. */
  const current = signal<StoredSession | null | undefined>(undefined);
  /** Set when the server ended the session, so the login screen can say why. */
  const expired = signal(false);

  async function end(): Promise<never> {
    await store.clear();
    current.value = null;
    expired.value = true;
    throw new SessionEnded();
  }

  /** Trades `stale` for new tokens, unless another call or tab already did. */
  function rotate(stale: string): Promise<StoredSession> {
    return lock(async () => {
      const latest = await store.load();
      if (!latest) throw new SessionEnded();
      if (latest.refreshToken !== stale) return latest;
      let tokens;
      try {
        tokens = await api.refresh(latest.refreshToken);
      } catch (e) {
        if (refusesToken(e)) return end();
        throw e;
      }
      const saved = await store.saveRotated(tokens, now());
      if (!saved) throw new SessionEnded();
      current.value = saved;
      return saved;
    });
  }

  /** Runs an authenticated call with the stored access token, refreshing once on expiry or 401. */
  async function authed<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    let s = await store.load();
    if (!s) throw new SessionEnded();
    if (s.accessExpiresAt - SKEW_MS <= now()) s = await rotate(s.refreshToken);
    try {
      return await call(s.accessToken);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
    s = await rotate(s.refreshToken);
    try {
      return await call(s.accessToken);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return end();
      throw e;
    }
  }

  /** Shows whatever the device has at once; the caller refreshes the account when online. */
  async function start(): Promise<void> {
    current.value = (await store.load()) ?? null;
  }

  /** Fetches /auth/me and caches it. */
  async function refreshUser(): Promise<User> {
    const user = await authed((token) => api.me(token));
    const saved = await store.saveUser(user);
    if (saved) current.value = saved;
    return user;
  }

  async function logIn(phone: string, password: string): Promise<User> {
    const tokens = await api.login({ phone, password });
    await store.begin(tokens, now());
    try {
      const user = await refreshUser();
      expired.value = false;
      return user;
    } catch (e) {
      await store.clear(); // half a login (tokens, no account) would show an empty Home
      current.value = null;
      throw e;
    }
  }

  /** Forgets the session on this device first, so logging out works offline; then tells the server if it can. */
  async function logOut(): Promise<void> {
    const s = await store.load();
    await store.clear();
    current.value = null;
    expired.value = false;
    if (s) await api.logout(s.refreshToken).catch(() => undefined);
  }

  return { current, expired, start, authed, refreshUser, logIn, logOut };
}

export type Session = ReturnType<typeof createSession>;

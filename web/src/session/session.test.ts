// The session rules a person relies on: stays signed in offline, refreshes exactly once, and is sent to login when refused.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { AuthApi } from '../api/auth';
import { ApiError, NetworkError } from '../api/errors';
import type { TokenPair, User } from '../api/types';
import { MySehatDb } from './db';
import { createSession, SessionEnded } from './session';
import { SessionStore } from './store';

const asha: User = {
  id: 'u1', name: 'Asha Devi', phone: '+919876543210', role: 'patient',
  language: 'hi', facility_id: null, area: null, created_at: '2025-01-01T00:00:00Z',
};

let dbCount = 0;
const newStore = () => new SessionStore(new MySehatDb(`test-${++dbCount}`));
const unauthorized = () => new ApiError(401, 'unauthorized', 'unauthorized');

/** A tiny in-memory server with rotating refresh tokens: reusing an old one revokes everything. */
function fakeServer() {
  let n = 0;
  let access = new Set<string>();
  let refresh: string | null = null;
  const issue = (): TokenPair => {
    n++;
    access = new Set([`a${n}`]);
    refresh = `r${n}`;
    return { access_token: `a${n}`, refresh_token: `r${n}`, expires_in: 900, token_type: 'Bearer' };
  };
  const api: AuthApi = {
    register: vi.fn(async () => asha),
    login: vi.fn(async () => issue()),
    refresh: vi.fn(async (token: string) => {
      if (token !== refresh) {
        refresh = null;
        access.clear();
        throw unauthorized();
      }
      return issue();
    }),
    logout: vi.fn(async () => undefined),
    me: vi.fn(async (token: string) => {
      if (!access.has(token)) throw unauthorized();
      return asha;
    }),
  };
  return { api, expireAccess: () => access.clear(), revokeAll: () => { refresh = null; access.clear(); } };
}

describe('SessionStore', () => {
  it('keeps the cached account when tokens rotate, and drops it on a new login', async () => {
    const store = newStore();
    await store.begin({ access_token: 'a', refresh_token: 'r', expires_in: 60, token_type: 'Bearer' }, 1000);
    await store.saveUser(asha);
    const rotated = await store.saveRotated({ access_token: 'a2', refresh_token: 'r2', expires_in: 60, token_type: 'Bearer' }, 2000);
    expect(rotated).toMatchObject({ refreshToken: 'r2', accessExpiresAt: 62_000, user: asha });
    await store.begin({ access_token: 'b', refresh_token: 's', expires_in: 60, token_type: 'Bearer' });
    expect((await store.load())?.user).toBeNull();
  });

  it('does not bring back a cleared session when a late answer arrives', async () => {
    const store = newStore();
    await store.begin({ access_token: 'a', refresh_token: 'r', expires_in: 60, token_type: 'Bearer' });
    await store.clear();
    expect(await store.saveUser(asha)).toBeUndefined();
    expect(await store.saveRotated({ access_token: 'x', refresh_token: 'y', expires_in: 1, token_type: 'Bearer' })).toBeNull();
    expect(await store.load()).toBeUndefined();
  });
});

describe('createSession', () => {
  it('logs in, caches the account, and shows it again on the next start without the network', async () => {
    const store = newStore();
    const server = fakeServer();
    const user = await createSession({ store, api: server.api }).logIn('98765 43210', 'secret-pass');
    expect(user.name).toBe('Asha Devi');

    const offline = { ...server.api, me: vi.fn(async () => { throw new NetworkError(); }) };
    const next = createSession({ store, api: offline });
    await next.start();
    expect(next.current.value?.user?.name).toBe('Asha Devi');
    await expect(next.refreshUser()).rejects.toBeInstanceOf(NetworkError);
    expect(next.current.value?.user?.name).toBe('Asha Devi'); // still signed in
  });

  it('on a 401 refreshes once, saves the new tokens first, then retries', async () => {
    const store = newStore();
    const server = fakeServer();
    const session = createSession({ store, api: server.api });
    await session.logIn('9876543210', 'secret-pass');
    server.expireAccess();
    await expect(session.refreshUser()).resolves.toEqual(asha);
    expect(server.api.refresh).toHaveBeenCalledTimes(1);
    expect((await store.load())?.refreshToken).toBe('r2');
  });

  it('never spends the same refresh token twice when calls fail together', async () => {
    const store = newStore();
    const server = fakeServer();
    const session = createSession({ store, api: server.api });
    await session.logIn('9876543210', 'secret-pass');
    server.expireAccess();
    const results = await Promise.all([session.refreshUser(), session.refreshUser(), session.refreshUser()]);
    expect(results.map((u) => u.id)).toEqual(['u1', 'u1', 'u1']);
    expect(server.api.refresh).toHaveBeenCalledTimes(1);
    expect(session.current.value).not.toBeNull();
  });

  it('refreshes before the call when the access token has expired', async () => {
    const store = newStore();
    const server = fakeServer();
    let clock = 0;
    const session = createSession({ store, api: server.api, now: () => clock });
    await session.logIn('9876543210', 'secret-pass');
    clock = 901_000;
    await session.refreshUser();
    expect(server.api.refresh).toHaveBeenCalledTimes(1);
    expect(server.api.me).toHaveBeenCalledTimes(2); // once at login, once now: no wasted 401
  });

  it('sends the person to login when the refresh token is refused', async () => {
    const store = newStore();
    const server = fakeServer();
    const session = createSession({ store, api: server.api });
    await session.logIn('9876543210', 'secret-pass');
    server.revokeAll();
    await expect(session.refreshUser()).rejects.toBeInstanceOf(SessionEnded);
    expect(session.current.value).toBeNull();
    expect(session.expired.value).toBe(true);
    expect(await store.load()).toBeUndefined();
  });

  it('keeps the session when the refresh fails only because the network is down', async () => {
    const store = newStore();
    const server = fakeServer();
    const session = createSession({ store, api: server.api });
    await session.logIn('9876543210', 'secret-pass');
    server.expireAccess();
    vi.mocked(server.api.refresh).mockRejectedValueOnce(new NetworkError());
    await expect(session.refreshUser()).rejects.toBeInstanceOf(NetworkError);
    expect(await store.load()).toBeDefined();
  });

  it('logs out on the device even when the server cannot be reached', async () => {
    const store = newStore();
    const server = fakeServer();
    const session = createSession({ store, api: server.api });
    await session.logIn('9876543210', 'secret-pass');
    vi.mocked(server.api.logout).mockRejectedValueOnce(new NetworkError());
    await session.logOut();
    expect(session.current.value).toBeNull();
    expect(await store.load()).toBeUndefined();
    expect(server.api.logout).toHaveBeenCalledWith('r1');
  });

  it('leaves no half session behind when the account cannot be fetched after login', async () => {
    const store = newStore();
    const server = fakeServer();
    vi.mocked(server.api.me).mockRejectedValueOnce(new NetworkError());
    const session = createSession({ store, api: server.api });
    await expect(session.logIn('9876543210', 'secret-pass')).rejects.toBeInstanceOf(NetworkError);
    expect(await store.load()).toBeUndefined();
    expect(session.current.value).toBeNull();
  });
});

// Sync as a health worker relies on it: a save is whole or absent, a lost answer never duplicates a record, a page and its cursor
// land together, a reset keeps unsynced work, a digest that disagrees brings a full pull, and a token expiring mid-sync is renewed.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { AuthApi } from '../api/auth';
import createClient from 'openapi-fetch';
import { NetworkError } from '../api/errors';
import type { paths } from '../api/schema';
import { MySehatDb, type KeyValue } from '../session/db';
import { createSession } from '../session/session';
import { SessionStore } from '../session/store';
import { HwStore, keyOf, type Resource } from './store';
import { createSync, httpSyncApi, recordHash, type PullPage, type PullRequest, type PushRequest, type PushResult, type SyncApi } from './sync';

const BASE = 'http://mysehat.test';
const OWNER = 'sunita';
const village = (id: string) => ({ tag: [{ system: 'https://mysehat.in/fhir/CodeSystem/village', code: id }] });
const patient = (id: string, name = 'Kamla'): Resource => ({ resourceType: 'Patient', id, meta: village('v1'), name: [{ text: name }] });

let dbCount = 0;
function newStore(newId?: (now: number) => string) {
  const db = new MySehatDb(`hw-sync-test-${++dbCount}`);
  return { db, store: new HwStore(db, newId) };
}

interface ServerRecord {
  type: string;
  id: string;
  version: number;
  seq: number;
  resource: Resource | null;
}

/** An in-memory /sync server: idempotent by (device, seq), 409 on a reused key with other content, a commit-ordered feed. */
function fakeServer(opts: { token?: () => string; keepServerValue?: (sent: Resource) => Resource } = {}) {
  let seq = 0;
  const records = new Map<string, ServerRecord>();
  const receipts = new Map<string, { content: string; result: PushResult }>();
  const calls: { path: string; cursor: string | null; digest: boolean }[] = [];
  const pushes: PushRequest[] = [];
  let loseNextAnswer = false;

  function write(type: string, id: string, resource: Resource | null): ServerRecord {
    const before = records.get(keyOf(type, id));
    const rec = { type, id, version: (before?.version ?? 0) + 1, seq: ++seq, resource };
    records.set(keyOf(type, id), rec);
    return rec;
  }

  async function digest() {
    let hash = 0n;
    let count = 0;
    for (const r of records.values()) {
      if (!r.resource) continue;
      count++;
      hash ^= BigInt(`0x${await recordHash(r.type, r.id, r.version)}`);
    }
    return { count, hash: hash.toString(16).padStart(16, '0') };
  }

  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    calls.push({ path: url.pathname, cursor: url.searchParams.get('cursor'), digest: url.searchParams.get('digest') === 'true' });
    if (opts.token && req.headers.get('Authorization') !== `Bearer ${opts.token()}`) {
      return json(401, { error: { code: 'unauthorized', message: 'token expired' } });
    }
    if (url.pathname === '/sync/push') {
      const body = (await req.json()) as PushRequest;
      pushes.push(body);
      for (const g of body.groups) {
        for (const m of g.mutations) {
          const seen = receipts.get(`${body.device}/${m.seq}`);
          if (seen && seen.content !== JSON.stringify(m)) return json(409, { error: { code: 'conflict', message: 'key reused' } });
        }
      }
      const groups = body.groups.map((g) => ({
        results: g.mutations.map((m) => {
          const key = `${body.device}/${m.seq}`;
          const seen = receipts.get(key);
          if (seen) return seen.result;
          const current = records.get(keyOf(m.type, m.resource_id));
          if (current?.resource && m.op === 'put' && opts.keepServerValue) {
            // A clash the server's value won: nothing written, no feed entry; only the answer tells the device.
            const resource = opts.keepServerValue(current.resource);
            const result: PushResult = { id: m.id, status: 'merged', version: current.version, conflicts: [{ field: 'name', kind: 'hard' }], resource: resource as never };
            receipts.set(key, { content: JSON.stringify(m), result });
            return result;
          }
          const rec = write(m.type, m.resource_id, m.op === 'put' ? (m.resource ?? null) : null);
          const result: PushResult = { id: m.id, status: 'applied', version: rec.version };
          receipts.set(key, { content: JSON.stringify(m), result });
          return result;
        }),
      }));
      if (loseNextAnswer) {
        loseNextAnswer = false;
        throw new NetworkError('answer lost');
      }
      return json(200, { groups });
    }
    if (url.pathname === '/sync/pull') {
      const after = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Number(url.searchParams.get('limit'));
      const feed = [...records.values()].filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq);
      const page = feed.slice(0, limit);
      const changes = page.map((r) =>
        r.resource
          ? { seq: r.seq, op: 'put', type: r.type, id: r.id, version: r.version, resource: r.resource }
          : { seq: r.seq, op: 'delete', type: r.type, id: r.id, version: r.version },
      );
      const cursor = String(page.at(-1)?.seq ?? after);
      const asked = url.searchParams.get('digest') === 'true';
      return json(200, { changes, cursor, more: feed.length > limit, reset: false, digest: asked ? await digest() : null });
    }
    return json(404, { error: { code: 'not_found', message: 'no route' } });
  }

  return {
    records,
    calls,
    pushes,
    write,
    loseNextAnswer: () => (loseNextAnswer = true),
    fetch: vi.fn(handle),
  };
}

const authedWith = (token: string) => <T>(call: (t: string) => Promise<T>) => call(token);

const clientOf = (server: ReturnType<typeof fakeServer>) => createClient<paths>({ baseUrl: BASE, fetch: server.fetch });

function wire(server: ReturnType<typeof fakeServer>, store: HwStore, pageSize = 50) {
  return createSync({ store, api: httpSyncApi(clientOf(server), authedWith('a1')), owner: () => OWNER, pageSize });
}

describe('a save', () => {
  it('writes the records and their outbox entries together, in one group with consecutive device sequence numbers', async () => {
    const { store } = newStore();
    const saved = await store.save(OWNER, [{ op: 'put', resource: patient('p1') }, { op: 'put', resource: patient('p2') }]);
    expect(saved.map((m) => m.seq)).toEqual([1, 2]);
    expect(new Set(saved.map((m) => m.group)).size).toBe(1);
    expect((await store.list(OWNER, 'Patient')).map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    expect(await store.counts(OWNER)).toEqual({ unsynced: 2, attention: 0 });
    const next = await store.save(OWNER, [{ op: 'put', resource: patient('p3') }]);
    expect(next[0]!.seq).toBe(3);
  });

  it('leaves nothing behind when any part of it fails', async () => {
    // The second mutation gets the first one's id, so its outbox insert fails after the first record was written.
    let n = 0;
    const { store } = newStore(() => (++n === 3 ? 'same' : n === 2 ? 'same' : `id-${n}`));
    await expect(store.save(OWNER, [{ op: 'put', resource: patient('p1') }, { op: 'put', resource: patient('p2') }])).rejects.toThrow();
    expect(await store.list(OWNER, 'Patient')).toEqual([]);
    expect(await store.counts(OWNER)).toEqual({ unsynced: 0, attention: 0 });
    const again = await store.save(OWNER, [{ op: 'put', resource: patient('p1') }]);
    expect(again[0]!.seq).toBe(1); // the failed save did not use up sequence numbers either
  });
});

describe('push', () => {
  it('sends each group once it is saved, and keeps the server version of each record', async () => {
    const { store } = newStore();
    const server = fakeServer();
    await store.save(OWNER, [{ op: 'put', resource: patient('p1') }]);
    await wire(server, store).sync();
    expect(await store.counts(OWNER)).toEqual({ unsynced: 0, attention: 0 });
    expect(await store.syncedVersion('Patient', 'p1')).toBe(1);
    expect(server.records.get('Patient/p1')?.version).toBe(1);
  });

  it('keeps the server\'s version as its copy when a clash left the server\'s value in place', async () => {
    const { store } = newStore();
    const server = fakeServer({ keepServerValue: (stored) => stored });
    server.write('Patient', 'p1', patient('p1', 'Kamla Devi'));
    const sync = wire(server, store);
    await sync.sync();
    await store.save(OWNER, [{ op: 'put', resource: patient('p1', 'Kamla Bai') }]);
    await sync.sync();
    expect(await store.counts(OWNER)).toEqual({ unsynced: 0, attention: 0 });
    expect((await store.get(OWNER, 'Patient', 'p1'))?.name).toEqual([{ text: 'Kamla Devi' }]);
  });

  it('re-sends the same keys after a lost answer, and the server keeps one copy', async () => {
    const { store } = newStore();
    const server = fakeServer();
    const sync = wire(server, store);
    await store.save(OWNER, [{ op: 'put', resource: patient('p1') }, { op: 'put', resource: patient('p2') }]);
    server.loseNextAnswer();
    await expect(sync.sync()).rejects.toBeInstanceOf(NetworkError);
    expect(await store.counts(OWNER)).toEqual({ unsynced: 2, attention: 0 });
    await sync.sync();
    expect(server.pushes).toHaveLength(2);
    expect(server.pushes[1]).toEqual(server.pushes[0]);
    expect([...server.records.values()].map((r) => [r.id, r.version])).toEqual([['p1', 1], ['p2', 1]]);
    expect(await store.counts(OWNER)).toEqual({ unsynced: 0, attention: 0 });
  });

  it('keeps held groups to re-push, and flags rejected ones with the reason', async () => {
    const { store } = newStore();
    const [held] = await store.save(OWNER, [{ op: 'put', resource: patient('p1') }]);
    const [bad] = await store.save(OWNER, [{ op: 'put', resource: patient('p2') }]);
    const api: SyncApi = {
      push: vi.fn(async () => ({
        groups: [
          { results: [{ id: held!.id, status: 'held' as const, reason: 'waits for Group/h1 version 1' }] },
          { results: [{ id: bad!.id, status: 'rejected' as const, reason: 'outside your villages', code: 'outside_scope' }] },
        ],
      })),
      pull: vi.fn(async (): Promise<PullPage> => ({ changes: [], cursor: '0', more: false, reset: false })),
    };
    const sync = createSync({ store, api, owner: () => OWNER });
    await sync.sync();
    const outbox = await store.outbox(OWNER);
    expect(outbox.map((m) => [m.resourceId, m.state, m.reason])).toEqual([
      ['p1', 'held', 'waits for Group/h1 version 1'],
      ['p2', 'rejected', 'outside your villages'],
    ]);
    expect(await store.counts(OWNER)).toEqual({ unsynced: 1, attention: 1 });
    await sync.sync();
    const second = vi.mocked(api.push).mock.calls[1]![0];
    expect(second.groups.map((g) => g.mutations.map((m) => m.id))).toEqual([[held!.id]]); // the rejected one waits for a person
  });

  it('finds the group behind a 409 by sending each alone, and flags only that one', async () => {
    const { store } = newStore();
    const server = fakeServer();
    const [m] = await store.save(OWNER, [{ op: 'put', resource: patient('p1') }]);
    await store.save(OWNER, [{ op: 'put', resource: patient('p2') }]);
    // Another install with the same device id already used sequence number 1 for something else.
    await server.fetch(new Request(`${BASE}/sync/push`, {
      method: 'POST',
      body: JSON.stringify({ device: await store.deviceId(), groups: [{ mutations: [{ ...m!, resource_id: 'other', base_version: null, resource: patient('other') }] }] }),
    }));
    await wire(server, store).sync();
    const outbox = await store.outbox(OWNER);
    expect(outbox.map((x) => [x.resourceId, x.state])).toEqual([['p1', 'conflict']]);
    expect(server.records.get('Patient/p2')?.version).toBe(1);
  });
});

describe('pull', () => {
  it('applies every page with its cursor and agrees with the digest', async () => {
    const { store } = newStore();
    const server = fakeServer();
    for (let i = 0; i < 5; i++) server.write('Patient', `s${i}`, patient(`s${i}`));
    server.write('Patient', 's0', patient('s0', 'Kamla Devi'));
    server.write('Patient', 's4', null);
    await wire(server, store, 2).sync();
    const names = (await store.list(OWNER, 'Patient')).map((p) => `${p.id}:${(p.name as { text: string }[])[0]!.text}`).sort();
    expect(names).toEqual(['s0:Kamla Devi', 's1:Kamla', 's2:Kamla', 's3:Kamla']);
    expect(await store.cursor(OWNER)).toBe('7');
    // Only the latest change of each record; the digest with the first page, and once more after catching up.
    expect(server.calls.filter((c) => c.path === '/sync/pull').map((c) => [c.cursor, c.digest])).toEqual([
      [null, true],
      ['3', false],
      ['6', false],
      ['7', true],
    ]);
  });

  it('keeps the previous cursor and records when applying a page fails half-way', async () => {
    const { db, store } = newStore();
    const server = fakeServer();
    for (let i = 0; i < 4; i++) server.write('Patient', `s${i}`, patient(`s${i}`));
    const sync = wire(server, store, 2);
    const put = db.kv.put.bind(db.kv);
    let failures = 0;
    const failingPut = (row: KeyValue) => {
      // The second page's cursor cannot be written: its records must not stay either.
      if (row.key === `hw-cursor:${OWNER}` && row.value === '4' && failures++ === 0) return Promise.reject(new Error('quota exceeded'));
      return put(row);
    };
    const spy = vi.spyOn(db.kv, 'put').mockImplementation(failingPut as typeof db.kv.put);
    await expect(sync.sync()).rejects.toThrow('quota exceeded');
    expect(await store.cursor(OWNER)).toBe('2');
    expect((await store.list(OWNER, 'Patient')).map((p) => p.id).sort()).toEqual(['s0', 's1']);
    await sync.sync();
    spy.mockRestore();
    expect(await store.cursor(OWNER)).toBe('4');
    expect((await store.list(OWNER, 'Patient')).map((p) => p.id).sort()).toEqual(['s0', 's1', 's2', 's3']);
  });

  it('on reset drops the synced copies but keeps unsynced work, then pulls from the start', async () => {
    const { store } = newStore();
    await store.applyPage(OWNER, [{ op: 'put', type: 'Patient', id: 'old', version: 1, resource: patient('old'), hash: await recordHash('Patient', 'old', 1) }], '10');
    await store.applyPage(OWNER, [{ op: 'put', type: 'Patient', id: 'edited', version: 2, resource: patient('edited'), hash: await recordHash('Patient', 'edited', 2) }], '11');
    await store.save(OWNER, [{ op: 'put', resource: patient('edited', 'Kamla Bai') }, { op: 'put', resource: patient('new') }]);
    const fresh = patient('fresh');
    const pulls: (string | null)[] = [];
    const api: SyncApi = {
      push: vi.fn(async (body: PushRequest) => ({
        groups: body.groups.map((g) => ({ results: g.mutations.map((m) => ({ id: m.id, status: 'held' as const, reason: 'waits' })) })),
      })),
      pull: vi.fn(async ({ cursor }: PullRequest): Promise<PullPage> => {
        pulls.push(cursor);
        if (cursor === '11') return { changes: [], cursor: '11', more: false, reset: true, reason: 'villages changed' };
        return {
          changes: [{ seq: 3, op: 'put', type: 'Patient', id: 'fresh', version: 1, resource: fresh }],
          cursor: '3',
          more: false,
          reset: false,
          digest: { count: 1, hash: await recordHash('Patient', 'fresh', 1) },
        };
      }),
    };
    await createSync({ store, api, owner: () => OWNER }).sync();
    expect(pulls).toEqual(['11', null]);
    const shown = await store.list(OWNER, 'Patient');
    expect(shown.map((p) => p.id).sort()).toEqual(['edited', 'fresh', 'new']);
    expect(((await store.get(OWNER, 'Patient', 'edited'))!.name as { text: string }[])[0]!.text).toBe('Kamla Bai');
    expect(await store.counts(OWNER)).toEqual({ unsynced: 2, attention: 0 });
    expect(await store.cursor(OWNER)).toBe('3');
  });

  it('pulls everything again when the digest disagrees, dropping what the server no longer has', async () => {
    const { store } = newStore();
    const server = fakeServer();
    server.write('Patient', 's1', patient('s1'));
    const sync = wire(server, store);
    await sync.sync();
    // The server deletes s1 and forgets the tombstone; the device never hears of it. A new record makes the feed move on.
    server.records.delete('Patient/s1');
    server.write('Patient', 's2', patient('s2'));
    server.calls.length = 0;
    await sync.sync();
    // The page brought a change, so the digest is asked where it ended ('2'); it disagrees: everything again.
    expect(server.calls.filter((c) => c.path === '/sync/pull').map((c) => c.cursor)).toEqual(['1', '2', null]);
    expect((await store.list(OWNER, 'Patient')).map((p) => p.id)).toEqual(['s2']);
    expect(await store.digest(OWNER)).toEqual({ count: 1, hash: await recordHash('Patient', 's2', 1) });
  });

  it('computes the digest share as the first 8 bytes of SHA-256 of Type/id/version', async () => {
    const expected = createHash('sha256').update('Patient/p1/3').digest('hex').slice(0, 16);
    expect(await recordHash('Patient', 'p1', 3)).toBe(expected);
    // The same known values as the server's test (crates/sync/src/digest.rs).
    expect(await recordHash('Patient', '1', 1)).toBe('a88ae568b44353e4');
    const both = BigInt(`0x${await recordHash('Patient', '1', 1)}`) ^ BigInt(`0x${await recordHash('Group', 'g', 2)}`);
    expect(both.toString(16).padStart(16, '0')).toBe('664001ba68180f0d');
  });
});

describe('a sync with nothing new', () => {
  it('is one request without the digest scan, until the digest is due again', async () => {
    const { store } = newStore();
    const server = fakeServer();
    server.write('Patient', 's1', patient('s1'));
    const sync = wire(server, store);
    await sync.sync();
    server.calls.length = 0;
    await sync.sync();
    expect(server.calls.filter((c) => c.path === '/sync/pull').map((c) => c.digest)).toEqual([false]);
    await store.setDigestCheckedAt(OWNER, Date.now() - 7 * 3600 * 1000);
    server.calls.length = 0;
    await sync.sync();
    expect(server.calls.filter((c) => c.path === '/sync/pull').map((c) => c.digest)).toEqual([true]);
  });
});

describe('a sync that outlives its access token', () => {
  it('refreshes the token on a 401 and carries on', async () => {
    const db = new MySehatDb(`hw-sync-test-${++dbCount}`);
    let token = 'a1';
    const auth: AuthApi = {
      register: vi.fn(),
      login: vi.fn(),
      logout: vi.fn(),
      me: vi.fn(),
      refresh: vi.fn(async () => {
        token = 'a2';
        return { access_token: 'a2', refresh_token: 'r2', expires_in: 900, token_type: 'Bearer' };
      }),
    };
    const sessionStore = new SessionStore(db);
    await sessionStore.begin({ access_token: 'a1', refresh_token: 'r1', expires_in: 900, token_type: 'Bearer' });
    const session = createSession({ store: sessionStore, api: auth, lock: (fn) => fn() });
    const server = fakeServer({ token: () => token });
    const store = new HwStore(db);
    await store.save(OWNER, [{ op: 'put', resource: patient('p1') }]);
    token = 'a1-expired'; // the server stops accepting a1 mid-way
    const sync = createSync({ store, api: httpSyncApi(clientOf(server), session.authed), owner: () => OWNER });
    await sync.sync();
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    expect(await store.counts(OWNER)).toEqual({ unsynced: 0, attention: 0 });
    expect(server.records.get('Patient/p1')?.version).toBe(1);
  });
});

describe('one sync at a time', () => {
  it('runs again once after the current run when asked during it', async () => {
    const { store } = newStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const api: SyncApi = {
      push: vi.fn(),
      pull: vi.fn(async (): Promise<PullPage> => {
        await gate;
        return { changes: [], cursor: '0', more: false, reset: false };
      }),
    };
    const sync = createSync({ store, api, owner: () => OWNER });
    const first = sync.sync();
    const second = sync.sync();
    const third = sync.sync();
    release();
    await Promise.all([first, second, third]);
    expect(api.pull).toHaveBeenCalledTimes(2);
  });
});

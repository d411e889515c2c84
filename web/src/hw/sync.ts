// The sync client of docs/SYNC.md: pushes the outbox group by group (the same keys on every replay), then pulls the server's
// changes page by page, each page applied with its cursor; a digest that disagrees with the device's copies means a full pull.
import { unwrap, type Client } from '../api/client';
import { ApiError } from '../api/errors';
import type { components } from '../api/schema';
import type { HwStore, Mutation, Outcome, PulledChange, Resource } from './store';
import { keyOf } from './store';

// Wire types of /sync/push and /sync/pull (docs/SYNC.md), from the generated schema; the schema types a resource as an
// opaque object, so the resource fields are typed here.
type Schemas = components['schemas'];

export type PushMutation = Omit<Schemas['Mutation'], 'resource'> & { resource?: Resource };
export type PushRequest = Omit<Schemas['PushRequest'], 'groups'> & { groups: { mutations: PushMutation[] }[] };
export type PushResult = Schemas['MutationResult'];
export type PushResponse = Schemas['PushResponse'];
export type Digest = Schemas['ScopeDigest'];
export type PullChange = Omit<Schemas['Change'], 'op' | 'resource'> & { op: 'put' | 'delete' | 'leave' | (string & {}); resource?: Resource | null };
export type PullPage = Omit<Schemas['PullPage'], 'changes'> & { changes: PullChange[] };

export interface PullRequest {
  cursor: string | null;
  limit: number;
  /** Ask for the scope digest too (a scan of the scope on the server): only once the device has caught up. */
  digest: boolean;
  device: string;
}

export interface SyncApi {
  push(body: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullPage>;
}

/** Runs a call with a valid access token (the session's 401 → refresh → retry rule). */
export type Authed = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** /sync over the typed client; each call refreshes the token on a 401 and goes on. */
export function httpSyncApi(client: Client, authed: Authed): SyncApi {
  return {
    // The generated schema types `resource` as an empty object; ours are FHIR resources.
    push: (body) => authed((t) => unwrap(client.POST('/sync/push', { body: body as unknown as Schemas['PushRequest'], headers: bearer(t) }))),
    pull: async ({ cursor, limit, digest, device }) => {
      const query = { limit, device, ...(cursor !== null ? { cursor } : {}), ...(digest ? { digest: true } : {}) };
      const page = await authed((t) => unwrap(client.GET('/sync/pull', { params: { query }, headers: bearer(t) })));
      return page as unknown as PullPage;
    },
  };
}

/** The digest share of one record: the first 8 bytes of SHA-256 of `Type/id/version`, as 16 hex digits. */
export async function recordHash(type: string, id: string, version: number): Promise<string> {
  const sum = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${type}/${id}/${version}`));
  return [...new Uint8Array(sum).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The device's copies still disagree with the server's digest after a full pull. */
export class DigestMismatch extends Error {
  constructor(readonly device: Digest, readonly server: Digest) {
    super(`digest mismatch: device ${device.count}/${device.hash}, server ${server.count}/${server.hash}`);
    this.name = 'DigestMismatch';
  }
}

export interface SyncDeps {
  store: HwStore;
  api: SyncApi;
  /** The signed-in user's id, or null: each account pushes only its own saves. */
  owner: () => string | null;
  pageSize?: number;
  /** Groups per push request. */
  batch?: number;
}

/**
 * A refusal of this request as sent: it will never succeed unchanged (400, 409, 422). Anything else — the network, a 5xx, an
 * expired session, a 403 or 404 while roles or the server change — is tried again on the next sync, with the same keys.
 */
const refused = (e: unknown): e is ApiError => e instanceof ApiError && [400, 409, 422].includes(e.status);

const toWire = (m: Mutation): PushMutation => {
  const wire: PushMutation = { id: m.id, seq: m.seq, op: m.op, type: m.type, resource_id: m.resourceId, base_version: m.baseVersion };
  if (m.resource) wire.resource = m.resource;
  return wire;
};

/** How often a sync that brought nothing checks the device's copies against the server's digest anyway. */
const DIGEST_EVERY_MS = 6 * 3600 * 1000;

export function createSync(deps: SyncDeps) {
  const { store, api } = deps;
  const pageSize = deps.pageSize ?? 200;
  const batch = deps.batch ?? 20;

  async function outcomeOf(m: Mutation, r: PushResult): Promise<Outcome> {
    if ((r.status === 'applied' || r.status === 'merged') && typeof r.version === 'number') {
      const hash = await recordHash(m.type, m.resourceId, r.version);
      const resource = r.resource ? (r.resource as unknown as Resource) : undefined;
      return { id: m.id, status: 'applied', version: r.version, hash, ...(resource ? { resource } : {}) };
    }
    const status = r.status === 'held' ? 'held' : 'rejected';
    return { id: m.id, status, reason: r.reason ?? r.code ?? status };
  }

  async function pushGroups(owner: string, device: string, groups: Mutation[][]): Promise<void> {
    let answer: PushResponse;
    try {
      answer = await api.push({ device, groups: groups.map((g) => ({ mutations: g.map(toWire) })) });
    } catch (e) {
      if (!refused(e)) throw e; // try again on the next sync, with the same keys
      if (groups.length > 1) {
        // One group spoilt the request (409: a key reused with other content): find it by sending each alone.
        for (const g of groups) await pushGroups(owner, device, [g]);
        return;
      }
      const status = e.status === 409 ? 'conflict' : 'rejected';
      await store.markResults(owner, groups[0]!.map((m) => ({ id: m.id, status, reason: e.message || e.code })));
      return;
    }
    const outcomes: Outcome[] = [];
    for (const [i, group] of groups.entries()) {
      const results = answer.groups[i]?.results ?? [];
      for (const m of group) {
        const r = results.find((x) => x.id === m.id);
        if (r) outcomes.push(await outcomeOf(m, r));
      }
    }
    await store.markResults(owner, outcomes);
  }

  async function push(owner: string): Promise<void> {
    const groups = await store.unsyncedGroups(owner);
    if (groups.length === 0) return;
    const device = await store.deviceId();
    for (let i = 0; i < groups.length; i += batch) await pushGroups(owner, device, groups.slice(i, i + batch));
  }

  /** A change as the store applies it; null for one this app does not know (a newer server's), which it leaves alone. */
  async function toPulled(c: PullChange): Promise<PulledChange | null> {
    if (c.op === 'put' && c.resource) return { op: 'put', type: c.type, id: c.id, version: c.version, resource: c.resource, hash: await recordHash(c.type, c.id, c.version) };
    const op: string = c.op;
    if (op === 'delete' || op === 'leave') return { op, type: c.type, id: c.id, version: c.version };
    return null;
  }

  /**
   * Pulls until `more` is false; a `reset` drops the synced copies and starts again from no cursor. The digest (a scan of her
   * villages on the server) is asked for after a pull that brought changes, after a first sync, and otherwise only when
   * `checkAnyway` (every few hours): a sync with nothing new stays one cheap request.
   */
  async function pullFrom(owner: string, start: string | null, checkAnyway: boolean) {
    const device = await store.deviceId();
    let cursor = start;
    let fromScratch = start === null;
    let resets = 0;
    let digest = checkAnyway;
    let changed = false;
    const seen = new Set<string>();
    for (;;) {
      const page = await api.pull({ cursor, limit: pageSize, digest, device });
      if (page.reset) {
        if (resets++ > 0) throw new Error('the server asked for a reset twice in one pull');
        await store.reset(owner);
        cursor = null;
        fromScratch = true;
        seen.clear();
        digest = true;
        continue;
      }
      const next = page.cursor ?? cursor;
      const changes = (await Promise.all(page.changes.map(toPulled))).filter((c): c is PulledChange => c !== null);
      await store.applyPage(owner, changes, next);
      if (changes.length > 0) changed = true;
      for (const c of page.changes) if (c.op === 'put') seen.add(keyOf(c.type, c.id));
      cursor = next;
      if (page.more) digest = false;
      else if (digest) return { digest: page.digest ?? null, seen, fromScratch };
      else if (changed || fromScratch) digest = true; // one more request, for the digest of where it ended
      else return { digest: null, seen, fromScratch };
    }
  }

  async function agrees(owner: string, server: Digest | null): Promise<true | Digest> {
    if (!server) return true;
    const device = await store.digest(owner);
    return device.count === server.count && device.hash === server.hash.toLowerCase() ? true : device;
  }

  async function pull(owner: string): Promise<void> {
    const now = Date.now();
    const due = now - (await store.digestCheckedAt(owner)) > DIGEST_EVERY_MS;
    let result = await pullFrom(owner, await store.cursor(owner), due);
    if (result.digest) await store.setDigestCheckedAt(owner, now);
    if (result.fromScratch) await store.sweep(owner, result.seen);
    if ((await agrees(owner, result.digest)) === true) return;
    if (!result.fromScratch) {
      // Drift (a missed change): pull everything again, then drop the synced copies the server no longer has.
      result = await pullFrom(owner, null, true);
      await store.sweep(owner, result.seen);
    }
    const device = await agrees(owner, result.digest);
    if (device !== true) throw new DigestMismatch(device, result.digest!);
  }

  let running: Promise<void> | null = null;
  let again = false;

  /** Pushes then pulls; one run at a time, and a call during a run makes one more run after it. Rejects with the first failure. */
  function sync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const owner = deps.owner();
          if (!owner) return;
          await push(owner);
          await pull(owner);
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return { sync, isRunning: () => running !== null };
}

export type SyncEngine = ReturnType<typeof createSync>;

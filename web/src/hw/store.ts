// The health worker's records on the device: the server's copy of each synced FHIR resource, the device's unsynced change to it,
// and the outbox of mutations still to push. A save writes the record and its outbox entries in one IndexedDB transaction, a
// pulled page and its cursor in another, so a crash or a closed tab never leaves one without the other (docs/SYNC.md).
import type { MySehatDb } from '../session/db';
import { uuidv7 } from './uuid';

/** Any FHIR resource; the store reads only its type, id and scope tags. */
export interface Resource {
  resourceType: string;
  id: string;
  meta?: { tag?: { system?: string; code?: string }[]; [k: string]: unknown };
  [k: string]: unknown;
}

export const VILLAGE_TAG = 'https://mysehat.in/fhir/CodeSystem/village';
export const HOUSEHOLD_TAG = 'https://mysehat.in/fhir/CodeSystem/household';

/** The server's copy: its version and the digest share of `Type/id/version` (16 hex digits). */
export interface SyncedCopy {
  version: number;
  resource: Resource;
  hash: string;
}

export interface HwRecord {
  /** `Type/id`. */
  key: string;
  /** The account whose records these are: a shared phone keeps each worker's apart. */
  owner: string;
  type: string;
  id: string;
  /** Null until the server confirmed the record (pushed and applied, or pulled). */
  synced: SyncedCopy | null;
  /** The device's change the server has not confirmed; shown instead of the synced copy. */
  local: Resource | null;
  /** Deleted on the device, the delete not yet confirmed. */
  removed: boolean;
  village: string | null;
  household: string | null;
}

/** `pending`: to push; `held`: the server waits for something first (re-pushed each time); `rejected` and `conflict` need a person. */
export type MutationState = 'pending' | 'held' | 'rejected' | 'conflict';

export interface Mutation {
  /** UUIDv7 made on the device. */
  id: string;
  owner: string;
  /** The device's own sequence number: with the device id, the idempotency key. */
  seq: number;
  /** One save; the server applies a group all-or-nothing. */
  group: string;
  op: 'put' | 'delete';
  type: string;
  resourceId: string;
  /** The server version the device edited; null for a new record. */
  baseVersion: number | null;
  resource: Resource | null;
  state: MutationState;
  reason: string | null;
  savedAt: number;
}

export type Change = { op: 'put'; resource: Resource } | { op: 'delete'; type: string; id: string };

/** What the server said about one mutation, with the digest share of applied ones computed beforehand (hashing is async). */
export type Outcome =
  /** `resource`: the server's version when it is not what was sent (a merge, a clash the server's value won). */
  | { id: string; status: 'applied'; version: number; hash: string; resource?: Resource }
  | { id: string; status: 'held' | 'rejected' | 'conflict'; reason: string };

export type PulledChange =
  | { op: 'put'; type: string; id: string; version: number; resource: Resource; hash: string }
  | { op: 'delete' | 'leave'; type: string; id: string; version: number };

export interface NumberBlock {
  prefix: string;
  next: number;
  last: number;
}

/** The device has no reserved household number left; it gets more the next time it is online. */
export class NoNumberLeft extends Error {
  constructor() {
    super('no household number left');
    this.name = 'NoNumberLeft';
  }
}

export const keyOf = (type: string, id: string): string => `${type}/${id}`;

export const tagOf = (r: Resource | null | undefined, system: string): string | null =>
  r?.meta?.tag?.find((t) => t.system === system)?.code ?? null;

/** What a screen shows for a record: the device's change if there is one, else the server's copy. */
export const viewOf = (row: HwRecord): Resource | undefined => (row.removed ? undefined : (row.local ?? row.synced?.resource));

const DEVICE = 'hw-device-id';
const SEQ = 'hw-device-seq';
const cursorKey = (owner: string) => `hw-cursor:${owner}`;
const numbersKey = (owner: string) => `hw-numbers:${owner}`;
const UNSYNCED: readonly MutationState[] = ['pending', 'held'];

export class HwStore {
  constructor(
    private readonly db: MySehatDb,
    private readonly newId: (now: number) => string = (now) => uuidv7(now),
  ) {}

  /** This device's id, made once and kept through log-outs. */
  deviceId(): Promise<string> {
    return this.db.transaction('rw', this.db.kv, async () => {
      const row = await this.db.kv.get(DEVICE);
      if (typeof row?.value === 'string') return row.value;
      const id = crypto.randomUUID();
      await this.db.kv.put({ key: DEVICE, value: id });
      return id;
    });
  }

  /** When the device last checked its copies against the server's digest (epoch ms), or 0. */
  async digestCheckedAt(owner: string): Promise<number> {
    const row = await this.db.kv.get(`hw-digest-checked:${owner}`);
    return typeof row?.value === 'number' ? row.value : 0;
  }

  async setDigestCheckedAt(owner: string, at: number): Promise<void> {
    await this.db.kv.put({ key: `hw-digest-checked:${owner}`, value: at });
  }

  /** Saves `changes` as one group; durable (record and outbox together) when this resolves. */
  save(owner: string, changes: Change[], now = Date.now()): Promise<Mutation[]> {
    return this.db.transaction('rw', this.db.hwRecords, this.db.hwOutbox, this.db.kv, () => this.write(owner, changes, now));
  }

  /** Saves a new household: takes the next reserved number in the same transaction, so no number is ever used twice. */
  saveHousehold(owner: string, build: (number: string) => Change[], now = Date.now()): Promise<{ number: string; mutations: Mutation[] }> {
    return this.db.transaction('rw', this.db.hwRecords, this.db.hwOutbox, this.db.kv, async () => {
      const blocks = await this.blocks(owner);
      const block = blocks[0];
      if (!block) throw new NoNumberLeft();
      const number = `${block.prefix}-${block.next}`;
      const rest = block.next < block.last ? [{ ...block, next: block.next + 1 }, ...blocks.slice(1)] : blocks.slice(1);
      await this.db.kv.put({ key: numbersKey(owner), value: rest });
      return { number, mutations: await this.write(owner, build(number), now) };
    });
  }

  private async write(owner: string, changes: Change[], now: number): Promise<Mutation[]> {
    const seqRow = await this.db.kv.get(SEQ);
    let seq = typeof seqRow?.value === 'number' ? seqRow.value : 0;
    const group = this.newId(now);
    const mutations: Mutation[] = [];
    for (const change of changes) {
      const type = change.op === 'put' ? change.resource.resourceType : change.type;
      const id = change.op === 'put' ? change.resource.id : change.id;
      const key = keyOf(type, id);
      const row = await this.db.hwRecords.get(key);
      const resource = change.op === 'put' ? change.resource : null;
      const mutation: Mutation = {
        id: this.newId(now),
        owner,
        seq: ++seq,
        group,
        op: change.op,
        type,
        resourceId: id,
        baseVersion: row?.synced?.version ?? null,
        resource,
        state: 'pending',
        reason: null,
        savedAt: now,
      };
      mutations.push(mutation);
      await this.db.hwOutbox.add(mutation);
      const shown = resource ?? row?.local ?? row?.synced?.resource ?? null;
      await this.db.hwRecords.put({
        key,
        owner,
        type,
        id,
        synced: row?.synced ?? null,
        local: resource ?? row?.local ?? null,
        removed: change.op === 'delete',
        village: tagOf(shown, VILLAGE_TAG),
        household: tagOf(shown, HOUSEHOLD_TAG),
      });
    }
    await this.db.kv.put({ key: SEQ, value: seq });
    return mutations;
  }

  async get(owner: string, type: string, id: string): Promise<Resource | undefined> {
    const row = await this.db.hwRecords.get(keyOf(type, id));
    return row && row.owner === owner ? viewOf(row) : undefined;
  }

  async list(owner: string, type: string): Promise<Resource[]> {
    const rows = await this.db.hwRecords.where('[owner+type]').equals([owner, type]).toArray();
    return rows.map(viewOf).filter((r): r is Resource => !!r);
  }

  /** Every record of one household (its Group, Location, members' events), by the household tag. */
  async inHousehold(owner: string, household: string): Promise<Resource[]> {
    const rows = await this.db.hwRecords.where('[owner+household]').equals([owner, household]).toArray();
    return rows.map(viewOf).filter((r): r is Resource => !!r);
  }

  /** The synced version of a record, for a later edit's base. */
  async syncedVersion(type: string, id: string): Promise<number | null> {
    return (await this.db.hwRecords.get(keyOf(type, id)))?.synced?.version ?? null;
  }

  /** Groups still to push (pending or held), each in save order, oldest first. */
  async unsyncedGroups(owner: string): Promise<Mutation[][]> {
    const rows = await this.db.hwOutbox.where('owner').equals(owner).toArray();
    const groups = new Map<string, Mutation[]>();
    for (const m of rows.filter((m) => UNSYNCED.includes(m.state)).sort((a, b) => a.seq - b.seq)) {
      const list = groups.get(m.group) ?? [];
      list.push(m);
      groups.set(m.group, list);
    }
    return [...groups.values()];
  }

  outbox(owner: string): Promise<Mutation[]> {
    return this.db.hwOutbox.where('owner').equals(owner).sortBy('seq');
  }

  /** Records what the server said; applied mutations leave the outbox and their record becomes the synced copy. */
  markResults(owner: string, outcomes: Outcome[]): Promise<void> {
    return this.db.transaction('rw', this.db.hwRecords, this.db.hwOutbox, async () => {
      for (const outcome of outcomes) {
        const m = await this.db.hwOutbox.get(outcome.id);
        if (!m || m.owner !== owner) continue;
        if (outcome.status !== 'applied') {
          await this.db.hwOutbox.put({ ...m, state: outcome.status, reason: outcome.reason });
          continue;
        }
        await this.db.hwOutbox.delete(m.id);
        const key = keyOf(m.type, m.resourceId);
        const row = await this.db.hwRecords.get(key);
        if (!row) continue;
        const stillQueued = (await this.db.hwOutbox.where('owner').equals(owner).toArray()).some(
          (o) => o.type === m.type && o.resourceId === m.resourceId,
        );
        if (m.op === 'delete') {
          if (stillQueued) await this.db.hwRecords.put({ ...row, synced: null });
          else await this.db.hwRecords.delete(key);
          continue;
        }
        const newer = row.synced && row.synced.version > outcome.version;
        const synced = newer ? row.synced : { version: outcome.version, resource: outcome.resource ?? m.resource!, hash: outcome.hash };
        await this.db.hwRecords.put({ ...row, synced, local: stillQueued ? row.local : null, removed: stillQueued && row.removed });
      }
    });
  }

  /** Gives up a rejected or conflicting save: its outbox entries go and the records return to the server's copy. */
  discardGroup(owner: string, group: string): Promise<void> {
    return this.db.transaction('rw', this.db.hwRecords, this.db.hwOutbox, async () => {
      const mine = (await this.db.hwOutbox.where('group').equals(group).toArray()).filter((m) => m.owner === owner);
      await this.db.hwOutbox.bulkDelete(mine.map((m) => m.id));
      const left = await this.db.hwOutbox.where('owner').equals(owner).toArray();
      for (const m of mine) {
        if (left.some((o) => o.type === m.type && o.resourceId === m.resourceId)) continue;
        const key = keyOf(m.type, m.resourceId);
        const row = await this.db.hwRecords.get(key);
        if (!row) continue;
        if (row.synced) await this.db.hwRecords.put({ ...row, local: null, removed: false, ...tags(row.synced.resource) });
        else await this.db.hwRecords.delete(key);
      }
    });
  }

  cursor(owner: string): Promise<string | null> {
    return this.db.kv.get(cursorKey(owner)).then((row) => (typeof row?.value === 'string' ? row.value : null));
  }

  /** Applies one pulled page and stores its cursor in one transaction: a failure leaves the previous cursor and records. */
  applyPage(owner: string, changes: PulledChange[], cursor: string | null): Promise<void> {
    return this.db.transaction('rw', this.db.hwRecords, this.db.kv, async () => {
      for (const c of changes) {
        const key = keyOf(c.type, c.id);
        const row = await this.db.hwRecords.get(key);
        if (c.op !== 'put') {
          await this.forget(key, row);
          continue;
        }
        if (row?.synced && row.synced.version > c.version) continue; // already newer (a push answer came first)
        const synced: SyncedCopy = { version: c.version, resource: c.resource, hash: c.hash };
        const shown = row?.local ?? c.resource;
        await this.db.hwRecords.put({
          key,
          owner,
          type: c.type,
          id: c.id,
          synced,
          local: row?.local ?? null,
          removed: row?.removed ?? false,
          ...tags(shown),
        });
      }
      if (cursor !== null) await this.db.kv.put({ key: cursorKey(owner), value: cursor });
    });
  }

  /** Drops the server's copies (never unsynced changes) and the cursor: the next pull starts from nothing. */
  reset(owner: string): Promise<void> {
    return this.db.transaction('rw', this.db.hwRecords, this.db.kv, async () => {
      for (const row of await this.db.hwRecords.where('owner').equals(owner).toArray()) await this.forget(row.key, row);
      await this.db.kv.delete(cursorKey(owner));
    });
  }

  /** After a full pull: drops synced copies the server no longer listed (it missed telling the device about them). */
  sweep(owner: string, seen: ReadonlySet<string>): Promise<void> {
    return this.db.transaction('rw', this.db.hwRecords, async () => {
      for (const row of await this.db.hwRecords.where('owner').equals(owner).toArray()) {
        if (row.synced && !seen.has(row.key)) await this.forget(row.key, row);
      }
    });
  }

  private async forget(key: string, row: HwRecord | undefined): Promise<void> {
    if (!row) return;
    if (row.local || row.removed) await this.db.hwRecords.put({ ...row, synced: null });
    else await this.db.hwRecords.delete(key);
  }

  /** The count and XOR of the synced copies' hashes, as the server computes its digest. */
  async digest(owner: string): Promise<{ count: number; hash: string }> {
    let count = 0;
    let hash = 0n;
    for (const row of await this.db.hwRecords.where('owner').equals(owner).toArray()) {
      if (!row.synced) continue;
      count++;
      hash ^= BigInt(`0x${row.synced.hash}`);
    }
    return { count, hash: hash.toString(16).padStart(16, '0') };
  }

  /** Unsynced (pending or held) and needing attention (rejected or conflict) outbox entries. */
  async counts(owner: string): Promise<{ unsynced: number; attention: number }> {
    const rows = await this.db.hwOutbox.where('owner').equals(owner).toArray();
    const unsynced = rows.filter((m) => UNSYNCED.includes(m.state)).length;
    return { unsynced, attention: rows.length - unsynced };
  }

  private async blocks(owner: string): Promise<NumberBlock[]> {
    const row = await this.db.kv.get(numbersKey(owner));
    return Array.isArray(row?.value) ? (row.value as NumberBlock[]) : [];
  }

  /** How many reserved household numbers are left, and the next one. */
  async numbers(owner: string): Promise<{ left: number; next: string | null }> {
    const blocks = await this.blocks(owner);
    const left = blocks.reduce((n, b) => n + b.last - b.next + 1, 0);
    return { left, next: blocks[0] ? `${blocks[0].prefix}-${blocks[0].next}` : null };
  }

  addNumbers(owner: string, block: { prefix: string; first: number; last: number }): Promise<void> {
    return this.db.transaction('rw', this.db.kv, async () => {
      const blocks = await this.blocks(owner);
      if (blocks.some((b) => b.prefix === block.prefix && b.last === block.last)) return; // the same answer twice
      await this.db.kv.put({ key: numbersKey(owner), value: [...blocks, { prefix: block.prefix, next: block.first, last: block.last }] });
    });
  }

  /** On log out, once nothing is unsynced: a shared phone keeps nobody's health records. Reserved numbers stay with the device. */
  clearSynced(owner: string): Promise<void> {
    return this.db.transaction('rw', this.db.hwRecords, this.db.hwOutbox, this.db.kv, async () => {
      const queued = await this.db.hwOutbox.where('owner').equals(owner).count();
      if (queued > 0) return;
      await this.db.hwRecords.where('owner').equals(owner).delete();
      await this.db.kv.delete(cursorKey(owner));
    });
  }
}

function tags(r: Resource): { village: string | null; household: string | null } {
  return { village: tagOf(r, VILLAGE_TAG), household: tagOf(r, HOUSEHOLD_TAG) };
}

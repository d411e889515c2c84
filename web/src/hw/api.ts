// The /api/v1/hw endpoints as plain async functions over the app's session: the only code that knows their paths.
import { unwrap, type Client } from '../api/client';
import type { components } from '../api/schema';
import type { Authed } from './sync';

type Schemas = components['schemas'];
export type Village = Schemas['Village'];
export type NumberBlockAnswer = Schemas['NumberBlock'];
export type Worker = Schemas['WorkerSummary'];

/** A same-field clash kept for a supervisor; the values are the field's JSON on each side. */
export interface Conflict {
  id: string;
  type: string;
  resourceId: string;
  field: string;
  base: unknown;
  server: unknown;
  device: unknown;
  /** The health worker's user id. */
  worker: string;
  village: string | null;
  at: number;
}

const toConflict = (c: Schemas['ConflictView']): Conflict => ({
  id: c.id,
  type: c.type,
  resourceId: c.resource_id,
  field: c.field,
  base: c.base,
  server: c.server,
  device: c.device,
  worker: c.worker,
  village: c.village ?? null,
  at: c.created_at_ms,
});

/** A kept village list from an older app version may hold bare ids. */
export const toVillage = (v: unknown): Village => (typeof v === 'string' ? { id: v, name: v } : (v as Village));

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function hwApi(client: Client, authed: Authed) {
  return {
    villages: (): Promise<Village[]> => authed((t) => unwrap(client.GET('/api/v1/hw/villages', { headers: bearer(t) }))),
    numbers: (device: string, count: number): Promise<NumberBlockAnswer> =>
      authed((t) => unwrap(client.POST('/api/v1/hw/numbers', { body: { device, count }, headers: bearer(t) }))),
    workers: (): Promise<Worker[]> => authed((t) => unwrap(client.GET('/api/v1/hw/workers', { headers: bearer(t) }))),
    conflicts: async (): Promise<Conflict[]> =>
      (await authed((t) => unwrap(client.GET('/api/v1/hw/conflicts', { headers: bearer(t) })))).map(toConflict),
    resolve: async (id: string, keep: 'server' | 'device'): Promise<void> => {
      await authed((t) => unwrap(client.POST('/api/v1/hw/conflicts/{id}/resolve', { params: { path: { id } }, body: { keep }, headers: bearer(t) })));
    },
  };
}

export type HwApi = ReturnType<typeof hwApi>;

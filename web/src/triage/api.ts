// The /diagnostics symptom-check endpoints as plain async functions: the only code that knows their paths.
import { unwrap, type Client } from '../api/client';
import type { components } from '../api/schema';
import type { Authed } from '../sos/api';
import type { Input, Output } from './types';

export type Saved = components['schemas']['Saved'];

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function symptomsApi(client: Client, authed: Authed) {
  return {
    /** One evaluation by the server (no account needed). */
    check: (body: Input, signal?: AbortSignal): Promise<Output> =>
      unwrap(client.POST('/diagnostics/symptom-check', { body, ...(signal ? { signal } : {}) })),
    /** Keeps the check in the signed-in patient's record; the server evaluates the same input again. */
    save: (body: Input): Promise<Saved> =>
      authed((t) => unwrap(client.POST('/diagnostics/symptom-check/save', { body, headers: bearer(t) }))),
  };
}

export type SymptomsApi = ReturnType<typeof symptomsApi>;

// The consent endpoints (/api/v1/consent, and the patient's access log under /auth/me) as plain async functions.
import { unwrap, type Client } from '../api/client';
import type { Authed } from '../sos/api';
import type { AccessLogEntry, AccessRequest, BreakGlass, Consent, Narrowing } from './types';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function consentApi(client: Client, authed: Authed) {
  const on = (id: string, token: string) => ({ params: { path: { id } }, headers: bearer(token) });
  // The generated type of `status` is wrong (see ConsentStatus); the wire value is the consent's status string.
  const view = (p: Promise<unknown>) => p as Promise<Consent>;
  return {
    /** A patient's consents, or those a doctor asked for; newest first. */
    list: (): Promise<Consent[]> => authed((t) => unwrap(client.GET('/api/v1/consent', { headers: bearer(t) }))) as Promise<unknown> as Promise<Consent[]>,
    request: (body: AccessRequest): Promise<Consent> =>
      view(authed((t) => unwrap(client.POST('/api/v1/consent/requests', { body, headers: bearer(t) })))),
    breakGlass: (body: BreakGlass): Promise<Consent> =>
      view(authed((t) => unwrap(client.POST('/api/v1/consent/break-glass', { body, headers: bearer(t) })))),
    grant: (id: string, body: Narrowing): Promise<Consent> =>
      view(authed((t) => unwrap(client.POST('/api/v1/consent/{id}/grant', { ...on(id, t), body })))),
    deny: (id: string): Promise<Consent> => view(authed((t) => unwrap(client.POST('/api/v1/consent/{id}/deny', on(id, t))))),
    revoke: (id: string): Promise<Consent> => view(authed((t) => unwrap(client.POST('/api/v1/consent/{id}/revoke', on(id, t))))),
    /** Who else read or changed this patient's data, newest first; `before` is the last `seq` of the previous page. */
    accessLog: (before?: number): Promise<AccessLogEntry[]> =>
      authed((t) =>
        unwrap(client.GET('/auth/me/access-log', { params: { query: { limit: 50, ...(before !== undefined ? { before } : {}) } }, headers: bearer(t) })),
      ),
  };
}

export type ConsentApi = ReturnType<typeof consentApi>;

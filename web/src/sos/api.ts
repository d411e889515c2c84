// The /sos endpoints as plain async functions over the app's session: the only code that knows their paths.
import { unwrap, type Client } from '../api/client';
import type { Ambulance, CreateIncident, CrewStep, Facility, IncidentView, PositionAnswer, PositionFix } from './types';

/** Runs a call with a valid access token (the session's 401 → refresh → retry rule). */
export type Authed = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function sosApi(client: Client, authed: Authed) {
  const on = (id: string, token: string) => ({ params: { path: { id } }, headers: bearer(token) });
  return {
    create: (body: CreateIncident): Promise<IncidentView> =>
      authed((t) => unwrap(client.POST('/sos/incidents', { body, headers: bearer(t) }))),
    list: (): Promise<IncidentView[]> => authed((t) => unwrap(client.GET('/sos/incidents', { headers: bearer(t) }))),
    get: (id: string): Promise<IncidentView> => authed((t) => unwrap(client.GET('/sos/incidents/{id}', on(id, t)))),
    cancel: (id: string): Promise<IncidentView> =>
      authed((t) => unwrap(client.POST('/sos/incidents/{id}/cancel', { ...on(id, t), body: {} }))),
    accept: (id: string): Promise<IncidentView> =>
      authed((t) => unwrap(client.POST('/sos/incidents/{id}/accept', { ...on(id, t), body: {} }))),
    decline: async (id: string): Promise<void> => {
      await authed((t) => unwrap(client.POST('/sos/incidents/{id}/decline', { ...on(id, t), body: {} })));
    },
    ambulances: (incident: string): Promise<Ambulance[]> =>
      authed((t) => unwrap(client.GET('/sos/ambulances', { params: { query: { incident } }, headers: bearer(t) }))),
    assign: (id: string, ambulanceId: string): Promise<IncidentView> =>
      authed((t) => unwrap(client.POST('/sos/incidents/{id}/assign', { ...on(id, t), body: { ambulance_id: ambulanceId } }))),
    duty: (onDuty: boolean): Promise<Ambulance> =>
      authed((t) => unwrap(client.POST('/sos/ambulance/duty', { body: { on_duty: onDuty }, headers: bearer(t) }))),
    position: (fix: PositionFix): Promise<PositionAnswer> =>
      authed((t) => unwrap(client.POST('/sos/ambulance/position', { body: fix, headers: bearer(t) }))),
    status: (id: string, state: CrewStep): Promise<IncidentView> =>
      authed((t) => unwrap(client.POST('/sos/incidents/{id}/status', { ...on(id, t), body: { state } }))),
    facilities: (): Promise<Facility[]> => authed((t) => unwrap(client.GET('/sos/facilities', { headers: bearer(t) }))),
  };
}

export type SosApi = ReturnType<typeof sosApi>;

// The patient's access log in their words: who (the doctor's name, through the consent the read was made under), did what, when.
import type { AccessLogEntry, Consent } from './types';

export interface LogLine {
  seq: number;
  atMs: number;
  /** The person's name when a consent tells it; otherwise only their role is known. */
  name: string | null;
  role: string | null;
  /** The audit action, e.g. `records.timeline`, `fhir.read`, `consent.request`. */
  action: string;
  /** The FHIR type read or written, when the entry names one. */
  resourceType: string | null;
  /** The consent it was done under (or about), if any. */
  consent: Consent | null;
  /** `consent`, `btg` (break the glass), `emergency` (the public card) or null. */
  basis: 'consent' | 'btg' | 'emergency' | null;
  denied: boolean;
}

/** The consent an entry was made under (`consent:<id>`, `BTG:<id>`) or is about (`Consent/<id>`). */
export function consentIdOf(e: AccessLogEntry): string | null {
  const under = /^(?:consent|BTG):(.+)$/.exec(e.purpose ?? '');
  if (under) return under[1]!;
  const about = /^Consent\/([^/\s]+)$/.exec(e.target ?? '');
  return about ? about[1]! : null;
}

export function describe(e: AccessLogEntry, consents: readonly Consent[]): LogLine {
  const id = consentIdOf(e);
  const consent = (id && consents.find((c) => c.id === id)) || null;
  const asker = consent ?? (e.actor ? consents.find((c) => c.requester === e.actor) : undefined) ?? null;
  const purpose = e.purpose ?? '';
  const basis = purpose.startsWith('BTG') ? 'btg' : purpose.startsWith('consent:') ? 'consent' : purpose === 'emergency' ? 'emergency' : null;
  return {
    seq: e.seq,
    atMs: Date.parse(e.at),
    name: asker?.requester_name || null,
    role: e.role ?? null,
    action: e.action,
    resourceType: /(?:^|[\s/])([A-Z][A-Za-z]+)(?:\/|$)/.exec(e.target ?? '')?.[1] ?? null,
    consent,
    basis: basis ?? (consent?.purpose === 'BTG' ? 'btg' : null),
    denied: e.outcome !== 'success',
  };
}

/** The message id for an action, e.g. `access-action-records-timeline`. */
export const actionMessage = (action: string): string => `access-action-${action.replace(/[._]/g, '-')}`;

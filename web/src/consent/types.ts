// The consent API's types, named for the app, from the generated schema; the consent status is spelled out here (see ConsentStatus).
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type HiType = Schemas['HiType'];
export type Purpose = Schemas['Purpose'];
export type AccessMode = Schemas['AccessMode'];
export type AccessRequest = Schemas['AccessRequest'];
export type BreakGlass = Schemas['BreakGlass'];
export type Narrowing = Schemas['Narrowing'];
export type AccessLogEntry = Schemas['AuditEntryView'];

/** How a consent stands. */
export type ConsentStatus = Schemas['ConsentStatus'];

/** One consent with the names of the patient and the doctor, as GET /api/v1/consent lists it. */
export type Consent = Schemas['ConsentView'];

/** Every kind of record, in the order the forms list them. */
export const HI_TYPES = [
  'DiagnosticReport',
  'Prescription',
  'OPConsultation',
  'DischargeSummary',
  'ImmunizationRecord',
  'HealthDocumentRecord',
  'WellnessRecord',
] as const satisfies readonly HiType[];

/** What a doctor may ask for (break the glass has its own form). */
export const REQUEST_PURPOSES = ['CAREMGT', 'PATRQT', 'PUBHLTH', 'HPAYMT', 'DSRCH'] as const satisfies readonly Purpose[];

/** Whether it lets the doctor in now (granted and not past its expiry). */
export const isLive = (c: Consent, now = Date.now()): boolean => c.status === 'GRANTED' && now < c.expires_at_ms;
export const isBreakGlass = (c: Consent): boolean => c.purpose === 'BTG';

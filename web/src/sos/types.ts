// The /sos API's types, named for the app, from the generated schema (so a server change shows up as a type error), plus /ws messages.
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type EmergencyKind = Schemas['EmergencyKind'];
export const EMERGENCY_KINDS = ['accident', 'chest_pain', 'breathing', 'pregnancy', 'unconscious', 'other'] as const satisfies readonly EmergencyKind[];

export type IncidentState = Schemas['IncidentState'];
/** A device fix; `last_known` when it is not fresh (the last fix this device saved). */
export type Location = Schemas['Location'];
export type Position = Schemas['Position'];
export type IncidentView = Schemas['IncidentView'];
/** An ambulance as a desk sees it when assigning (`status`: available, busy or off_duty). */
export type Ambulance = Schemas['AmbulanceView'];
export type CreateIncident = Schemas['NewIncident'];
export type PositionFix = Schemas['PositionReport'];
export type PositionAnswer = Schemas['PositionAnswer'];
/** What the patient keeps on their emergency medical ID, shown to the desk and the crew. */
export type MedicalId = Schemas['MedicalId'];
/** From this many other SOS in the last 10 minutes, desks see a repeat mark and the patient is asked to call 112 if it is real. */
export const REPEAT_WARNING = 3;
/** A registry facility (a desk finds its own hospital's position here). */
export type Facility = Schemas['Facility'];

/** The steps a crew moves an incident through, in order. */
export type CrewStep = Extract<IncidentState, 'en_route' | 'on_scene' | 'transporting' | 'closed'>;

/** Messages on GET /ws (not in the OpenAPI document). */
export type LiveMessage =
  | { type: 'hello'; user_id: string }
  | { type: 'sos.incident'; incident: IncidentView }
  | { type: 'sos.alert'; incident: IncidentView }
  | { type: 'sos.position'; incident_id: string; ambulance_id: string; position: Position; distance_m: number; eta_s: number | null }
  /** One of the patient's consents changed (asked, granted, denied, revoked, break the glass): reload the list. */
  | { type: 'consent.changed'; consent_id: string; action: string };

/** States after which nothing more happens to an incident. */
export const FINAL_STATES: readonly IncidentState[] = ['closed', 'cancelled', 'unanswered'];
export const isOpen = (s: IncidentState): boolean => !FINAL_STATES.includes(s);

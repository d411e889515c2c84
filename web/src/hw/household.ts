// Field records as the FHIR resources docs/SYNC.md maps them to (household Group, its Location, member Patients, visit
// Encounters), built and read here only, so screens deal in households and members, not FHIR paths.
import type { Fix } from '../sos/location';
import { scopeTags } from './forms';
import type { Change, Resource } from './store';

export const HOUSEHOLD_NUMBER = 'https://mysehat.in/fhir/sid/household-number';
export const GROUP_KIND = 'https://mysehat.in/fhir/CodeSystem/group-kind';
export const RELATION_TO_HEAD = 'https://mysehat.in/fhir/StructureDefinition/relation-to-head';
export const POSITION_ACCURACY = 'https://mysehat.in/fhir/StructureDefinition/position-accuracy';
export const BIRTHDATE_ESTIMATED = 'https://mysehat.in/fhir/StructureDefinition/birthdate-estimated';
export const ABHA = 'https://healthid.abdm.gov.in';

export const RELATIONS = ['head', 'spouse', 'son', 'daughter', 'father', 'mother', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];
export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export interface MemberInput {
  name: string;
  sex: Sex;
  /** A known date of birth (`YYYY-MM-DD`), or an age in years when only that is known. */
  birth: { date: string } | { years: number };
  relation: Relation;
  /** E.164, or null. */
  phone: string | null;
  abha: string | null;
}

function position(fix: Fix) {
  return {
    position: { latitude: round(fix.lat, 6), longitude: round(fix.lon, 6) },
    extension: [{ url: POSITION_ACCURACY, valueDecimal: Math.round(fix.accuracy_m) }],
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function memberPatient(id: string, m: MemberInput, meta: Resource['meta'], today: string): Resource {
  const p: Resource = { resourceType: 'Patient', id, meta, active: true, name: [{ text: m.name.trim() }], gender: m.sex };
  if ('date' in m.birth) {
    p.birthDate = m.birth.date;
  } else {
    p.birthDate = String(Number(today.slice(0, 4)) - m.birth.years);
    p._birthDate = { extension: [{ url: BIRTHDATE_ESTIMATED, valueBoolean: true }] };
  }
  if (m.phone) p.telecom = [{ system: 'phone', value: m.phone, use: 'mobile' }];
  if (m.abha) p.identifier = [{ system: ABHA, value: m.abha }];
  return p;
}

export interface NewHousehold {
  village: string;
  number: string;
  fix: Fix | null;
  members: MemberInput[];
  today: string;
  newId: () => string;
}

/** One household save: its Group, its Location and its members, all tagged with the village and the household. */
export function householdChanges(h: NewHousehold): { group: Resource; changes: Change[] } {
  const groupId = h.newId();
  const locationId = h.newId();
  const meta = { tag: scopeTags(h.village, groupId) };
  const location: Resource = {
    resourceType: 'Location',
    id: locationId,
    meta,
    status: 'active',
    name: h.number,
    mode: 'instance',
    partOf: { reference: `Location/${h.village}` },
    ...(h.fix ? position(h.fix) : {}),
  };
  const patients = h.members.map((m) => memberPatient(h.newId(), m, meta, h.today));
  const group: Resource = {
    resourceType: 'Group',
    id: groupId,
    meta,
    identifier: [{ system: HOUSEHOLD_NUMBER, value: h.number }],
    active: true,
    type: 'person',
    actual: true,
    code: { coding: [{ system: GROUP_KIND, code: 'household' }] },
    name: h.number,
    quantity: patients.length,
    characteristic: [
      {
        code: { coding: [{ system: GROUP_KIND, code: 'location' }], text: 'location' },
        valueReference: { reference: `Location/${locationId}` },
        exclude: false,
      },
    ],
    member: patients.map((p, i) => ({
      entity: { reference: `Patient/${p.id}` },
      extension: [{ url: RELATION_TO_HEAD, valueCode: h.members[i]!.relation }],
    })),
  };
  const changes: Change[] = [group, location, ...patients].map((resource) => ({ op: 'put', resource }));
  return { group, changes };
}

/** The household with one more member: the new Patient and the Group's new member list, saved as one group. */
export function addMemberChanges(group: Resource, m: MemberInput, id: string, today: string): Change[] {
  const patient = memberPatient(id, m, group.meta, today);
  const members = [...((group.member as unknown[]) ?? []), { entity: { reference: `Patient/${id}` }, extension: [{ url: RELATION_TO_HEAD, valueCode: m.relation }] }];
  return [
    { op: 'put', resource: patient },
    { op: 'put', resource: { ...group, member: members, quantity: members.length } },
  ];
}

export interface Visit {
  id: string;
  village: string;
  household: string;
  /** `Patient/…` or `Group/…`. */
  subject: string;
  at: string;
  fix: Fix | null;
}

/** A home visit: time-stamped, with the position where it happened in a contained Location. */
export function visitEncounter(v: Visit): Resource {
  const e: Resource = {
    resourceType: 'Encounter',
    id: v.id,
    meta: { tag: scopeTags(v.village, v.household) },
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
    subject: { reference: v.subject },
    period: { start: v.at },
  };
  if (v.fix) {
    e.contained = [{ resourceType: 'Location', id: 'pos', ...position(v.fix) }];
    e.location = [{ location: { reference: '#pos' } }];
  }
  return e;
}

// Reading.

export const isHousehold = (r: Resource): boolean =>
  r.resourceType === 'Group' && ((r.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? []).some((c) => c.system === GROUP_KIND && c.code === 'household');

export const householdNumber = (g: Resource): string =>
  ((g.identifier as { system?: string; value?: string }[] | undefined) ?? []).find((i) => i.system === HOUSEHOLD_NUMBER)?.value ?? g.id;

export interface Member {
  id: string;
  relation: Relation | null;
}

export function membersOf(g: Resource): Member[] {
  const list = (g.member as { entity?: { reference?: string }; extension?: { url?: string; valueCode?: string }[]; inactive?: boolean }[] | undefined) ?? [];
  return list
    .filter((m) => !m.inactive && m.entity?.reference?.startsWith('Patient/'))
    .map((m) => ({
      id: m.entity!.reference!.slice('Patient/'.length),
      relation: (m.extension?.find((e) => e.url === RELATION_TO_HEAD)?.valueCode as Relation | undefined) ?? null,
    }));
}

export function locationIdOf(g: Resource): string | null {
  const c = (g.characteristic as { valueReference?: { reference?: string } }[] | undefined) ?? [];
  const ref = c.find((x) => x.valueReference?.reference?.startsWith('Location/'))?.valueReference?.reference;
  return ref ? ref.slice('Location/'.length) : null;
}

/** A Location's position and its accuracy in metres, or null when it was saved without a fix. */
export function positionOf(r: Resource | undefined): { lat: number; lon: number; accuracy: number | null } | null {
  const p = r?.position as { latitude?: number; longitude?: number } | undefined;
  if (typeof p?.latitude !== 'number' || typeof p.longitude !== 'number') return null;
  const acc = (r!.extension as { url?: string; valueDecimal?: number }[] | undefined)?.find((e) => e.url === POSITION_ACCURACY)?.valueDecimal;
  return { lat: p.latitude, lon: p.longitude, accuracy: typeof acc === 'number' ? acc : null };
}

export const nameOf = (p: Resource | undefined): string => {
  const n = (p?.name as { text?: string; given?: string[]; family?: string }[] | undefined)?.[0];
  return n?.text ?? [...(n?.given ?? []), n?.family ?? ''].join(' ').trim();
};

/** Whole years at `today`; for a year-only (estimated) birth date, the difference of years. */
export function ageOf(p: Resource, today: string): number | null {
  const birth = typeof p.birthDate === 'string' ? p.birthDate : null;
  if (!birth) return null;
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  if (birth.length < 10) return years;
  return today.slice(5) < birth.slice(5, 10) ? years - 1 : years;
}

export const isEstimatedBirth = (p: Resource): boolean =>
  ((p._birthDate as { extension?: { url?: string; valueBoolean?: boolean }[] } | undefined)?.extension ?? []).some(
    (e) => e.url === BIRTHDATE_ESTIMATED && e.valueBoolean,
  );

/** `Patient/id` → id, for a reference to a Patient; null otherwise. */
export const patientIdOf = (reference: string | undefined): string | null =>
  reference?.startsWith('Patient/') ? reference.slice('Patient/'.length) : null;

// The medical ID form as plain data: from the server's shape to editable rows and back, and a server `field` to the input it names.
import { parsePhone } from '../phone';
import type { BloodGroup, MedicalId } from './types';

export type ListName = 'allergies' | 'conditions' | 'medicines';
export const LISTS: readonly ListName[] = ['allergies', 'conditions', 'medicines'];

export interface ContactRow {
  name: string;
  relation: string;
  phone: string;
}

export interface Draft {
  bloodGroup: BloodGroup | '';
  allergies: string[];
  conditions: string[];
  medicines: string[];
  contacts: ContactRow[];
  organDonor: boolean;
  preferredHospital: string;
}

/** The form for a stored ID; every list shows at least one (empty) row to type into. */
export function toDraft(id: MedicalId): Draft {
  const rows = (list: string[] | undefined) => (list?.length ? [...list] : ['']);
  return {
    bloodGroup: id.blood_group ?? '',
    allergies: rows(id.allergies),
    conditions: rows(id.conditions),
    medicines: rows(id.medicines),
    contacts: id.contacts?.length ? id.contacts.map((c) => ({ ...c })) : [{ name: '', relation: '', phone: '' }],
    organDonor: id.organ_donor === true,
    preferredHospital: id.preferred_hospital ?? '',
  };
}

const blankContact = (c: ContactRow) => !c.name.trim() && !c.relation.trim() && !c.phone.trim();

/**
 * The body to PUT. Blank rows are left out; a contact's phone goes as E.164 when the app can read it, else as typed, so the
 * server names it in its answer. `contactRows[i]` is the form row of the body's `contacts[i]` (blank rows shift the indexes).
 */
export function fromDraft(d: Draft): { body: MedicalId; contactRows: number[] } {
  const items = (list: string[]) => list.map((s) => s.trim()).filter(Boolean);
  const contactRows: number[] = [];
  const contacts = d.contacts.flatMap((c, row) => {
    if (blankContact(c)) return [];
    contactRows.push(row);
    return [{ name: c.name.trim(), relation: c.relation.trim(), phone: parsePhone(c.phone) ?? c.phone.trim() }];
  });
  const body: MedicalId = {
    blood_group: d.bloodGroup || null,
    allergies: items(d.allergies),
    conditions: items(d.conditions),
    medicines: items(d.medicines),
    contacts,
    organ_donor: d.organDonor,
    preferred_hospital: d.preferredHospital.trim() || null,
  };
  return { body, contactRows };
}

/** Where a server error belongs: the form's key for the field (`contacts.1.phone`, `allergies`…), or null for the whole form. */
export function fieldKey(field: string | null, contactRows: number[]): string | null {
  if (!field) return null;
  const contact = /^contacts\[(\d+)\]\.(name|relation|phone)$/.exec(field);
  if (contact) {
    const row = contactRows[Number(contact[1])] ?? Number(contact[1]);
    return `contacts.${row}.${contact[2]}`;
  }
  const known = ['blood_group', 'allergies', 'conditions', 'medicines', 'contacts', 'organ_donor', 'preferred_hospital'];
  return known.includes(field) ? field : null;
}

/** The id of the input to focus for a field key. */
export function inputId(key: string): string {
  const contact = /^contacts\.(\d+)\.(\w+)$/.exec(key);
  if (contact) return `mid-contact-${contact[1]}-${contact[2]}`;
  if ((LISTS as readonly string[]).includes(key)) return `mid-${key}-0`;
  return `mid-${key.replace(/_/g, '-')}`;
}

// The medical ID API's types, named for the app, from the generated schema.
import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** What a paramedic needs at a glance: blood group, allergies, conditions, medicines, contacts, organ donor, preferred hospital. */
export type MedicalId = Schemas['MedicalId'];
export type BloodGroup = Schemas['BloodGroup'];
export type EmergencyContact = Schemas['EmergencyContact'];
/** A public card link: put `<origin>/id/<token>` into the QR code; the server keeps only a hash, so this is the one chance to see it. */
export type CardLink = Schemas['Link'];
/** What the public card page shows: the owner's name and their medical ID. */
export type PublicCard = Schemas['Card'];

export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const satisfies readonly BloodGroup[];
/** The server's limits (crates/mysehat/src/sos/medical_id/record.rs), so the form stops adding rows where the server would refuse. */
export const MAX_ITEMS = 20;
export const MAX_CONTACTS = 5;

/** Whether there is anything on it worth showing. */
export function isEmpty(id: MedicalId | null | undefined): boolean {
  if (!id) return true;
  return (
    !id.blood_group &&
    !id.allergies?.length &&
    !id.conditions?.length &&
    !id.medicines?.length &&
    !id.contacts?.length &&
    !id.organ_donor &&
    !id.preferred_hospital
  );
}

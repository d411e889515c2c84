// One member in a line: name, relation, sex and age (marked "about" when only the age was known).
import { dayOf } from '../../dates';
import { t } from '../../i18n';
import { ageOf, isEstimatedBirth, nameOf, type MemberInput } from '../household';
import type { Resource } from '../store';

function line(name: string, relation: string | null, sex: string | null, years: number | null, estimated: boolean) {
  const parts = [relation && t(`hw-relation-${relation}`), sex && t(`hw-sex-${sex}`), years !== null && t(estimated ? 'hw-age-estimated' : 'hw-age-years', { years })];
  return (
    <>
      <strong>{name}</strong>
      <span class="muted">{parts.filter(Boolean).join(' · ')}</span>
    </>
  );
}

export function MemberSummary({ member: m }: { member: MemberInput }) {
  const today = dayOf(Date.now());
  const years = 'years' in m.birth ? m.birth.years : ageOf({ resourceType: 'Patient', id: '', birthDate: m.birth.date }, today);
  return line(m.name, m.relation, m.sex, years, 'years' in m.birth);
}

export function PatientSummary({ patient, relation }: { patient: Resource | undefined; relation: string | null }) {
  if (!patient) return null;
  const today = dayOf(Date.now());
  return line(nameOf(patient), relation, typeof patient.gender === 'string' ? patient.gender : null, ageOf(patient, today), isEstimatedBirth(patient));
}

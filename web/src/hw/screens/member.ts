// A member as typed on the phone, checked and turned into the fields a Patient needs; pure, so it is tested without a DOM.
import { parsePhone } from '../../phone';
import type { MemberInput, Relation, Sex } from '../household';

export interface MemberDraft {
  name: string;
  sex: Sex | '';
  birthKind: 'date' | 'age';
  birthDate: string;
  age: string;
  relation: Relation | '';
  phone: string;
  abha: string;
}

export const emptyMember = (relation: Relation | '' = ''): MemberDraft => ({
  name: '',
  sex: '',
  birthKind: 'date',
  birthDate: '',
  age: '',
  relation,
  phone: '',
  abha: '',
});

/** Field → message id of what is wrong with it. */
export type MemberErrors = Partial<Record<keyof MemberDraft, string>>;

/** The member to save, or what to fix first. */
export function checkMember(d: MemberDraft, today: string): { member: MemberInput } | { errors: MemberErrors } {
  const errors: MemberErrors = {};
  const name = d.name.trim();
  if (!name) errors.name = 'hw-member-need-name';
  if (!d.sex) errors.sex = 'hw-member-need-sex';
  if (!d.relation) errors.relation = 'hw-member-need-relation';
  let birth: MemberInput['birth'] | null = null;
  if (d.birthKind === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.birthDate)) errors.birthDate = 'hw-member-need-birth';
    else if (d.birthDate > today) errors.birthDate = 'hw-member-bad-birth';
    else birth = { date: d.birthDate };
  } else {
    const years = Number(d.age.trim());
    if (d.age.trim() === '') errors.age = 'hw-member-need-birth';
    else if (!Number.isInteger(years) || years < 0 || years > 120) errors.age = 'hw-member-bad-age';
    else birth = { years };
  }
  let phone: string | null = null;
  if (d.phone.trim()) {
    phone = parsePhone(d.phone);
    if (!phone) errors.phone = 'hw-member-bad-phone';
  }
  let abha: string | null = null;
  if (d.abha.trim()) {
    const digits = d.abha.replace(/[\s-]/g, '');
    if (!/^\d{14}$/.test(digits)) errors.abha = 'hw-member-bad-abha';
    else abha = `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10)}`;
  }
  if (Object.keys(errors).length > 0 || !birth || !d.sex || !d.relation) return { errors };
  return { member: { name, sex: d.sex, birth, relation: d.relation, phone, abha } };
}

// A member typed on the phone: what is required, what is refused, and how an age or an ABHA number is kept.
import { describe, expect, it } from 'vitest';
import { checkMember, emptyMember, type MemberDraft } from './member';

const TODAY = '2025-06-01';
const draft = (part: Partial<MemberDraft>): MemberDraft => ({ ...emptyMember('head'), name: 'Kamla Devi', sex: 'female', birthDate: '1980-02-29', ...part });

describe('checkMember', () => {
  it('keeps a member with a known date of birth', () => {
    expect(checkMember(draft({ phone: '98765 43210' }), TODAY)).toEqual({
      member: { name: 'Kamla Devi', sex: 'female', birth: { date: '1980-02-29' }, relation: 'head', phone: '+919876543210', abha: null },
    });
  });

  it('keeps only the age when that is all that is known', () => {
    const r = checkMember(draft({ birthKind: 'age', age: '45' }), TODAY);
    expect('member' in r && r.member.birth).toEqual({ years: 45 });
  });

  it('says what is missing or wrong, field by field', () => {
    const r = checkMember({ ...emptyMember(), birthKind: 'age', age: '4.5', phone: '12345', abha: '1234' }, TODAY);
    expect(r).toEqual({
      errors: {
        name: 'hw-member-need-name',
        sex: 'hw-member-need-sex',
        relation: 'hw-member-need-relation',
        age: 'hw-member-bad-age',
        phone: 'hw-member-bad-phone',
        abha: 'hw-member-bad-abha',
      },
    });
    expect(checkMember(draft({ birthDate: '2025-06-02' }), TODAY)).toEqual({ errors: { birthDate: 'hw-member-bad-birth' } });
    expect(checkMember(draft({ birthDate: '' }), TODAY)).toEqual({ errors: { birthDate: 'hw-member-need-birth' } });
  });

  it('writes an ABHA number in its usual 2-4-4-4 form', () => {
    const r = checkMember(draft({ abha: '91 1234 5678 9012' }), TODAY);
    expect('member' in r && r.member.abha).toBe('91-1234-5678-9012');
  });
});

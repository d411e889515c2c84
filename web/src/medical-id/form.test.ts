// The medical ID form must send what the person typed (minus blank rows) and put each server error at the input it names.
import { describe, expect, it } from 'vitest';
import { fieldKey, fromDraft, inputId, toDraft } from './form';

describe('medical ID form', () => {
  it('opens an empty ID with one row to type into in every list', () => {
    const d = toDraft({});
    expect(d).toMatchObject({ bloodGroup: '', allergies: [''], medicines: [''], organDonor: false, preferredHospital: '' });
    expect(d.contacts).toEqual([{ name: '', relation: '', phone: '' }]);
  });

  it('round-trips a stored ID', () => {
    const id = {
      blood_group: 'B+' as const,
      allergies: ['Penicillin'],
      conditions: ['Asthma'],
      medicines: ['Salbutamol'],
      contacts: [{ name: 'Ravi', relation: 'son', phone: '+919876500001' }],
      organ_donor: true,
      preferred_hospital: 'District Hospital',
    };
    expect(fromDraft(toDraft(id)).body).toEqual(id);
  });

  it('drops blank rows, trims, and writes phones as E.164 when it can read them', () => {
    const d = toDraft({});
    d.allergies = ['  Penicillin ', '', '   '];
    d.contacts = [
      { name: '', relation: '', phone: '' },
      { name: ' Ravi ', relation: 'son', phone: '98765 00001' },
      { name: 'Sita', relation: '', phone: '12' },
    ];
    const { body, contactRows } = fromDraft(d);
    expect(body.allergies).toEqual(['Penicillin']);
    expect(body.blood_group).toBeNull();
    expect(body.preferred_hospital).toBeNull();
    expect(body.contacts).toEqual([
      { name: 'Ravi', relation: 'son', phone: '+919876500001' },
      { name: 'Sita', relation: '', phone: '12' }, // left for the server to refuse, naming the field
    ]);
    expect(contactRows).toEqual([1, 2]);
  });

  it('maps a server field to the form row it came from, past dropped blank rows', () => {
    expect(fieldKey('contacts[1].phone', [1, 2])).toBe('contacts.2.phone');
    expect(fieldKey('allergies', [])).toBe('allergies');
    expect(fieldKey('preferred_hospital', [])).toBe('preferred_hospital');
    expect(fieldKey('something_else', [])).toBeNull();
    expect(fieldKey(null, [])).toBeNull();
  });

  it('names the input to focus for each field', () => {
    expect(inputId('contacts.2.phone')).toBe('mid-contact-2-phone');
    expect(inputId('allergies')).toBe('mid-allergies-0');
    expect(inputId('blood_group')).toBe('mid-blood-group');
  });
});

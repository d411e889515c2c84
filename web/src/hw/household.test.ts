// A household save as docs/SYNC.md maps it: one Group with its members and relations, one Location, the Patients, all tagged.
import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_TAG, VILLAGE_TAG, tagOf, type Resource } from './store';
import { ageOf, householdChanges, householdNumber, isEstimatedBirth, isHousehold, locationIdOf, membersOf, positionOf, visitEncounter } from './household';

let n = 0;
const built = householdChanges({
  village: 'v1',
  number: 'RAM-7',
  fix: { lat: 23.25991234, lon: 77.41261234, accuracy_m: 12.4, fixed_at_ms: 0 },
  members: [
    { name: ' Ramesh ', sex: 'male', birth: { date: '1972-03-15' }, relation: 'head', phone: '+919876543210', abha: '91-1234-5678-9012' },
    { name: 'Sita', sex: 'female', birth: { years: 48 }, relation: 'spouse', phone: null, abha: null },
  ],
  today: '2025-06-01',
  newId: () => `id${++n}`,
});
const resources = built.changes.map((c) => (c.op === 'put' ? c.resource : null)) as Resource[];

describe('householdChanges', () => {
  it('writes the Group, its Location and one Patient per member, each tagged with the village and the household', () => {
    expect(resources.map((r) => r.resourceType)).toEqual(['Group', 'Location', 'Patient', 'Patient']);
    for (const r of resources) {
      expect(tagOf(r, VILLAGE_TAG)).toBe('v1');
      expect(tagOf(r, HOUSEHOLD_TAG)).toBe(built.group.id);
    }
  });

  it('reads back as a household with its number, members, relations and position', () => {
    const [group, location, ramesh, sita] = resources as [Resource, Resource, Resource, Resource];
    expect(isHousehold(group)).toBe(true);
    expect(householdNumber(group)).toBe('RAM-7');
    expect(membersOf(group)).toEqual([
      { id: ramesh.id, relation: 'head' },
      { id: sita.id, relation: 'spouse' },
    ]);
    expect(locationIdOf(group)).toBe(location.id);
    expect(location.partOf).toEqual({ reference: 'Location/v1' });
    expect(positionOf(location)).toEqual({ lat: 23.259912, lon: 77.412612, accuracy: 12 });
    expect(ramesh.name).toEqual([{ text: 'Ramesh' }]);
    expect(ramesh.identifier).toEqual([{ system: 'https://healthid.abdm.gov.in', value: '91-1234-5678-9012' }]);
  });

  it('keeps an age-only member as a birth year marked estimated', () => {
    const sita = resources[3]!;
    expect(sita.birthDate).toBe('1977');
    expect(isEstimatedBirth(sita)).toBe(true);
    expect(ageOf(sita, '2025-06-01')).toBe(48);
    expect(ageOf(resources[2]!, '2025-03-14')).toBe(52);
  });
});

describe('visitEncounter', () => {
  it('is a finished home-health encounter, with its position contained only when there is a fix', () => {
    const base = { id: 'e1', village: 'v1', household: 'h1', subject: 'Patient/p1', at: '2025-06-01T10:00:00Z' };
    const without = visitEncounter({ ...base, fix: null });
    expect(without.class).toMatchObject({ code: 'HH' });
    expect(without.contained).toBeUndefined();
    const withFix = visitEncounter({ ...base, fix: { lat: 1, lon: 2, accuracy_m: 5, fixed_at_ms: 0 } });
    expect(withFix.location).toEqual([{ location: { reference: '#pos' } }]);
    expect(positionOf((withFix.contained as Resource[])[0])).toEqual({ lat: 1, lon: 2, accuracy: 5 });
  });
});

// The access log names the doctor through the consent each read was made under, and says on what basis it was made.
import { describe, expect, it } from 'vitest';
import { actionMessage, consentIdOf, describe as describeEntry } from './access-log';
import type { AccessLogEntry, Consent } from './types';

const consent = (over: Partial<Consent>): Consent => ({
  id: 'c1', status: 'GRANTED', purpose: 'CAREMGT', hi_types: ['DiagnosticReport'], access_mode: 'VIEW', date_from_ms: 0, date_to_ms: 1,
  expires_at_ms: 2, created_at_ms: 0, patient: 'p1', requester: 'd1', patient_name: 'Kamla', requester_name: 'Dr. Meera Rao', ...over,
});
const entry = (over: Partial<AccessLogEntry>): AccessLogEntry => ({
  seq: 7, at: '2026-11-27T06:00:00Z', action: 'records.timeline', outcome: 'success', actor: 'd1', role: 'doctor', ...over,
});
const consents = [consent({}), consent({ id: 'c2', purpose: 'BTG', requester: 'd2', requester_name: 'Dr. Arjun', reason: 'Unconscious after a fall' })];

describe('access log', () => {
  it('finds the consent from the purpose or from the consent it is about', () => {
    expect(consentIdOf(entry({ purpose: 'consent:c1' }))).toBe('c1');
    expect(consentIdOf(entry({ purpose: 'BTG:c2' }))).toBe('c2');
    expect(consentIdOf(entry({ purpose: 'CAREMGT', target: 'Consent/c1' }))).toBe('c1');
    expect(consentIdOf(entry({ purpose: 'emergency' }))).toBeNull();
  });

  it('names the doctor of the consent a read was made under', () => {
    const line = describeEntry(entry({ purpose: 'consent:c1' }), consents);
    expect(line).toMatchObject({ name: 'Dr. Meera Rao', basis: 'consent', denied: false, atMs: Date.UTC(2026, 10, 27, 6) });
    expect(line.consent?.id).toBe('c1');
  });

  it('flags break-the-glass reads and names that doctor', () => {
    expect(describeEntry(entry({ purpose: 'BTG:c2', actor: 'd2', action: 'fhir.read', target: 'Observation/o1' }), consents)).toMatchObject({
      name: 'Dr. Arjun', basis: 'btg', resourceType: 'Observation',
    });
  });

  it('names a doctor by account when the entry names no consent, and otherwise keeps only the role', () => {
    expect(describeEntry(entry({ purpose: null, actor: 'd1' }), consents).name).toBe('Dr. Meera Rao');
    expect(describeEntry(entry({ actor: 'a1', role: 'admin', action: 'fhir.create', target: 'Observation/o9' }), consents)).toMatchObject({
      name: null, role: 'admin', resourceType: 'Observation', basis: null,
    });
  });

  it('marks the public card scans and refusals', () => {
    expect(describeEntry(entry({ actor: null, role: null, purpose: 'emergency', action: 'medical_id.public_read' }), consents).basis).toBe('emergency');
    expect(describeEntry(entry({ outcome: 'denied', action: 'access.denied', target: 'GET /fhir/Observation/o1' }), consents)).toMatchObject({
      denied: true, resourceType: 'Observation',
    });
  });

  it('turns actions into message ids', () => {
    expect(actionMessage('records.timeline')).toBe('access-action-records-timeline');
    expect(actionMessage('medical_id.public_read')).toBe('access-action-medical-id-public-read');
  });
});

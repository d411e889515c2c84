// A grant sends only what the patient narrowed, never wider than asked, and refuses choices that would share nothing.
import { describe, expect, it } from 'vitest';
import { endOfDay, startOfDay } from '../dates';
import { grantDefaults, narrowing } from './grant';
import type { Consent } from './types';

const NOW = Date.UTC(2026, 10, 27, 6, 0);
const asked: Consent = {
  id: 'c1', status: 'REQUESTED', purpose: 'CAREMGT', hi_types: ['DiagnosticReport', 'Prescription'], access_mode: 'VIEW',
  date_from_ms: startOfDay('2021-11-27'), date_to_ms: endOfDay('2026-11-27'), expires_at_ms: NOW + 30 * 86_400_000,
  created_at_ms: NOW, patient: 'p1', requester: 'd1', patient_name: 'Kamla', requester_name: 'Dr. Meera Rao',
};

describe('narrowing', () => {
  it('grants what was asked with an empty body when nothing changed', () => {
    expect(narrowing(asked, grantDefaults(asked), NOW)).toEqual({ body: {} });
  });

  it('sends fewer kinds and a later start day, as the Indian midnight', () => {
    const choice = { ...grantDefaults(asked), kinds: ['DiagnosticReport' as const], from: '2025-11-27' };
    expect(narrowing(asked, choice, NOW)).toEqual({ body: { hi_types: ['DiagnosticReport'], date_from_ms: startOfDay('2025-11-27') } });
  });

  it('never widens: an earlier start or a later end than asked is clamped to the request', () => {
    const choice = { ...grantDefaults(asked), from: '2001-01-01', until: '2027-12-31' };
    const r = narrowing(asked, choice, NOW);
    expect(r).toEqual({ body: { date_from_ms: asked.date_from_ms, expires_at_ms: asked.expires_at_ms } });
  });

  it('ends access at the end of the chosen day', () => {
    const choice = { ...grantDefaults(asked), until: '2026-12-01' };
    expect(narrowing(asked, choice, NOW)).toEqual({ body: { expires_at_ms: endOfDay('2026-12-01') } });
  });

  it('refuses no kinds, dates in the wrong order, an end already past, and unreadable dates', () => {
    const d = grantDefaults(asked);
    expect(narrowing(asked, { ...d, kinds: [] }, NOW)).toEqual({ problem: 'consent-grant-pick-kind' });
    expect(narrowing(asked, { ...d, from: '2026-01-02', to: '2026-01-01' }, NOW)).toEqual({ problem: 'consent-grant-dates-order' });
    expect(narrowing(asked, { ...d, until: '2026-11-01' }, NOW)).toEqual({ problem: 'consent-grant-until-past' });
    expect(narrowing(asked, { ...d, from: '' }, NOW)).toEqual({ problem: 'consent-grant-bad-date' });
  });
});

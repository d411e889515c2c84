// Follow-ups on the phone: saved forms read back as the rules' events, and the server's Tasks merged in without going backwards.
import { describe, expect, it } from 'vitest';
import { evaluate, form, toResponse } from '../forms';
import { followUps, toTask } from '../rules';
import type { Resource } from '../store';
import type { Answers } from '../types';
import { answersOf, eventsOf, mergeFollowUps, sortFollowUps } from './events';

const cbac = form('hw-cbac')!;
const highRisk: Answers = {
  sex: [{ code: 'male' }],
  age: [{ code: '50-59' }],
  tobacco: [{ code: 'daily' }],
  alcohol: [{ code: 'yes' }],
  'waist-men': [{ code: 'more-than-100' }],
  activity: [{ code: 'less-than-150' }],
  'family-history': [{ code: 'yes' }],
};
const ctx = { id: 'qr1', subject: 'p1', encounter: 'e1', authored: '2025-06-01T10:00:00+05:30', village: 'v1', household: 'h1' };

describe('eventsOf', () => {
  it('reads a saved form back into the answers it was filled with', () => {
    const qr = toResponse(cbac, highRisk, ctx) as Resource;
    const answers = answersOf(qr);
    for (const [linkId, list] of Object.entries(highRisk)) expect(answers[linkId]).toEqual(list);
    expect(evaluate(cbac, answers).scores).toEqual(evaluate(cbac, highRisk).scores);
  });

  it('turns visits and forms into dated events of their subject, and they call for a CBAC referral', () => {
    const qr = toResponse(cbac, highRisk, ctx) as Resource;
    const visit: Resource = { resourceType: 'Encounter', id: 'e1', subject: { reference: 'Patient/p1' }, period: { start: '2025-06-01T04:30:00Z' } };
    const events = eventsOf([qr, visit]);
    expect(events).toEqual([
      { id: 'qr1', subject: 'p1', date: '2025-06-01', kind: 'form', form: 'hw-cbac', answers: answersOf(qr) },
      { id: 'e1', subject: 'p1', date: '2025-06-01', kind: 'visit', answers: {} },
    ]);
    const due = followUps(events, '2025-06-01');
    expect(due.map((f) => [f.rule, f.status])).toEqual([['cbac-referral', 'requested']]);
  });
});

describe('mergeFollowUps', () => {
  const computed = followUps(eventsOf([toResponse(cbac, highRisk, ctx) as Resource]), '2025-06-01');

  it('shows a follow-up done on the server as done, and keeps server Tasks the phone cannot compute', () => {
    const done = toTask({ ...computed[0]!, status: 'completed' }, 'v1', 'h1') as Resource;
    const other = toTask({ id: 'fu-tb-sputum-p2', rule: 'tb-sputum', subject: 'p2', due: '2025-05-20', status: 'requested', focus: 'qr9' }, 'v1') as Resource;
    const merged = mergeFollowUps(computed, [done, other]);
    expect(merged.map((f) => [f.id, f.status])).toEqual([
      [computed[0]!.id, 'completed'],
      ['fu-tb-sputum-p2', 'requested'],
    ]);
    const sorted = sortFollowUps(merged, '2025-06-01');
    expect(sorted.overdue.map((f) => f.id)).toEqual(['fu-tb-sputum-p2']);
    expect(sorted.done.map((f) => f.id)).toEqual([computed[0]!.id]);
  });

  it('never takes a follow-up done on the phone back to requested', () => {
    const requested = toTask(computed[0]!, 'v1', 'h1') as Resource;
    const merged = mergeFollowUps([{ ...computed[0]!, status: 'completed' }], [requested]);
    expect(merged[0]!.status).toBe('completed');
  });
});

// Follow-ups as the health worker's list shows them: referrals and when they close, the next ANC check-up, the next vaccine,
// and the Task each becomes.
import { describe, expect, it } from 'vitest';
import { followUps, nextVaccine, toTask } from './rules';
import type { Answers, HwEvent } from './types';

const formEvent = (id: string, subject: string, date: string, form: string, answers: Answers): HwEvent => ({ id, subject, date, form, kind: 'form', answers });
const visit = (id: string, subject: string, date: string): HwEvent => ({ id, subject, date, kind: 'visit', answers: {} });
const yes = [{ boolean: true }];

const tbCough = (id: string, subject: string, date: string) => formEvent(id, subject, date, 'hw-tb', { 'cough-2-weeks': yes });
const anc = (weeks: number, more: Answers = {}): Answers => ({ 'gestation-weeks': [{ integer: weeks }], 'danger-signs': [{ code: 'none' }], ...more });

describe('referrals', () => {
  it('ask for a sputum test 3 days after presumptive TB and close with a later visit, not the same-day one', () => {
    expect(followUps([tbCough('qr-1', 'p-1', '2024-05-01'), visit('enc-1', 'p-1', '2024-05-01')], '2024-05-02')).toEqual([
      { id: 'fu-tb-sputum-p-1', rule: 'tb-sputum', subject: 'p-1', due: '2024-05-04', status: 'requested', focus: 'qr-1' },
    ]);
    const closed = followUps([tbCough('qr-1', 'p-1', '2024-05-01'), visit('enc-2', 'p-1', '2024-05-03')], '2024-05-03');
    expect(closed[0]?.status).toBe('completed');
  });

  it('ask for referral the same day after an ANC danger sign', () => {
    const found = followUps([formEvent('qr-1', 'p-1', '2024-05-01', 'hw-anc', anc(30, { 'danger-signs': [{ code: 'convulsions' }] }))], '2024-05-01');
    expect(found.map((f) => [f.rule, f.due])).toEqual([
      ['anc-danger', '2024-05-01'],
      ['anc-next', '2024-05-15'],
    ]);
  });
});

describe('the next ANC check-up', () => {
  it('is 28 days away before 28 weeks, 14 from 28 weeks and 7 from 36 weeks', () => {
    const due = (weeks: number) => followUps([formEvent('qr-1', 'p-1', '2024-05-01', 'hw-anc', anc(weeks))], '2024-05-01')[0]?.due;
    expect([27, 28, 35, 36].map(due)).toEqual(['2024-05-29', '2024-05-15', '2024-05-15', '2024-05-08']);
  });
});

describe('the next vaccine', () => {
  it('is the six-week doses after the birth doses, and the follow-up moves with each immunisation form', () => {
    expect(nextVaccine('2024-01-01', { bcg: '2024-01-01', 'opv-0': '2024-01-01', 'hepb-0': '2024-01-01' }, '2024-01-01')).toEqual({ code: 'opv-1', due: '2024-02-12' });
    const child = (id: string, date: string, given: string[]) =>
      formEvent(id, 'c-1', date, 'hw-immunisation', { dob: [{ date: '2024-01-01' }], 'vaccines-today': given.map((code) => ({ code })) });
    const found = followUps([child('qr-1', '2024-01-01', ['bcg', 'opv-0', 'hepb-0']), child('qr-2', '2024-02-12', ['opv-1', 'penta-1', 'rota-1', 'fipv-1', 'pcv-1'])], '2024-02-12');
    expect(found).toEqual([{ id: 'fu-immunisation-next-c-1', rule: 'immunisation-next', subject: 'c-1', due: '2024-03-11', status: 'requested', focus: 'qr-2' }]);
  });

  it('skips doses past their age limit and clamps month ages to the month end', () => {
    expect(nextVaccine('2023-01-01', {}, '2024-02-01')).toEqual({ code: 'opv-1', due: '2023-02-12' });
    expect(nextVaccine('2017-01-01', { je: '2018-01-01' }, '2024-01-01')).toBeNull();
  });
});

describe('follow-ups', () => {
  it('are sorted by id and do not depend on the order of events', () => {
    const events = [
      tbCough('qr-3', 'p-2', '2024-05-02'),
      formEvent('qr-1', 'p-1', '2024-05-01', 'hw-anc', anc(20, { hb: [{ decimal: 6.5 }] })),
      visit('enc-1', 'p-2', '2024-05-04'),
    ];
    const found = followUps(events, '2024-05-05');
    expect(found.map((f) => f.id)).toEqual(['fu-anc-danger-p-1', 'fu-anc-next-p-1', 'fu-tb-sputum-p-2']);
    expect(followUps([...events].reverse(), '2024-05-05')).toEqual(found);
  });

  it('become Tasks for the person, focused on the form, due at restriction.period.end, tagged with the village', () => {
    const [f] = followUps([tbCough('qr-1', 'p-1', '2024-05-01')], '2024-05-01');
    expect(f && toTask(f, 'v-1')).toEqual({
      resourceType: 'Task',
      id: 'fu-tb-sputum-p-1',
      meta: { tag: [{ system: 'https://mysehat.in/fhir/CodeSystem/village', code: 'v-1' }] },
      status: 'requested',
      intent: 'plan',
      code: { coding: [{ system: 'https://mysehat.in/fhir/CodeSystem/follow-up-rule', code: 'tb-sputum' }], text: 'tb-sputum' },
      focus: { reference: 'QuestionnaireResponse/qr-1' },
      for: { reference: 'Patient/p-1' },
      restriction: { period: { end: '2024-05-04' } },
    });
  });
});

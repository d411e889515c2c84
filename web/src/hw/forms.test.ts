// The forms as a health worker fills them offline: what shows, what is still missing, the CBAC score and flags, the bands picked
// from measured numbers, the response a save writes, and the words for every item in both languages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { cbacAgeBand, cbacWaist, evaluate, form, forms, toResponse } from './forms';
import type { Answers, Questionnaire, QuestionnaireItem } from './types';

/** The parts of a built QuestionnaireResponse these tests read. */
interface Built {
  status: string;
  subject: unknown;
  encounter?: unknown;
  meta: { tag: unknown[] };
  item: { linkId: string; item?: { linkId: string; answer?: unknown }[] }[];
}

const shipped = (id: string): Questionnaire => {
  const q = form(id);
  if (!q) throw new Error(`no form ${id}`);
  return q;
};

const lowRiskWoman = (): Answers => ({
  sex: [{ code: 'female' }],
  age: [{ code: '30-39' }],
  tobacco: [{ code: 'never' }],
  alcohol: [{ code: 'no' }],
  'waist-women': [{ code: '80-or-less' }],
  activity: [{ code: 'at-least-150' }],
  'family-history': [{ code: 'no' }],
  breathless: [{ boolean: false }],
  'cough-2-weeks': [{ boolean: false }],
  'blood-in-sputum': [{ boolean: false }],
  'fever-2-weeks': [{ boolean: false }],
  'weight-loss': [{ boolean: false }],
  'night-sweats': [{ boolean: false }],
  'mouth-ulcer': [{ boolean: false }],
  'breast-lump': [{ boolean: false }],
});

describe('the shipped forms', () => {
  it('are the five Questionnaires, found by id or canonical URL', () => {
    expect(forms.map((q) => q.id)).toEqual(['hw-household', 'hw-cbac', 'hw-anc', 'hw-immunisation', 'hw-tb']);
    expect(form('https://mysehat.in/fhir/Questionnaire/hw-tb')?.id).toBe('hw-tb');
    expect(form('hw-nothing')).toBeUndefined();
  });
});

describe('CBAC as it is filled', () => {
  const cbac = shipped('hw-cbac');

  it('starts with every required question missing and the waist hidden until the sex is known', () => {
    const e = evaluate(cbac, {});
    expect(e.missing).toContain('sex');
    expect(e.enabled).not.toContain('waist-women');
    expect(e.scores).toEqual({ score: 0 });
    expect(evaluate(cbac, { sex: [{ code: 'male' }] }).enabled).toContain('waist-men');
  });

  it('scores 4 without referral and 5 with the advice shown and the referral flag raised', () => {
    const four = { ...lowRiskWoman(), age: [{ code: '50-59' }], 'family-history': [{ code: 'yes' }] };
    expect(evaluate(cbac, four)).toMatchObject({ scores: { score: 4 }, flags: [], missing: [] });
    const five = { ...four, alcohol: [{ code: 'yes' }] };
    const e = evaluate(cbac, five);
    expect(e.scores.score).toBe(5);
    expect(e.flags).toEqual(['cbac-refer']);
    expect(e.enabled).toContain('score-advice');
  });

  it('does not count the waist of the other sex, and flags presumptive TB for a TB symptom', () => {
    const e = evaluate(cbac, { ...lowRiskWoman(), 'waist-men': [{ code: 'more-than-100' }], 'night-sweats': [{ boolean: true }] });
    expect(e.scores.score).toBe(0);
    expect(e.flags).toEqual(['tb-presumptive']);
  });

  it('picks the age band at 39/40 and the waist band at 80/81 for women and 90/91 for men', () => {
    expect([29, 30, 39, 40, 59, 60].map(cbacAgeBand)).toEqual([null, '30-39', '30-39', '40-49', '50-59', '60-plus']);
    expect([80, 81, 90, 91].map((cm) => cbacWaist('female', cm).band)).toEqual(['80-or-less', '81-90', '81-90', 'more-than-90']);
    expect([90, 91, 100, 101].map((cm) => cbacWaist('male', cm))).toEqual([
      { item: 'waist-men', band: '90-or-less' },
      { item: 'waist-men', band: '91-100' },
      { item: 'waist-men', band: '91-100' },
      { item: 'waist-men', band: 'more-than-100' },
    ]);
  });
});

describe('the response a save writes', () => {
  it('is tagged with the village and household, names the encounter and carries the computed score', () => {
    const qr = toResponse(shipped('hw-cbac'), { ...lowRiskWoman(), tobacco: [{ code: 'daily' }] }, {
      id: 'qr-1',
      subject: 'p-1',
      encounter: 'enc-1',
      authored: '2024-06-01T10:00:00+05:30',
      village: 'v-1',
      household: 'h-1',
    }) as Built;
    expect(qr.status).toBe('completed');
    expect(qr.meta.tag).toEqual([
      { system: 'https://mysehat.in/fhir/CodeSystem/village', code: 'v-1' },
      { system: 'https://mysehat.in/fhir/CodeSystem/household', code: 'h-1' },
    ]);
    expect(qr.encounter).toEqual({ reference: 'Encounter/enc-1' });
    const score = qr.item[0]?.item?.find((i) => i.linkId === 'score');
    expect(score?.answer).toEqual([{ valueInteger: 2 }]);
  });

  it('is about the household Group for the household form, and in progress while something required is missing', () => {
    const qr = toResponse(shipped('hw-household'), { members: [{ integer: 4 }] }, { id: 'qr-2', subject: 'h-1', authored: '2024-06-01', village: 'v-1' }) as Built;
    expect(qr.subject).toEqual({ reference: 'Group/h-1' });
    expect(qr.status).toBe('in-progress');
    expect(qr.meta.tag).toHaveLength(1);
    expect(qr.encounter).toBeUndefined();
  });
});

describe('words for the forms', () => {
  const LOCALES = fileURLToPath(new URL('../../../locales/', import.meta.url));
  const bundle = (lang: string) => {
    const b = new FluentBundle(lang, { useIsolating: false });
    expect(b.addResource(new FluentResource(readFileSync(`${LOCALES}${lang}/forms.ftl`, 'utf8')))).toEqual([]);
    return b;
  };
  const keys = (q: Questionnaire): string[] => {
    const qid = q.id.replace(/^hw-/, '');
    const walk = (items: QuestionnaireItem[] = []): string[] =>
      items.flatMap((i) => [
        `form-${qid}-${i.linkId}`,
        ...(i.answerOption ?? []).map((o) => `form-${qid}-${i.linkId}-${o.valueCoding?.code}`),
        ...walk(i.item),
      ]);
    return [`form-${qid}-title`, ...walk(q.item)];
  };

  it('has every item and option in English and Hindi', () => {
    for (const lang of ['en', 'hi']) {
      const b = bundle(lang);
      const missing = forms.flatMap(keys).filter((k) => !b.hasMessage(k));
      expect(missing, lang).toEqual([]);
    }
    const hi = bundle('hi');
    const message = hi.getMessage('form-cbac-tobacco-daily');
    expect(message?.value && hi.formatPattern(message.value)).toBe('रोज़');
  });
});

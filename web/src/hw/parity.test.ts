// The app's Health Worker Mode rules give exactly what the server's give: every case of crates/hw/vectors.gen.json (written by
// crates/hw/tests/vectors.rs from the Rust rules) is run through the TypeScript port and must produce the identical JSON.
// After changing the Rust rules: MYSEHAT_UPDATE_VECTORS=1 cargo test -p mysehat-hw --test vectors, then port the change here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cbacAgeBand, cbacWaist, evaluate, form, toResponse } from './forms';
import { eventFromEncounter, eventFromResponse } from './events';
import { followUps, nextVaccine, toTask } from './rules';
import type { Answers, Evaluation, FollowUp, HwEvent, NextDose, Questionnaire } from './types';

interface EvaluationCase {
  name: string;
  form: string;
  answers: Answers;
  evaluation: Evaluation;
  context: { id: string; subject: string; encounter: string | null; authored: string; village: string; household: string | null };
  response: object;
}

interface FollowUpCase {
  name: string;
  today: string;
  events: HwEvent[];
  village: string;
  household: string | null;
  follow_ups: FollowUp[];
  tasks: object[];
}

interface VaccineCase {
  name: string;
  dob: string;
  given: Record<string, string>;
  today: string;
  next: NextDose | null;
}

interface EventCase {
  name: string;
  resource: { resourceType: string };
  event: HwEvent | null;
}

const vectors = JSON.parse(readFileSync(fileURLToPath(new URL('../../../crates/hw/vectors.gen.json', import.meta.url)), 'utf8')) as {
  questionnaires: Record<string, Questionnaire>;
  bands: { age: [number, string | null][]; waist: ['female' | 'male', number, string][] };
  evaluations: EvaluationCase[];
  follow_ups: FollowUpCase[];
  vaccines: VaccineCase[];
  events: EventCase[];
};

const questionnaire = (id: string): Questionnaire => {
  const q = vectors.questionnaires[id] ?? form(id);
  if (!q) throw new Error(`no form ${id}`);
  return q;
};

describe('Health Worker Mode rules match the server on every shared vector', () => {
  it('has the vectors (at least 60 cases)', () => {
    const { evaluations, follow_ups, vaccines, events } = vectors;
    expect(evaluations.length + follow_ups.length + vaccines.length + events.length).toBeGreaterThanOrEqual(60);
  });

  it.each(vectors.evaluations.map((c) => [c.name, c] as const))('evaluates and builds the response: %s', (_, c) => {
    const q = questionnaire(c.form);
    expect(evaluate(q, c.answers)).toEqual(c.evaluation);
    const ctx = {
      id: c.context.id,
      subject: c.context.subject,
      authored: c.context.authored,
      village: c.context.village,
      ...(c.context.encounter !== null ? { encounter: c.context.encounter } : {}),
      ...(c.context.household !== null ? { household: c.context.household } : {}),
    };
    expect(toResponse(q, c.answers, ctx)).toEqual(c.response);
  });

  it.each(vectors.follow_ups.map((c) => [c.name, c] as const))('derives the follow-ups and tasks: %s', (_, c) => {
    const found = followUps(c.events, c.today);
    expect(found).toEqual(c.follow_ups);
    expect(found.map((f) => toTask(f, c.village, c.household ?? undefined))).toEqual(c.tasks);
    expect(followUps([...c.events].reverse(), c.today)).toEqual(c.follow_ups);
  });

  it.each(vectors.vaccines.map((c) => [c.name, c] as const))('finds the next vaccine: %s', (_, c) => {
    expect(nextVaccine(c.dob, c.given, c.today)).toEqual(c.next);
  });

  it.each(vectors.events.map((c) => [c.name, c] as const))('reads the event a stored record stands for: %s', (_, c) => {
    const event = c.resource.resourceType === 'Encounter' ? eventFromEncounter(c.resource) : eventFromResponse(c.resource);
    expect(event).toEqual(c.event);
  });

  it('picks the same CBAC age and waist bands', () => {
    for (const [years, band] of vectors.bands.age) expect(cbacAgeBand(years), `age ${years}`).toBe(band);
    for (const [sex, cm, band] of vectors.bands.waist) expect(cbacWaist(sex, cm).band, `${sex} ${cm} cm`).toBe(band);
  });
});

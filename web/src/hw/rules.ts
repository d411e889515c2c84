// Follow-up rules offline: from a person's visits and forms, what must happen next and by when, and the FHIR Task for each. A port of
// crates/hw/src/follow_up (whose module docs give each rule's trigger, due date, completion and source), held to the same answers by
// parity.test.ts; the server runs the same rules after a push and writes the same Task ids.
import { addDays, daysBetween } from './civil';
import { ANC_DANGER, CBAC_REFER, CBAC_SYMPTOM, TB_PRESUMPTIVE } from './flags';
import { evaluate, form, scopeTags } from './forms';
import { nextVaccine } from './schedule';
import type { Answer, FollowUp, HwEvent, Rule } from './types';

export { nextVaccine, SCHEDULE } from './schedule';

export const RULES: readonly Rule[] = ['cbac-referral', 'tb-sputum', 'anc-next', 'anc-danger', 'immunisation-next'];
export const RULE_SYSTEM = 'https://mysehat.in/fhir/CodeSystem/follow-up-rule';

/** An event with its shipped form resolved and its flags evaluated once. */
interface Seen {
  event: HwEvent;
  form: string | null;
  flags: string[];
}

function seen(event: HwEvent): Seen {
  const q = event.kind === 'form' && event.form !== undefined ? form(event.form) : undefined;
  return { event, form: q?.id ?? null, flags: q ? evaluate(q, event.answers).flags : [] };
}

const first = (s: Seen, linkId: string): Answer | undefined => s.event.answers[linkId]?.[0];
const byDateThenId = (a: Seen, b: Seen) =>
  a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;

/** Days to the next ANC check-up at `weeks` of pregnancy (unknown: as before 28 weeks). */
export function ancIntervalDays(weeks: number | null): number {
  if (weeks !== null && weeks >= 36) return 7;
  if (weeks !== null && weeks >= 28) return 14;
  return 28;
}

const dateOf = (a: Answer | undefined): string | null => (a && 'date' in a ? a.date : null);

/** One person's events, oldest first, and the follow-ups they call for. */
class History {
  constructor(
    private subject: string,
    private seen: Seen[],
  ) {}

  make(rule: Rule, due: string, status: FollowUp['status'], focus: HwEvent): FollowUp {
    return { id: `fu-${rule}-${this.subject}`, rule, subject: this.subject, due, status, focus: focus.id };
  }

  latest(pred: (s: Seen) => boolean): Seen | undefined {
    return [...this.seen].reverse().find(pred);
  }

  /** Due `days` after the latest triggering form, completed by a visit dated after it. */
  referral(rule: Rule, days: number, trigger: (s: Seen) => boolean): FollowUp[] {
    const from = this.latest(trigger)?.event;
    if (!from) return [];
    const visited = this.seen.some((s) => s.event.kind === 'visit' && s.event.date > from.date);
    return [this.make(rule, addDays(from.date, days), visited ? 'completed' : 'requested', from)];
  }

  ancNext(): FollowUp[] {
    const anc = this.latest((s) => s.form === 'hw-anc');
    if (!anc) return [];
    const gw = first(anc, 'gestation-weeks');
    const lmp = dateOf(first(anc, 'lmp'));
    let weeks: number | null = null;
    if (gw && 'integer' in gw) weeks = gw.integer;
    else if (lmp !== null) {
      const days = daysBetween(lmp, anc.event.date);
      weeks = days >= 0 ? Math.floor(days / 7) : null;
    }
    return [this.make('anc-next', addDays(anc.event.date, ancIntervalDays(weeks)), 'requested', anc.event)];
  }

  /** The date of birth from the latest form that gives one; the doses from every form, each on its form's date, the first time. */
  immunisationNext(today: string): FollowUp[] {
    const isForm = (s: Seen) => s.event.kind === 'form' && s.form === 'hw-immunisation';
    const last = this.latest(isForm);
    const withDob = this.latest((s) => isForm(s) && dateOf(first(s, 'dob')) !== null);
    const dob = withDob ? dateOf(first(withDob, 'dob')) : null;
    if (!last || dob === null) return [];
    const given: Record<string, string> = {};
    for (const s of this.seen.filter(isForm)) {
      for (const a of s.event.answers['vaccines-today'] ?? []) if ('code' in a) given[a.code] ??= s.event.date;
    }
    const next = nextVaccine(dob, given, today);
    return [next ? this.make('immunisation-next', next.due, 'requested', last.event) : this.make('immunisation-next', last.event.date, 'completed', last.event)];
  }

  all(today: string): FollowUp[] {
    const has = (s: Seen, flag: string) => s.flags.includes(flag);
    return [
      ...this.referral('cbac-referral', 7, (s) => s.form === 'hw-cbac' && (has(s, CBAC_REFER) || has(s, CBAC_SYMPTOM))),
      ...this.referral('tb-sputum', 3, (s) => has(s, TB_PRESUMPTIVE)),
      ...this.referral('anc-danger', 0, (s) => s.form === 'hw-anc' && has(s, ANC_DANGER)),
      ...this.ancNext(),
      ...this.immunisationNext(today),
    ];
  }
}

/** Every follow-up the events call for, sorted by id. `today` only decides which vaccines are past their age limit. */
export function followUps(events: HwEvent[], today: string): FollowUp[] {
  const bySubject = new Map<string, Seen[]>();
  for (const event of events) {
    const list = bySubject.get(event.subject) ?? [];
    list.push(seen(event));
    bySubject.set(event.subject, list);
  }
  const out = [...bySubject].flatMap(([subject, seen]) => new History(subject, seen.sort(byDateThenId)).all(today));
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The follow-up as the FHIR Task docs/SYNC.md describes: intent plan, for the person, focus the form, due as restriction.period.end. */
export function toTask(f: FollowUp, village: string, household?: string): object {
  return {
    resourceType: 'Task',
    id: f.id,
    meta: { tag: scopeTags(village, household) },
    status: f.status,
    intent: 'plan',
    code: { coding: [{ system: RULE_SYSTEM, code: f.rule }], text: f.rule },
    focus: { reference: `QuestionnaireResponse/${f.focus}` },
    for: { reference: `Patient/${f.subject}` },
    restriction: { period: { end: f.due } },
  };
}

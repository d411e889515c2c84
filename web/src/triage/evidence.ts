// What is known about each finding (present, absent or unknown) after text, profile, vitals and answers, closed under
// implications ("high fever" ⇒ fever) and exclusive groups (one duration). A port of crates/triage/src/evidence.rs.
import { InputError } from './input';
import { appliesTo, type KnowledgeBase } from './kb';
import type { Understanding } from './text/understand';
import type { Answer, FindingSource, Person, Readings } from './types';
import { derivedFindings } from './vitals';

/** One finding's state and where it came from. */
export interface Observation {
  present: boolean;
  source: FindingSource;
}

export class Evidence {
  private readonly state: (Observation | null)[];
  private readonly askedFindings: boolean[];
  private readonly askedGroups: boolean[];
  /** Number of distinct questions answered so far. */
  answered = 0;

  private constructor(
    private readonly kb: KnowledgeBase,
    private readonly person: Person,
  ) {
    this.state = kb.findings.map(() => null);
    this.askedFindings = kb.findings.map(() => false);
    this.askedGroups = kb.groups.map(() => false);
  }

  /** Throws an InputError for an answer that does not fit its question. */
  static build(kb: KnowledgeBase, person: Person, understood: Understanding, vitals: Readings, answers: Answer[]): Evidence {
    const e = new Evidence(kb, person);
    for (const [fx, present] of understood.findings) e.setApplicable(fx, present, 'text');
    const duration = kb.groups.find((g) => g.id === 'duration');
    if (understood.durationDays !== null && duration) {
      const days = understood.durationDays;
      const pick = days < 7 ? 'duration_under_week' : days < 14 ? 'duration_1_to_2_weeks' : 'duration_over_2_weeks';
      for (const m of duration.members) e.state[m] = { present: kb.findings[m]!.id === pick, source: 'text' };
    }
    const pregnant = kb.fx('pregnant');
    if (person.pregnant !== null && pregnant !== undefined) e.setApplicable(pregnant, person.pregnant, 'profile');
    for (const [fx, present] of derivedFindings(kb, person, vitals)) e.setApplicable(fx, present, 'vitals');
    const seen = new Set<string>();
    for (const answer of answers) {
      if (seen.has(answer.question_id)) continue;
      seen.add(answer.question_id);
      if (e.applyAnswer(answer)) e.answered += 1;
    }
    e.close();
    return e;
  }

  private setApplicable(fx: number, present: boolean, source: FindingSource): void {
    const applies = (f: number) => appliesTo(this.kb.findings[f]!, this.person.ageYears, this.person.sex);
    let target: number | undefined = fx;
    if (!applies(fx)) {
      const fallback = this.kb.lexicon.fallback.get(fx);
      target = fallback !== undefined && applies(fallback) ? fallback : undefined;
    }
    if (target === undefined) return;
    const keepPresent = source === 'text' && this.state[target]?.present === true;
    if (!keepPresent) this.state[target] = { present, source };
  }

  /** Applies one answer; returns whether it was to a known question. */
  private applyAnswer(answer: Answer): boolean {
    const invalid = () => new InputError('triage_invalid_answer', `answer \`${answer.answer}\` is not valid for question \`${answer.question_id}\``);
    const value = answer.answer.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
    const g = this.kb.groups.findIndex((group) => group.id === answer.question_id);
    if (g >= 0) {
      this.askedGroups[g] = true;
      if (value === 'unknown') return true;
      const members = this.kb.groups[g]!.members;
      const chosen = members.find((m) => this.kb.findings[m]!.id === value);
      if (chosen === undefined) throw invalid();
      for (const m of members) this.state[m] = { present: m === chosen, source: 'answer' };
      return true;
    }
    const fx = this.kb.fx(answer.question_id);
    if (fx === undefined) return false;
    this.askedFindings[fx] = true;
    if (value === 'yes') this.setApplicable(fx, true, 'answer');
    else if (value === 'no') this.setApplicable(fx, false, 'answer');
    else if (value !== 'unknown') throw invalid();
    return true;
  }

  /** Implications and exclusive groups, repeated until nothing changes. */
  private close(): void {
    const { findings, groups } = this.kb;
    const children: number[][] = findings.map(() => []);
    findings.forEach((f, j) => f.implies.forEach((parent) => children[parent]!.push(j)));
    const inferred = (present: boolean): Observation => ({ present, source: 'inferred' });
    let changed = true;
    while (changed) {
      changed = false;
      findings.forEach((finding, i) => {
        const o = this.state[i];
        if (o?.present === true) {
          for (const parent of finding.implies) {
            const p = this.state[parent];
            if (p === null || p === undefined || (!p.present && p.source !== 'answer')) {
              this.state[parent] = inferred(true);
              changed = true;
            }
          }
          if (finding.group !== null) {
            for (const m of groups[finding.group]!.members) {
              if (m !== i && this.state[m] === null) {
                this.state[m] = inferred(false);
                changed = true;
              }
            }
          }
        } else if (o?.present === false) {
          for (const j of children[i]!) {
            if (this.state[j] === null) {
              this.state[j] = inferred(false);
              changed = true;
            }
          }
        }
      });
    }
  }

  get(fx: number): Observation | null {
    return this.state[fx] ?? null;
  }

  isPresent(fx: number): boolean {
    return this.state[fx]?.present === true;
  }

  isAbsent(fx: number): boolean {
    return this.state[fx]?.present === false;
  }

  wasAsked(fx: number): boolean {
    return this.askedFindings[fx] === true;
  }

  groupAsked(group: number): boolean {
    return this.askedGroups[group] === true;
  }

  /** Every finding with a known state, in vocabulary order. */
  known(): [number, Observation][] {
    const out: [number, Observation][] = [];
    this.state.forEach((o, i) => {
      if (o) out.push([i, o]);
    });
    return out;
  }

  /** Whether any symptom (not just context such as pregnancy or diabetes) is present. */
  anyComplaint(): boolean {
    return this.state.some((o, i) => o?.present === true && !this.kb.findings[i]!.context);
  }
}

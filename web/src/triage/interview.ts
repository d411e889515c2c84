// Chooses the next question: red-flag screening for the complaint first, then the question with the largest expected
// information gain over the differential, until the answer is clear (a port of crates/triage/src/interview.rs).
import type { Evidence } from './evidence';
import { appliesTo, type KnowledgeBase } from './kb';
import { ranked, top, type Posterior } from './model';
import { screeningCandidates } from './red-flags';
import type { Person, Question, Readings, Triage } from './types';

/** Most questions in one interview. */
export const MAX_QUESTIONS = 12;
/** Stop asking once the top condition is at least this probable (after screening). */
export const STOP_CONFIDENCE = 0.85;
/** A question must be expected to remove at least this much uncertainty (bits). */
const MIN_GAIN_BITS = 0.02;
/** Only findings of this many leading conditions are considered. */
const CANDIDATE_CONDITIONS = 10;

function entropy(p: number[]): number {
  let sum = 0;
  for (const x of p) if (x > 0) sum += -x * Math.log2(x);
  return sum;
}

/** Expected entropy after observing one of several outcomes, each with P(outcome | hypothesis). */
function expectedEntropy(prior: number[], outcomes: number[][]): number {
  let sum = 0;
  for (const likelihood of outcomes) {
    const joint = prior.map((p, i) => p * likelihood[i]!);
    const mass = joint.reduce((a, b) => a + b, 0);
    sum += mass <= 0 ? 0 : mass * entropy(joint.map((j) => j / mass));
  }
  return sum;
}

function yesNo(kb: KnowledgeBase, fx: number, reason: Question['reason']): Question {
  const f = kb.findings[fx]!;
  return { id: f.id, kind: 'yes_no', text: f.question, choices: [], reason };
}

/** The next question, or null when the interview should stop. */
export function nextQuestion(kb: KnowledgeBase, person: Person, evidence: Evidence, vitals: Readings, posterior: Posterior, triage: Triage): Question | null {
  if (triage === 'emergency' || evidence.answered >= MAX_QUESTIONS) return null;
  const screening = screeningCandidates(kb, person, evidence, vitals, triage);
  if (screening.length > 0) return yesNo(kb, screening[0]!, 'red_flag_screening');
  if (top(posterior) >= STOP_CONFIDENCE) return null;
  const prior = [...posterior.probs, posterior.unexplained];
  const before = entropy(prior);
  const leading = ranked(kb, posterior).slice(0, CANDIDATE_CONDITIONS);
  const column = (fx: number) => [...kb.conditions.map((c) => c.likelihood[fx]!), kb.findings[fx]!.leak];
  let best: { gain: number; question: Question } | null = null;
  const consider = (gain: number, question: () => Question) => {
    if (gain >= MIN_GAIN_BITS && (best === null || gain > best.gain + 1e-12)) best = { gain, question: question() };
  };
  kb.findings.forEach((finding, fx) => {
    const listedByLeader = leading.some((c) => kb.conditions[c]!.listed.some(([f]) => f === fx));
    const askable = finding.ask && finding.group === null && appliesTo(finding, person.ageYears, person.sex);
    if (!listedByLeader || !askable || evidence.get(fx) !== null || evidence.wasAsked(fx)) return;
    const yes = column(fx);
    const no = yes.map((p) => 1 - p);
    consider(before - expectedEntropy(prior, [yes, no]), () => yesNo(kb, fx, 'most_informative'));
  });
  kb.groups.forEach((group, g) => {
    if (evidence.groupAsked(g) || group.members.some((m) => evidence.get(m) !== null)) return;
    const outcomes = group.members.map(column);
    consider(before - expectedEntropy(prior, outcomes), () => ({
      id: group.id,
      kind: 'choice',
      text: group.question,
      choices: group.members.map((m) => ({ id: kb.findings[m]!.id, label: kb.findings[m]!.label })),
      reason: 'most_informative',
    }));
  });
  return (best as { question: Question } | null)?.question ?? null;
}

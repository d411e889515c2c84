// Health Worker Mode wire types, the same JSON as crates/hw (answers, evaluations, events, follow-ups) and the FHIR shapes the forms use.

/** One answer to one item: a chosen option's `code`, a number, a `YYYY-MM-DD` date, text or yes/no. */
export type Answer = { code: string } | { integer: number } | { decimal: number } | { date: string } | { string: string } | { boolean: boolean };
/** linkId → that item's answers (several for a repeating item). */
export type Answers = Record<string, Answer[]>;

/** What a form's answers mean now (crates/hw/src/evaluate.rs). */
export interface Evaluation {
  /** Every enabled item (groups and display items too), in form order. */
  enabled: string[];
  /** Enabled, required, answerable, not read-only items without an answer, in form order. */
  missing: string[];
  /** Each enabled score item's value. */
  scores: Record<string, number>;
  /** Clinical flags raised (`cbac-refer`, `cbac-symptom`, `tb-presumptive`, `anc-danger`), sorted. */
  flags: string[];
}

/** Something a health worker recorded about a person: a home visit, or a filled form (`form` is its id, `hw-cbac`). */
export interface HwEvent {
  id: string;
  subject: string;
  date: string;
  form?: string;
  kind: 'visit' | 'form';
  answers: Answers;
}

/** What must happen next for a person and by when (`id` is `fu-<rule>-<subject>`); overdue is `due < today`. */
export interface FollowUp {
  id: string;
  rule: string;
  subject: string;
  due: string;
  status: 'requested' | 'completed';
  /** The id of the form that triggered it. */
  focus: string;
}

export type Rule = 'cbac-referral' | 'tb-sputum' | 'anc-next' | 'anc-danger' | 'immunisation-next';

/** The next vaccine dose and its due date. */
export interface NextDose {
  code: string;
  due: string;
}

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface Extension {
  url: string;
  valueDecimal?: number;
  valueString?: string;
}

export interface AnswerOption {
  extension?: Extension[];
  valueCoding?: Coding;
}

export interface EnableWhen {
  question: string;
  operator: string;
  answerBoolean?: boolean;
  answerInteger?: number;
  answerDecimal?: number;
  answerDate?: string;
  answerString?: string;
  answerCoding?: Coding;
}

export interface QuestionnaireItem {
  linkId: string;
  text?: string;
  type: string;
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  enableWhen?: EnableWhen[];
  enableBehavior?: string;
  answerOption?: AnswerOption[];
  extension?: Extension[];
  item?: QuestionnaireItem[];
}

/** A FHIR R4 Questionnaire, as far as the rules read it. */
export interface Questionnaire {
  resourceType: string;
  id: string;
  url: string;
  status: string;
  name?: string;
  title?: string;
  subjectType?: string[];
  item?: QuestionnaireItem[];
}

/** Who and what a built QuestionnaireResponse is about. `subject` is the Patient id (the household Group id for the household form). */
export interface ResponseContext {
  id: string;
  subject: string;
  encounter?: string;
  authored: string;
  village: string;
  household?: string;
}

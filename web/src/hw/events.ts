// Events from the FHIR records they stand for (a QuestionnaireResponse is a form, an Encounter a visit), read as crates/hw does
// (src/follow_up/events.rs, src/response.rs), so the device and the server feed the follow-up rules the same events.
import { isDate } from './civil';
import type { Answer, Answers, HwEvent } from './types';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function value(answer: Json): Answer | null {
  if ('valueCoding' in answer) {
    const code = str(obj(answer.valueCoding)?.code);
    return code === null ? null : { code };
  }
  if ('valueInteger' in answer) return Number.isInteger(answer.valueInteger) ? { integer: answer.valueInteger as number } : null;
  if ('valueDecimal' in answer) return typeof answer.valueDecimal === 'number' ? { decimal: answer.valueDecimal } : null;
  if ('valueDate' in answer) {
    const date = str(answer.valueDate);
    return date !== null && isDate(date) ? { date } : null;
  }
  const text = str(answer.valueString);
  if (text !== null) return { string: text };
  return typeof answer.valueBoolean === 'boolean' ? { boolean: answer.valueBoolean } : null;
}

/** The answers of a QuestionnaireResponse by linkId (items nested under items or answers alike); null when one cannot be read. */
export function responseAnswers(qr: object): Answers | null {
  const answers: Answers = {};
  let readable = true;
  const collect = (parent: Json) => {
    for (const raw of list(parent.item)) {
      const item = obj(raw) ?? {};
      const linkId = str(item.linkId) ?? '';
      for (const rawAnswer of list(item.answer)) {
        const answer = obj(rawAnswer) ?? {};
        const v = value(answer);
        if (v === null) readable = false;
        else (answers[linkId] ??= []).push(v);
        collect(answer);
      }
      collect(item);
    }
  };
  collect(qr as Json);
  return readable ? answers : null;
}

function common(resource: Json, type: string): { id: string; subject: string } | null {
  if (resource.resourceType !== type || resource.status === 'entered-in-error') return null;
  const id = str(resource.id);
  const reference = str(obj(resource.subject)?.reference);
  if (id === null || reference === null || !reference.startsWith('Patient/')) return null;
  return { id, subject: reference.slice('Patient/'.length) };
}

/** The calendar day a FHIR date or dateTime is written on. */
function day(v: unknown): string | null {
  const text = str(v)?.slice(0, 10) ?? null;
  return text !== null && isDate(text) ? text : null;
}

/** A filled form about a person: the day of `authored` as written, the questionnaire's canonical URL, the answers. */
export function eventFromResponse(qr: object): HwEvent | null {
  const r = qr as Json;
  const head = common(r, 'QuestionnaireResponse');
  const date = day(r.authored);
  const form = str(r.questionnaire)?.split('|')[0];
  const answers = responseAnswers(qr);
  if (!head || date === null || form === undefined || answers === null) return null;
  return { ...head, date, form, kind: 'form', answers };
}

/** A home visit to a person on the day of `period.start`. */
export function eventFromEncounter(encounter: object): HwEvent | null {
  const e = encounter as Json;
  const head = common(e, 'Encounter');
  const date = day(obj(e.period)?.start);
  if (!head || date === null) return null;
  return { ...head, date, kind: 'visit', answers: {} };
}

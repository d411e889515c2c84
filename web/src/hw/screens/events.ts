// The device's visits and forms as the follow-up rules read them, and the server's Tasks as follow-ups: the bridge between
// FHIR records in the store and the pure rules of rules.ts.
import { dayOf } from '../../dates';
import { form } from '../forms';
import type { Resource } from '../store';
import type { Answer, Answers, FollowUp, HwEvent } from '../types';

type Item = { linkId: string; answer?: Record<string, unknown>[]; item?: Item[] };

function answerOf(v: Record<string, unknown>): Answer | null {
  const coding = v.valueCoding as { code?: string } | undefined;
  if (typeof coding?.code === 'string') return { code: coding.code };
  if (typeof v.valueInteger === 'number') return { integer: v.valueInteger };
  if (typeof v.valueDecimal === 'number') return { decimal: v.valueDecimal };
  if (typeof v.valueDate === 'string') return { date: v.valueDate };
  if (typeof v.valueString === 'string') return { string: v.valueString };
  if (typeof v.valueBoolean === 'boolean') return { boolean: v.valueBoolean };
  return null;
}

/** The answers a QuestionnaireResponse holds, by linkId (nested groups flattened, as the rules read them). */
export function answersOf(qr: Resource): Answers {
  const out: Answers = {};
  const walk = (items: Item[] | undefined) => {
    for (const item of items ?? []) {
      const list = (item.answer ?? []).map(answerOf).filter((a): a is Answer => a !== null);
      if (list.length > 0) out[item.linkId] = list;
      walk(item.item);
    }
  };
  walk(qr.item as Item[] | undefined);
  return out;
}

/** `Patient/…` or `Group/…` → the id. */
const idOf = (ref: unknown): string => {
  const r = (ref as { reference?: string } | undefined)?.reference ?? '';
  return r.slice(r.indexOf('/') + 1);
};

/** Day (India) of an instant; a bare date stays as it is. */
const day = (text: unknown): string => (typeof text !== 'string' ? '' : /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : dayOf(Date.parse(text)));

export function eventsOf(records: Resource[]): HwEvent[] {
  const events: HwEvent[] = [];
  for (const r of records) {
    if (r.resourceType === 'Encounter') {
      events.push({ id: r.id, subject: idOf(r.subject), date: day((r.period as { start?: string } | undefined)?.start), kind: 'visit', answers: {} });
    } else if (r.resourceType === 'QuestionnaireResponse') {
      const q = form(String(r.questionnaire ?? ''));
      const event: HwEvent = { id: r.id, subject: idOf(r.subject), date: day(r.authored), kind: 'form', answers: answersOf(r) };
      if (q) event.form = q.id;
      events.push(event);
    }
  }
  return events.filter((e) => e.subject && e.date);
}

/** A Task pulled from the server, as a follow-up; null when it is not one of ours. */
export function followUpOfTask(task: Resource): FollowUp | null {
  const m = /^fu-(.+)-([^-]+(?:-[^-]+){4})$/.exec(task.id);
  const rule = ((task.code as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code ?? m?.[1]) || null;
  const subject = idOf(task.for);
  const due = (task.restriction as { period?: { end?: string } } | undefined)?.period?.end;
  if (!rule || !subject || !due) return null;
  return {
    id: task.id,
    rule,
    subject,
    due: due.slice(0, 10),
    status: task.status === 'completed' ? 'completed' : 'requested',
    focus: idOf(task.focus),
  };
}

/**
 * The device's follow-ups (computed from its events) merged with the server's Tasks by id: a Task done on the server or
 * on this phone stays done (states only move forward); Tasks the device cannot compute are kept as they are.
 */
export function mergeFollowUps(computed: FollowUp[], tasks: Resource[]): FollowUp[] {
  const byId = new Map(computed.map((f) => [f.id, f]));
  for (const task of tasks) {
    const f = followUpOfTask(task);
    if (!f) continue;
    const mine = byId.get(f.id);
    if (!mine) byId.set(f.id, f);
    else if (f.status === 'completed') byId.set(f.id, { ...mine, status: 'completed' });
  }
  return [...byId.values()];
}

export interface Sorted {
  overdue: FollowUp[];
  due: FollowUp[];
  done: FollowUp[];
}

/** Overdue (due before today), due, and done; each by due date. */
export function sortFollowUps(list: FollowUp[], today: string): Sorted {
  const byDue = (a: FollowUp, b: FollowUp) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id);
  const open = list.filter((f) => f.status !== 'completed').sort(byDue);
  return {
    overdue: open.filter((f) => f.due < today),
    due: open.filter((f) => f.due >= today),
    done: list.filter((f) => f.status === 'completed').sort(byDue),
  };
}

// The words of a form in the person's language: forms.ftl keys `form-<form>-<linkId>` and `form-<form>-<linkId>-<code>`
// (`<form>` with or without its `hw-` prefix), falling back to the form's own English text.
import { has, t } from '../../i18n';
import { form } from '../forms';
import type { Coding, Questionnaire, QuestionnaireItem } from '../types';

const ids = (q: Questionnaire, rest: string): string[] => [`form-${q.id}-${rest}`, `form-${q.id.replace(/^hw-/, '')}-${rest}`];

function text(q: Questionnaire, rest: string): string | null {
  const id = ids(q, rest).find(has);
  return id ? t(id) : null;
}

export const formTitle = (q: Questionnaire): string => text(q, 'title') ?? q.title ?? q.id;

export const itemLabel = (q: Questionnaire, item: QuestionnaireItem): string => text(q, item.linkId) ?? item.text ?? item.linkId;

export const optionLabel = (q: Questionnaire, item: QuestionnaireItem, c: Coding): string =>
  text(q, `${item.linkId}-${c.code ?? ''}`) ?? c.display ?? c.code ?? '';

/** A clinical flag an evaluation raised (`cbac-refer`), in words. */
export const flagLabel = (flag: string): string => (has(`hw-flag-${flag}`) ? t(`hw-flag-${flag}`) : flag);

/** A follow-up rule (`cbac-referral`), in words. */
export const ruleLabel = (rule: string): string => (has(`followup-${rule}`) ? t(`followup-${rule}`) : rule);

/** The shipped form a QuestionnaireResponse answers, from its canonical URL. */
export const formByUrl = (url: string): Questionnaire | undefined => form(url);

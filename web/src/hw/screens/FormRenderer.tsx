// One renderer for every shipped Questionnaire: choice (radio), multi-choice (checkbox), integer, decimal, date, string, text,
// boolean, display and group items; items the answers disable are hidden, and scores show where the form puts them.
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { SCORE_OF } from '../forms';
import type { Answer, Answers, Evaluation, Questionnaire, QuestionnaireItem } from '../types';
import { itemLabel, optionLabel } from './formText';

interface Props {
  q: Questionnaire;
  answers: Answers;
  evaluation: Evaluation;
  onChange: (linkId: string, answers: Answer[]) => void;
}

const isScore = (item: QuestionnaireItem) => item.extension?.some((e) => e.url === SCORE_OF) ?? false;
const fieldId = (linkId: string) => `q-${linkId}`;

function Choice({ q, item, answers, onChange }: { q: Questionnaire; item: QuestionnaireItem; answers: Answer[]; onChange: Props['onChange'] }) {
  const chosen = new Set(answers.flatMap((a) => ('code' in a ? [a.code] : [])));
  const many = item.repeats === true;
  const toggle = (code: string, on: boolean) => {
    if (!many) return onChange(item.linkId, [{ code }]);
    const next = on ? [...chosen, code] : [...chosen].filter((c) => c !== code);
    onChange(item.linkId, next.map((c) => ({ code: c })));
  };
  return (
    <fieldset class="field" data-link={item.linkId}>
      <legend>{itemLabel(q, item)}</legend>
      <div class="choices">
        {(item.answerOption ?? []).map((o) => {
          const code = o.valueCoding?.code ?? '';
          return (
            <label class={many ? 'choice check' : 'choice'} key={code}>
              <input
                type={many ? 'checkbox' : 'radio'}
                name={fieldId(item.linkId)}
                checked={chosen.has(code)}
                onChange={(e) => toggle(code, e.currentTarget.checked)}
              />
              {optionLabel(q, item, o.valueCoding ?? {})}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function YesNo({ label, item, answers, onChange }: { label: string; item: QuestionnaireItem; answers: Answer[]; onChange: Props['onChange'] }) {
  const value = answers.find((a): a is { boolean: boolean } => 'boolean' in a)?.boolean;
  return (
    <fieldset class="field" data-link={item.linkId}>
      <legend>{label}</legend>
      <div class="choices">
        {[true, false].map((v) => (
          <label class="choice" key={String(v)}>
            <input type="radio" name={fieldId(item.linkId)} checked={value === v} onChange={() => onChange(item.linkId, [{ boolean: v }])} />
            {t(v ? 'hw-form-yes' : 'hw-form-no')}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A typed-in answer: number, date or text. The input keeps what is typed; the answer is what it parses to. */
function Typed({ label, item, answers, onChange }: { label: string; item: QuestionnaireItem; answers: Answer[]; onChange: Props['onChange'] }) {
  const a = answers[0];
  const shown = a ? String(Object.values(a)[0]) : '';
  const parse = (raw: string): Answer[] => {
    const v = raw.trim();
    if (v === '') return [];
    switch (item.type) {
      case 'integer':
        return /^-?\d+$/.test(v) ? [{ integer: Number(v) }] : [];
      case 'decimal':
        return Number.isFinite(Number(v)) ? [{ decimal: Number(v) }] : [];
      case 'date':
        return /^\d{4}-\d{2}-\d{2}$/.test(v) ? [{ date: v }] : [];
      default:
        return [{ string: raw }];
    }
  };
  const id = fieldId(item.linkId);
  const onInput = (e: Event) => onChange(item.linkId, parse((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value));
  let input: JSX.Element;
  if (item.type === 'text') input = <textarea id={id} rows={3} defaultValue={shown} onInput={onInput} />;
  else if (item.type === 'date') input = <input id={id} type="date" defaultValue={shown} onInput={onInput} />;
  else if (item.type === 'integer' || item.type === 'decimal') {
    input = <input id={id} type="number" inputMode={item.type === 'integer' ? 'numeric' : 'decimal'} step={item.type === 'integer' ? 1 : 'any'} defaultValue={shown} onInput={onInput} />;
  } else input = <input id={id} defaultValue={shown} onInput={onInput} autocomplete="off" />;
  return (
    <div class="field" data-link={item.linkId}>
      <label for={id}>{label}</label>
      {input}
    </div>
  );
}

function Item({ item, ...props }: Props & { item: QuestionnaireItem }) {
  const { q, answers, evaluation, onChange } = props;
  if (!evaluation.enabled.includes(item.linkId)) return null;
  const label = itemLabel(q, item);
  const mine = answers[item.linkId] ?? [];
  if (item.type === 'group') {
    return (
      <fieldset class="group" data-link={item.linkId}>
        <legend>{label}</legend>
        {(item.item ?? []).map((child) => (
          <Item key={child.linkId} item={child} {...props} />
        ))}
      </fieldset>
    );
  }
  if (item.type === 'display') {
    return (
      <p class="display" data-link={item.linkId}>
        {label}
      </p>
    );
  }
  if (isScore(item) || item.readOnly) {
    const score = evaluation.scores[item.linkId];
    return (
      <p class="hw-score" data-link={item.linkId} data-score={score ?? ''}>
        {t('hw-form-score', { name: label, score: score ?? '—' })}
      </p>
    );
  }
  if (item.type === 'choice' || item.type === 'open-choice') return <Choice q={q} item={item} answers={mine} onChange={onChange} />;
  if (item.type === 'boolean') return <YesNo label={label} item={item} answers={mine} onChange={onChange} />;
  return <Typed label={label} item={item} answers={mine} onChange={onChange} />;
}

export function FormRenderer(props: Props) {
  return (
    <div class="hw-form">
      {(props.q.item ?? []).map((item) => (
        <Item key={item.linkId} item={item} {...props} />
      ))}
    </div>
  );
}

/** The labels of the items `linkIds` names, in form order, for "still to answer: …". */
export function labelsOf(q: Questionnaire, linkIds: string[]): string[] {
  const wanted = new Set(linkIds);
  const out: string[] = [];
  const walk = (items: QuestionnaireItem[] | undefined) => {
    for (const item of items ?? []) {
      if (wanted.has(item.linkId)) out.push(itemLabel(q, item));
      walk(item.item);
    }
  };
  walk(q.item);
  return out;
}

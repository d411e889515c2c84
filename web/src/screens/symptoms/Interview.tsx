// One interview question at a time, with big answer buttons: Yes / No / Don't know, or the choices and Don't know.
import { useEffect, useRef } from 'preact/hooks';
import { lang, t } from '../../i18n';
import type { Question } from '../../triage/types';

interface Props {
  question: Question;
  number: number;
  busy: boolean;
  onAnswer: (answer: string) => void;
  onBack: () => void;
  onShowResult: () => void;
}

export function Interview({ question, number, busy, onAnswer, onBack, onShowResult }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new question takes the focus, so a screen reader reads it out and the buttons follow.
  useEffect(() => heading.current?.focus(), [question.id]);
  const options: [string, string][] =
    question.kind === 'choice'
      ? [...question.choices.map((c): [string, string] => [c.id, c.label[lang.value]]), ['unknown', t('sym-answer-unknown')]]
      : [
          ['yes', t('sym-answer-yes')],
          ['no', t('sym-answer-no')],
          ['unknown', t('sym-answer-unknown')],
        ];
  return (
    <section class="sym-question" aria-busy={busy}>
      <p class="muted">{t('sym-question-count', { number })}</p>
      <h2 ref={heading} tabIndex={-1}>
        {question.text[lang.value]}
      </h2>
      <p class="hint">{t(`sym-reason-${question.reason}`)}</p>
      <div class="sym-answers">
        {options.map(([id, label]) => (
          <button type="button" key={id} class={`button big sym-answer sym-answer-${id === 'yes' || id === 'no' || id === 'unknown' ? id : 'choice'}`}
            disabled={busy} onClick={() => onAnswer(id)}>
            {label}
          </button>
        ))}
      </div>
      <div class="sym-question-nav">
        <button type="button" class="button secondary" disabled={busy} onClick={onBack}>
          {t('sym-back')}
        </button>
        <button type="button" class="button secondary" disabled={busy} onClick={onShowResult}>
          {t('sym-show-result')}
        </button>
      </div>
    </section>
  );
}

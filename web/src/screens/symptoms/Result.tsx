// The result: how urgent, in colour and in words, with one-tap calls for an emergency and helplines for a crisis; then
// the danger signs, the likely causes with their reasons, the advice, what was understood and the disclaimer.
import { lang, t } from '../../i18n';
import type { Problem } from '../../i18n/errors';
import { problemText } from '../../i18n/errors';
import type { CheckResult } from '../../triage/check';
import type { Output, RankedCondition } from '../../triage/types';

/** Conditions shown: the most likely few, leaving out those under 1 %. */
const SHOWN_CONDITIONS = 5;

export type SaveState = { step: 'idle' } | { step: 'saving' } | { step: 'saved' } | { step: 'failed'; problem: Problem };

interface Props {
  result: CheckResult;
  /** Signed-in patients can keep the check in their record. */
  canSave: boolean;
  online: boolean;
  save: SaveState;
  onSave: () => void;
  onStartOver: () => void;
}

function Level({ out }: { out: Output }) {
  return (
    <section class={`sym-level sym-level-${out.triage}`} data-triage={out.triage} aria-labelledby="sym-level-word">
      <h2 id="sym-level-word" class="sym-level-word">
        {t(`sym-level-${out.triage}`)}
      </h2>
      <p>{t(`sym-level-${out.triage}-explain`)}</p>
      {out.triage === 'emergency' && (
        <div class="call-row">
          <a class="button big sym-call" href="tel:108">
            {t('sym-call-108')}
          </a>
          <a class="button big sym-call" href="tel:112">
            {t('sym-call-112')}
          </a>
        </div>
      )}
    </section>
  );
}

function Crisis() {
  return (
    <section class="card sym-crisis" role="alert">
      <h2>{t('sym-crisis-title')}</h2>
      <p>{t('sym-crisis-body')}</p>
      <a class="button primary big" href="tel:14416">
        {t('sym-call-tele-manas')}
      </a>
      <a class="button secondary" href="tel:18008914416">
        {t('sym-call-tele-manas-toll-free')}
      </a>
      <a class="button danger" href="tel:112">
        {t('sym-call-112')}
      </a>
    </section>
  );
}

function ConditionItem({ c }: { c: RankedCondition }) {
  const l = lang.value;
  return (
    <li class="sym-condition">
      <strong>{c.name[l]}</strong> <span class="muted">({c.icd10})</span>
      <div class="sym-probability">
        <span class="sym-track" aria-hidden="true">
          <span class="sym-bar" style={{ width: `${Math.max(2, Math.round(c.probability * 100))}%` }} />
        </span>
        <span>{t('sym-probability', { percent: Math.round(c.probability * 100) })}</span>
      </div>
      {c.for.length > 0 && (
        <p class="sym-reasons">
          <span class="sym-for">{t('sym-for')}:</span> {c.for.map((f) => f.label[l]).join(', ')}
        </p>
      )}
      {c.against.length > 0 && (
        <p class="sym-reasons">
          <span class="sym-against">{t('sym-against')}:</span> {c.against.map((f) => f.label[l]).join(', ')}
        </p>
      )}
    </li>
  );
}

export function Result({ result, canSave, online, save, onSave, onStartOver }: Props) {
  const out = result.output;
  const l = lang.value;
  const conditions = out.conditions.filter((c, i) => i === 0 || c.probability >= 0.01).slice(0, SHOWN_CONDITIONS);
  const understood = out.understood.filter((u) => u.source !== 'profile');
  return (
    <section class="sym-result">
      <h1>{t('sym-result-title')}</h1>
      <Level out={out} />
      {result.offline && (
        <p class="notice sym-offline-check" role="note">
          {t('sym-offline-check')}
        </p>
      )}
      {out.crisis && <Crisis />}
      {out.red_flags.length > 0 && (
        <section class="card">
          <h2>{t('sym-red-flags')}</h2>
          <ul class="sym-flags">
            {out.red_flags.map((f) => (
              <li key={f.id}>
                {f.label[l]}
                <small class="muted">{t('sym-source', { source: f.source })}</small>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card">
        <h2>{t('sym-advice')}</h2>
        <p>{out.advice}</p>
      </section>
      {conditions.length > 0 && (
        <section class="card">
          <h2>{t('sym-conditions')}</h2>
          <p class="hint">{t('sym-conditions-hint')}</p>
          <ol class="plain">
            {conditions.map((c) => (
              <ConditionItem key={c.id} c={c} />
            ))}
          </ol>
        </section>
      )}
      {understood.length > 0 && (
        <details class="card sym-understood">
          <summary>{t('sym-understood')}</summary>
          <ul>
            {understood.map((u) => (
              <li key={u.id}>{t(u.present ? 'sym-understood-yes' : 'sym-understood-no', { finding: u.label[l] })}</li>
            ))}
          </ul>
          <p class="hint">{t('sym-understood-fix')}</p>
        </details>
      )}
      <p class="sym-disclaimer">{out.disclaimer}</p>
      {canSave && (
        <div class="sym-save">
          {save.step === 'saved' ? (
            <p class="notice sym-saved" role="status">
              {t('sym-saved')}
            </p>
          ) : (
            <button type="button" class="button primary" disabled={!online || save.step === 'saving'} onClick={onSave}>
              {save.step === 'saving' ? t('sym-saving') : t('sym-save')}
            </button>
          )}
          {!online && save.step !== 'saved' && <p class="hint">{t('sym-save-offline')}</p>}
          {save.step === 'failed' && (
            <p class="form-error" role="alert">
              {problemText(save.problem)}
            </p>
          )}
        </div>
      )}
      <button type="button" class="button secondary" onClick={onStartOver}>
        {t('sym-start-over')}
      </button>
    </section>
  );
}

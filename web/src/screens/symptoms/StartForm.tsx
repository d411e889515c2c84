// The first step: age, sex, pregnancy when it matters, the complaint typed or dictated, and measurements if there are any.
import { lang, t } from '../../i18n';
import { online } from '../../net/online';
import { VITAL_FIELDS, type Sex, type VitalField } from '../../triage/types';
import { asksPregnancy, type AgeUnit, type FormErrors, type PregnantAnswer, type SymptomForm } from './form';
import { useDictation } from './speech';

const VITAL_LABELS: Record<VitalField, string> = {
  temperature_c: 'sym-vital-temperature',
  pulse_bpm: 'sym-vital-pulse',
  respiratory_rate: 'sym-vital-breaths',
  spo2_percent: 'sym-vital-spo2',
  systolic_bp: 'sym-vital-bp-top',
  diastolic_bp: 'sym-vital-bp-bottom',
  blood_glucose_mg_dl: 'sym-vital-glucose',
};

interface Props {
  form: SymptomForm;
  errors: FormErrors;
  busy: boolean;
  onChange: (form: SymptomForm) => void;
  onSubmit: () => void;
}

function Choices<V extends string>({ name, legend, value, options, error, onPick }: {
  name: string;
  legend: string;
  value: V | null;
  options: [V, string][];
  error?: string;
  onPick: (v: V) => void;
}) {
  return (
    <fieldset class={error ? 'field has-error' : 'field'} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      <div class="choices">
        {options.map(([v, label]) => (
          <label class="choice" key={v}>
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onPick(v)} />
            {label}
          </label>
        ))}
      </div>
      {error && (
        <p class="error" id={`${name}-error`} role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}

function NumberField({ id, label, value, error, onValue }: { id: string; label: string; value: string; error?: string; onValue: (v: string) => void }) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      <div class="field-row">
        <input id={id} value={value} inputMode="decimal" autocomplete="off" aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined} onInput={(e) => onValue(e.currentTarget.value)} />
      </div>
      {error && (
        <p class="error" id={`${id}-error`} role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

export function StartForm({ form, errors, busy, onChange, onSubmit }: Props) {
  const set = (patch: Partial<SymptomForm>) => onChange({ ...form, ...patch });
  const dictation = useDictation((heard) => onChange({ ...form, text: form.text.trim() ? `${form.text.trim()} ${heard}` : heard }));
  const vitalsGiven = VITAL_FIELDS.some(([f]) => form.vitals[f] !== '' || errors[f]);

  return (
    <form class="sym-form" noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      {!online.value && <p class="notice">{t('sym-offline-note')}</p>}
      <NumberField id="sym-age" label={t('sym-age')} value={form.age} error={errors.age} onValue={(age) => set({ age })} />
      <Choices<AgeUnit> name="sym-age-unit" legend={t('sym-age-unit')} value={form.ageUnit}
        options={[['years', t('sym-age-years')], ['months', t('sym-age-months')]]} onPick={(ageUnit) => set({ ageUnit })} />
      <Choices<Sex> name="sym-sex" legend={t('sym-sex')} value={form.sex} error={errors.sex}
        options={[['female', t('sym-sex-female')], ['male', t('sym-sex-male')], ['other', t('sym-sex-other')]]} onPick={(sex) => set({ sex })} />
      {asksPregnancy(form) && (
        <Choices<PregnantAnswer> name="sym-pregnant" legend={t('sym-pregnant')} value={form.pregnant}
          options={[['yes', t('sym-pregnant-yes')], ['no', t('sym-pregnant-no')], ['unknown', t('sym-pregnant-unknown')]]}
          onPick={(pregnant) => set({ pregnant })} />
      )}
      <div class={errors.text ? 'field has-error' : 'field'}>
        <label for="sym-text">{t('sym-complaint')}</label>
        <p class="hint" id="sym-text-hint">
          {t('sym-complaint-hint')}
        </p>
        <textarea id="sym-text" class="sym-text" rows={4} value={form.text} aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? 'sym-text-hint sym-text-error' : 'sym-text-hint'} onInput={(e) => set({ text: e.currentTarget.value })} />
        {errors.text && (
          <p class="error" id="sym-text-error" role="alert">
            {t(errors.text)}
          </p>
        )}
        {dictation.supported && (
          <button type="button" class="button secondary sym-mic" aria-pressed={dictation.state === 'listening'}
            onClick={() => (dictation.state === 'listening' ? dictation.stop() : dictation.start(lang.value))}>
            <span aria-hidden="true">🎤</span> {dictation.state === 'listening' ? t('sym-speak-stop') : t('sym-speak')}
          </button>
        )}
        <p class="hint" role="status" aria-live="polite">
          {dictation.state === 'listening' ? t('sym-listening') : dictation.state === 'failed' ? t('sym-speech-failed') : ''}
        </p>
      </div>
      <details class="sym-vitals" open={vitalsGiven}>
        <summary>{t('sym-vitals')}</summary>
        <p class="hint">{t('sym-vitals-hint')}</p>
        {VITAL_FIELDS.map(([field]) => (
          <NumberField key={field} id={`sym-${field}`} label={t(VITAL_LABELS[field])} value={form.vitals[field]} error={errors[field]}
            onValue={(v) => set({ vitals: { ...form.vitals, [field]: v } })} />
        ))}
      </details>
      <button type="submit" class="button primary big" disabled={busy}>
        {busy ? t('sym-busy') : t('sym-submit')}
      </button>
    </form>
  );
}

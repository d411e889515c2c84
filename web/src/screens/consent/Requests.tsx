// The doctor's side of consent: ask a patient for access to some kinds of records, follow the answers, open the record while a
// consent is live; and, clearly apart, break the glass in an emergency with a reason the patient will see.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/errors';
import { useOnReturn } from '../../components/useOnReturn';
import { consents as api } from '../../consent/state';
import { HI_TYPES, isLive, REQUEST_PURPOSES, type AccessMode, type Consent, type HiType, type Purpose } from '../../consent/types';
import { addDays, addYears, dayOf, endOfDay, startOfDay } from '../../dates';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { parsePhone } from '../../phone';
import { onLinkClick } from '../../router';
import { ConsentCard, kindName } from './parts';
import './consent.css';

const REFRESH_MS = 20_000;

/** The server's field names → the form's input ids. */
const REQUEST_FIELDS: Record<string, string> = {
  patient_phone: 'cr-phone',
  purpose: 'cr-purpose',
  hi_types: 'cr-kinds',
  date_from_ms: 'cr-from',
  date_to_ms: 'cr-to',
  expires_at_ms: 'cr-until',
};

function useFieldErrors() {
  const [problem, setProblem] = useState<unknown>(null);
  const [field, setField] = useState<string | null>(null);
  const show = (e: unknown, fields: Record<string, string>) => {
    setProblem(e);
    const id = e instanceof ApiError && e.field ? (fields[e.field] ?? null) : null;
    setField(id);
    if (id) requestAnimationFrame(() => document.getElementById(id)?.focus());
  };
  const clear = () => {
    setProblem(null);
    setField(null);
  };
  /** The server's own words for the field at fault, shown under it. */
  const at = (id: string) =>
    field === id && problem instanceof ApiError ? (
      <p class="error" id={`${id}-error`} role="alert">
        {problem.message}
      </p>
    ) : null;
  return { problem, field, show, clear, at };
}

function RequestForm({ onCreated }: { onCreated: (c: Consent) => void }) {
  const today = dayOf(Date.now());
  const [phone, setPhone] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('CAREMGT');
  const [kinds, setKinds] = useState<HiType[]>([]);
  const [from, setFrom] = useState(addYears(today, -5));
  const [to, setTo] = useState(today);
  const [until, setUntil] = useState(addDays(today, 30));
  const [mode, setMode] = useState<AccessMode>('VIEW');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const errors = useFieldErrors();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    setSent(null);
    try {
      const created = await api.request({
        patient_phone: parsePhone(phone) ?? phone.trim(),
        purpose,
        hi_types: kinds,
        date_from_ms: startOfDay(from),
        date_to_ms: endOfDay(to),
        expires_at_ms: endOfDay(until),
        access_mode: mode,
      });
      setSent(created.patient_name);
      setPhone('');
      onCreated(created);
    } catch (err) {
      errors.show(err, REQUEST_FIELDS);
    } finally {
      setBusy(false);
    }
  };

  const invalid = (id: string) => (errors.field === id ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});
  return (
    <form class="card request-form" onSubmit={submit} noValidate>
      <h2>{t('consent-request-title')}</h2>
      <div class={errors.field === 'cr-phone' ? 'field has-error' : 'field'}>
        <label for="cr-phone">{t('consent-patient-phone')}</label>
        <input id="cr-phone" type="tel" inputMode="tel" autocomplete="off" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} {...invalid('cr-phone')} />
        {errors.at('cr-phone')}
      </div>
      <div class="field">
        <label for="cr-purpose">{t('consent-purpose')}</label>
        <select id="cr-purpose" value={purpose} onChange={(e) => setPurpose(e.currentTarget.value as Purpose)}>
          {REQUEST_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`consent-purpose-${p}`)}
            </option>
          ))}
        </select>
        {errors.at('cr-purpose')}
      </div>
      <fieldset class={errors.field === 'cr-kinds' ? 'field has-error' : 'field'} id="cr-kinds" tabIndex={-1}>
        <legend>{t('consent-kinds')}</legend>
        <div class="checks">
          {HI_TYPES.map((k) => (
            <label class="choice check" key={k}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.currentTarget.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
              {kindName(k)}
            </label>
          ))}
        </div>
        {errors.at('cr-kinds')}
      </fieldset>
      <div class="field">
        <label for="cr-from">{t('consent-request-from')}</label>
        <input id="cr-from" type="date" value={from} max={to} onInput={(e) => setFrom(e.currentTarget.value)} {...invalid('cr-from')} />
        {errors.at('cr-from')}
      </div>
      <div class="field">
        <label for="cr-to">{t('consent-request-to')}</label>
        <input id="cr-to" type="date" value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} {...invalid('cr-to')} />
        {errors.at('cr-to')}
      </div>
      <div class="field">
        <label for="cr-until">{t('consent-request-until')}</label>
        <input id="cr-until" type="date" value={until} min={today} max={addYears(today, 1)} onInput={(e) => setUntil(e.currentTarget.value)} {...invalid('cr-until')} />
        {errors.at('cr-until')}
      </div>
      <fieldset class="field">
        <legend>{t('consent-mode')}</legend>
        <div class="choices">
          {(['VIEW', 'STORE'] as const).map((m) => (
            <label class="choice" key={m}>
              <input type="radio" name="cr-mode" checked={mode === m} onChange={() => setMode(m)} />
              {t(`consent-mode-${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {errors.problem !== null && (
        <p class="form-error" role="alert">
          {errorText(errors.problem)}
        </p>
      )}
      {sent !== null && (
        <p class="success" role="status">
          {t('consent-request-sent', { name: sent })}
        </p>
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {t('consent-request-submit')}
      </button>
    </form>
  );
}

const MIN_REASON = 10;
const MAX_REASON = 500;

function BreakGlassForm({ onCreated }: { onCreated: (c: Consent) => void }) {
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<string | null>(null);
  const errors = useFieldErrors();
  const length = reason.trim().length;

  const submit = async (e: Event) => {
    e.preventDefault();
    errors.clear();
    if (!sure) {
      setLocal('consent-btg-confirm-first');
      return;
    }
    setLocal(null);
    setBusy(true);
    try {
      onCreated(await api.breakGlass({ patient_phone: parsePhone(phone) ?? phone.trim(), reason: reason.trim() }));
      setPhone('');
      setReason('');
      setSure(false);
    } catch (err) {
      errors.show(err, { patient_phone: 'btg-phone', reason: 'btg-reason' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card btg-form" onSubmit={submit} noValidate aria-labelledby="btg-title">
      <h2 id="btg-title">{t('consent-btg-title')}</h2>
      <p>{t('consent-btg-intro')}</p>
      <div class={errors.field === 'btg-phone' ? 'field has-error' : 'field'}>
        <label for="btg-phone">{t('consent-patient-phone')}</label>
        <input id="btg-phone" type="tel" inputMode="tel" autocomplete="off" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        {errors.at('btg-phone')}
      </div>
      <div class={errors.field === 'btg-reason' ? 'field has-error' : 'field'}>
        <label for="btg-reason">{t('consent-btg-reason')}</label>
        <p class="hint" id="btg-reason-hint">
          {t('consent-btg-reason-hint', { min: MIN_REASON, max: MAX_REASON, count: length })}
        </p>
        <textarea id="btg-reason" rows={3} maxLength={MAX_REASON} value={reason} aria-describedby="btg-reason-hint" onInput={(e) => setReason(e.currentTarget.value)} />
        {errors.at('btg-reason')}
      </div>
      <label class="choice check">
        <input type="checkbox" checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} />
        {t('consent-btg-confirm')}
      </label>
      {local && (
        <p class="form-error" role="alert">
          {t(local)}
        </p>
      )}
      {errors.problem !== null && (
        <p class="form-error" role="alert">
          {errorText(errors.problem)}
        </p>
      )}
      <button type="submit" class="button danger" disabled={busy}>
        {t('consent-btg-submit')}
      </button>
    </form>
  );
}

export default function RequestsScreen() {
  const [list, setList] = useState<Consent[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const listRef = useRef<HTMLHeadingElement>(null);

  const reload = () => {
    api.list().then((all) => {
      setList(all);
      setProblem(null);
    }, setProblem);
  };
  useEffect(reload, []);
  useOnReturn(reload);
  // Answers reach the patient's socket, not the doctor's: look again now and then while the screen is shown.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const created = (c: Consent) => {
    setList((old) => [c, ...(old ?? []).filter((x) => x.id !== c.id)]);
    listRef.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <main class="screen consent-screen">
      <h1>{t('consent-doctor-title')}</h1>
      <p class="lead">{t('consent-doctor-intro')}</p>
      <RequestForm onCreated={created} />
      <h2 ref={listRef}>{t('consent-doctor-list')}</h2>
      <button type="button" class="button secondary" onClick={reload}>
        {t('consent-refresh')}
      </button>
      {list === null && !problem && <p>{t('loading')}</p>}
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      {list?.length === 0 && <p>{t('consent-doctor-none')}</p>}
      <ul class="plain consents">
        {list?.map((c) => (
          <ConsentCard key={c.id} consent={c} who="patient">
            {isLive(c) && (
              <a class="button primary" href={`/records?patient=${encodeURIComponent(c.patient)}`} onClick={onLinkClick}>
                {t('consent-view-record')}
              </a>
            )}
          </ConsentCard>
        ))}
      </ul>
      <BreakGlassForm onCreated={created} />
    </main>
  );
}

// The patient's consents: who asks to see which records and why; share (all or less), refuse, or stop sharing in one tap;
// emergency (break the glass) access highlighted with its reason; then the access log. Changes arrive live over /ws.
import { useEffect, useState } from 'preact/hooks';
import { useOnReturn } from '../../components/useOnReturn';
import { grantDefaults, narrowing, type GrantChoice } from '../../consent/grant';
import { consents as api } from '../../consent/state';
import { HI_TYPES, isLive, type Consent } from '../../consent/types';
import { dayOf } from '../../dates';
import { t } from '../../i18n';
import { errorText, problemText, type Problem } from '../../i18n/errors';
import { live } from '../../sos/state';
import { AccessLog } from './AccessLog';
import { ConsentCard, kindName } from './parts';
import './consent.css';

function GrantForm({ consent: c, onDone, onCancel }: { consent: Consent; onDone: (c: Consent) => void; onCancel: () => void }) {
  const [choice, setChoice] = useState<GrantChoice>(() => grantDefaults(c));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = grantDefaults(c);
  const set = (part: Partial<GrantChoice>) => setChoice((old) => ({ ...old, ...part }));
  const id = (part: string) => `grant-${c.id}-${part}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const result = narrowing(c, choice);
    if ('problem' in result) {
      setProblem({ id: result.problem });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onDone(await api.grant(c.id, result.body));
    } catch (err) {
      setProblem({ error: err });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="grant-form" onSubmit={submit} noValidate>
      <p class="hint">{t('consent-grant-hint')}</p>
      <fieldset class="field">
        <legend>{t('consent-grant-kinds')}</legend>
        <div class="checks">
          {HI_TYPES.filter((k) => c.hi_types.includes(k)).map((k) => (
            <label class="choice check" key={k}>
              <input
                type="checkbox"
                checked={choice.kinds.includes(k)}
                onChange={(e) => set({ kinds: e.currentTarget.checked ? [...choice.kinds, k] : choice.kinds.filter((x) => x !== k) })}
              />
              {kindName(k)}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for={id('from')}>{t('consent-grant-from')}</label>
        <input id={id('from')} type="date" value={choice.from} min={asked.from} max={asked.to} onInput={(e) => set({ from: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for={id('to')}>{t('consent-grant-to')}</label>
        <input id={id('to')} type="date" value={choice.to} min={asked.from} max={asked.to} onInput={(e) => set({ to: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for={id('until')}>{t('consent-grant-until')}</label>
        <input id={id('until')} type="date" value={choice.until} min={dayOf(Date.now())} max={asked.until} onInput={(e) => set({ until: e.currentTarget.value })} />
      </div>
      {problem && (
        <p class="form-error" role="alert">
          {problemText(problem)}
        </p>
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {t('consent-grant-submit')}
      </button>
      <button type="button" class="button secondary" disabled={busy} onClick={onCancel}>
        {t('consent-cancel')}
      </button>
    </form>
  );
}

/** What the patient can do with one consent: answer a request, or stop one that is live. */
function Actions({ consent: c, onChanged }: { consent: Consent; onChanged: (c: Consent) => void }) {
  const [mode, setMode] = useState<'idle' | 'granting' | 'confirm-revoke'>('idle');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (call: () => Promise<Consent>) => {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await call());
      setMode('idle');
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  const error = problem !== null && (
    <p class="form-error" role="alert">
      {errorText(problem)}
    </p>
  );
  if (c.status === 'REQUESTED') {
    if (mode === 'granting') return <GrantForm consent={c} onDone={(next) => { onChanged(next); setMode('idle'); }} onCancel={() => setMode('idle')} />;
    return (
      <div class="call-row">
        <button type="button" class="button primary" disabled={busy} onClick={() => setMode('granting')}>
          {t('consent-grant')}
        </button>
        <button type="button" class="button secondary" disabled={busy} onClick={() => run(() => api.deny(c.id))}>
          {t('consent-deny')}
        </button>
        {error}
      </div>
    );
  }
  if (!isLive(c)) return null;
  if (mode === 'confirm-revoke') {
    return (
      <div class="confirm" role="alertdialog" aria-labelledby={`revoke-${c.id}`}>
        <p id={`revoke-${c.id}`}>{t('consent-revoke-question', { name: c.requester_name })}</p>
        <button type="button" class="button danger" disabled={busy} onClick={() => run(() => api.revoke(c.id))}>
          {t('consent-revoke-yes')}
        </button>
        <button type="button" class="button secondary" disabled={busy} onClick={() => setMode('idle')}>
          {t('consent-cancel')}
        </button>
        {error}
      </div>
    );
  }
  return (
    <>
      <button type="button" class="button danger" onClick={() => setMode('confirm-revoke')}>
        {t('consent-revoke')}
      </button>
      {error}
    </>
  );
}

function Section({ title, list, onChanged }: { title: string; list: Consent[]; onChanged: (c: Consent) => void }) {
  if (list.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <ul class="plain consents">
        {list.map((c) => (
          <ConsentCard key={c.id} consent={c} who="requester">
            <Actions consent={c} onChanged={onChanged} />
          </ConsentCard>
        ))}
      </ul>
    </>
  );
}

export default function ConsentScreen() {
  const [list, setList] = useState<Consent[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  const reload = () => {
    api.list().then(
      (all) => {
        setList(all);
        setProblem(null);
        setVersion((v) => v + 1);
      },
      setProblem,
    );
  };

  useEffect(reload, []);
  useOnReturn(reload);
  // A doctor's request, or a break of the glass, shows up while the screen is open.
  useEffect(() => {
    const release = live.retain();
    const stop = live.listen((msg) => {
      if (msg.type === 'consent.changed') reload();
    });
    return () => {
      stop();
      release();
    };
  }, []);

  const changed = (next: Consent) => {
    setList((old) => (old ?? []).map((c) => (c.id === next.id ? next : c)));
    setVersion((v) => v + 1);
  };

  const all = list ?? [];
  const waiting = all.filter((c) => c.status === 'REQUESTED');
  const sharing = all.filter((c) => isLive(c));
  const past = all.filter((c) => c.status !== 'REQUESTED' && !isLive(c));

  return (
    <main class="screen consent-screen">
      <h1>{t('consent-title')}</h1>
      <p class="lead">{t('consent-intro')}</p>
      {list === null && !problem && <p>{t('loading')}</p>}
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      {list?.length === 0 && <p>{t('consent-none')}</p>}
      <Section title={t('consent-waiting')} list={waiting} onChanged={changed} />
      <Section title={t('consent-sharing')} list={sharing} onChanged={changed} />
      <Section title={t('consent-past')} list={past} onChanged={changed} />
      {list && <AccessLog consents={list} version={version} />}
    </main>
  );
}

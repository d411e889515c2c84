// The hospital emergency desk: incoming alerts with a sound, accept or decline, then pick the nearest free ambulance and follow it.
import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/errors';
import { session } from '../../app-state';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { beep } from '../../sos/beep';
import { distanceText, etaText, timeText } from '../../sos/format';
import { distanceM } from '../../sos/geo';
import { live, sos, useLive } from '../../sos/state';
import { isOpen, type Ambulance, type Facility, type IncidentView } from '../../sos/types';
import { LocationBlock, MedicalIdBlock, RepeatMark, Timeline, useNow } from './parts';

/** This desk's hospital from the registry: while an alert is only ringing, its view names no hospital, so the distance is worked out here. */
const home = signal<Facility | null>(null);

function loadHome(): void {
  const mine = session.current.peek()?.user?.facility_id;
  if (!mine || home.peek()?.id === mine) return;
  sos.facilities().then((all) => {
    home.value = all.find((f) => f.id === mine) ?? null;
  }, () => undefined);
}

function distanceFromDesk(view: IncidentView): number | null {
  if (view.facility) return view.facility.distance_m;
  const h = home.value;
  return h ? distanceM(h, view.location) : null;
}

function Patient({ view, now }: { view: IncidentView; now: number }) {
  const distance = distanceFromDesk(view);
  return (
    <>
      <h3>
        {t(`sos-kind-${view.kind}`)} · {view.patient.name}
      </h3>
      <p class="muted">
        {t('dispatch-raised-at', { time: timeText(view.created_at_ms) })}
        {distance !== null && <> · {t('dispatch-distance-from-you', { distance: distanceText(distance) })}</>}
      </p>
      <p>
        <a href={`tel:${view.patient.phone}`}>{t('dispatch-call-patient', { phone: view.patient.phone })}</a>
      </p>
      <RepeatMark count={view.recent_repeats} />
      <LocationBlock location={view.location} digipin={view.digipin} now={now} patient />
      <p>
        <a href={view.maps_url} target="_blank" rel="noopener">
          {t('dispatch-open-map')}
        </a>
      </p>
      <MedicalIdBlock id={view.medical_id} />
    </>
  );
}

function AmbulancePicker({ view, onAssigned }: { view: IncidentView; onAssigned: (v: IncidentView) => void }) {
  const [list, setList] = useState<Ambulance[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => {
    setProblem(null);
    sos.ambulances(view.id).then(setList, (e) => setProblem(errorText(e)));
  };
  useEffect(load, [view.id]);

  const assign = async (a: Ambulance) => {
    setBusy(true);
    setProblem(null);
    try {
      onAssigned(await sos.assign(view.id, a.id));
    } catch (e) {
      setProblem(errorText(e));
      load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="ambulance-picker">
      <h4>{t('dispatch-pick-ambulance')}</h4>
      {list === null && !problem && <p class="muted">{t('loading')}</p>}
      {list?.length === 0 && <p>{t('dispatch-no-ambulances')}</p>}
      <ul class="plain">
        {list?.map((a) => (
          <li key={a.id} class="ambulance-option">
            <span>
              <strong>{a.call_sign}</strong> · {t(`dispatch-ambulance-${a.status}`)}
              {a.distance_m != null && <> · {distanceText(a.distance_m)}</>}
            </span>
            {a.status === 'available' && (
              <button type="button" class="button inline" disabled={busy} onClick={() => assign(a)}>
                {t('dispatch-assign', { callSign: a.call_sign })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {problem && <p class="form-error">{problem}</p>}
      <button type="button" class="button secondary" onClick={load}>
        {t('dispatch-refresh-ambulances')}
      </button>
    </section>
  );
}

function IncidentCard({ view, now, onDecline }: { view: IncidentView; now: number; onDecline: (id: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const act = async (what: 'accept' | 'decline') => {
    setBusy(true);
    setProblem(null);
    try {
      if (what === 'accept') live.merge(await sos.accept(view.id));
      else {
        await sos.decline(view.id);
        onDecline(view.id);
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict') {
        setProblem(t('dispatch-taken'));
        onDecline(view.id);
      } else setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const amb = view.ambulance;
  return (
    <li class={`card incident incident-${view.state}`} data-incident={view.id}>
      <p class="sos-state" data-state={view.state}>
        {t(`sos-state-short-${view.state}`)}
      </p>
      <Patient view={view} now={now} />
      {view.state === 'alerting' && (
        <div class="call-row">
          <button type="button" class="button primary" disabled={busy} onClick={() => act('accept')}>
            {t('dispatch-accept')}
          </button>
          <button type="button" class="button secondary" disabled={busy} onClick={() => act('decline')}>
            {t('dispatch-decline')}
          </button>
        </div>
      )}
      {view.state === 'accepted' && !amb && <AmbulancePicker view={view} onAssigned={live.merge} />}
      {amb && (
        <p>
          {t('sos-ambulance', { callSign: amb.call_sign })}
          {amb.distance_m != null && <> · {distanceText(amb.distance_m)}</>}
          {amb.eta_s != null && <> · {etaText(amb.eta_s)}</>} · <a href={`tel:${amb.phone}`}>{amb.phone}</a>
        </p>
      )}
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <Timeline view={view} />
    </li>
  );
}

export default function Dispatch() {
  useLive({ list: true });
  useEffect(loadHome, []);
  const now = useNow(15_000);
  const [declined, setDeclined] = useState<ReadonlySet<string>>(new Set());
  const heard = useRef<Set<string>>(new Set());
  const all = Object.values(live.incidents.value).sort((a, b) => b.created_at_ms - a.created_at_ms);
  const alerts = all.filter((v) => v.state === 'alerting' && !declined.has(v.id));
  const ours = all.filter((v) => v.state !== 'alerting' && isOpen(v.state) && !declined.has(v.id));
  const done = all.filter((v) => !isOpen(v.state)).slice(0, 5);

  // Beep once for each alert this desk has not heard yet.
  const fresh = alerts.filter((v) => !heard.current.has(v.id));
  useEffect(() => {
    if (fresh.length === 0) return;
    for (const v of fresh) heard.current.add(v.id);
    beep();
  }, [fresh.map((v) => v.id).join()]);

  const decline = (id: string) => setDeclined((s) => new Set([...s, id]));

  return (
    <main class="screen dispatch">
      <h1>{t('dispatch-title')}</h1>
      {!live.connected.value && <p class="muted">{t('live-polling')}</p>}
      {alerts.length > 0 ? (
        <p class="alert-sound" role="alert">
          🔔 {t('dispatch-new-alerts', { count: alerts.length })}
        </p>
      ) : (
        <p class="muted">{t('dispatch-no-alerts')}</p>
      )}
      <ul class="plain incidents">
        {alerts.map((v) => (
          <IncidentCard key={v.id} view={v} now={now} onDecline={decline} />
        ))}
      </ul>
      {ours.length > 0 && <h2>{t('dispatch-in-progress')}</h2>}
      <ul class="plain incidents">
        {ours.map((v) => (
          <IncidentCard key={v.id} view={v} now={now} onDecline={decline} />
        ))}
      </ul>
      {done.length > 0 && (
        <>
          <h2>{t('dispatch-recent')}</h2>
          <ul class="plain incidents">
            {done.map((v) => (
              <IncidentCard key={v.id} view={v} now={now} onDecline={decline} />
            ))}
          </ul>
        </>
      )}
    </main>
  );
}

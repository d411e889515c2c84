// The ambulance crew: on duty or off, the phone's position shared while on duty, the current job and its one next step.
import { useEffect, useState } from 'preact/hooks';
import { session } from '../../app-state';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { ageText, directionsUrl, timeText } from '../../sos/format';
import { live, sos, useLive } from '../../sos/state';
import { startTracker, type TrackerState } from '../../sos/tracker';
import type { Ambulance, CrewStep, IncidentState, IncidentView } from '../../sos/types';
import { LocationBlock, MedicalIdBlock, useNow } from './parts';

/** The last duty answer, per account: the API has no "my ambulance" read, so the screen starts from what it was last told. */
const dutyKey = () => `mysehat.crew.ambulance.${session.current.peek()?.user?.id ?? ''}`;
const NEXT: Partial<Record<IncidentState, CrewStep>> = {
  ambulance_assigned: 'en_route',
  en_route: 'on_scene',
  on_scene: 'transporting',
  transporting: 'closed',
};

function savedAmbulance(): Ambulance | null {
  try {
    return JSON.parse(localStorage.getItem(dutyKey()) ?? 'null') as Ambulance | null;
  } catch {
    return null;
  }
}

function Job({ view, now }: { view: IncidentView; now: number }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const next = NEXT[view.state];

  const advance = async () => {
    if (!next) return;
    setBusy(true);
    setProblem(null);
    try {
      live.merge(await sos.status(view.id, next));
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card job" data-incident={view.id}>
      <p class="sos-state" data-state={view.state}>
        {t(`sos-state-short-${view.state}`)}
      </p>
      <h2>
        {t(`sos-kind-${view.kind}`)} · {view.patient.name}
      </h2>
      <p class="muted">{t('dispatch-raised-at', { time: timeText(view.created_at_ms) })}</p>
      {next && (
        <button type="button" class="button danger big next-step" disabled={busy} onClick={advance}>
          {t(`crew-step-${next}`)}
        </button>
      )}
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <LocationBlock location={view.location} digipin={view.digipin} now={now} patient />
      <div class="call-row">
        <a class="button primary" href={directionsUrl(view.location.lat, view.location.lon)} target="_blank" rel="noopener">
          {t('crew-navigate')}
        </a>
        <a class="button secondary" href={`tel:${view.patient.phone}`}>
          {t('crew-call-patient')}
        </a>
      </div>
      {view.facility && (
        <p>
          {view.facility.name} · <a href={`tel:${view.facility.phone}`}>{view.facility.phone}</a>
        </p>
      )}
      <MedicalIdBlock id={view.medical_id} />
    </section>
  );
}

function Sharing({ s, now }: { s: TrackerState; now: number }) {
  let text: string;
  if (s.error === 'denied') text = t('crew-location-denied');
  else if (s.error === 'network') text = t('crew-location-offline');
  else if (s.accepted === false) text = t('crew-location-refused', { reason: s.reason ?? '' });
  else if (s.sentAtMs !== null && s.fix) text = t('crew-location-shared', { m: s.fix.accuracy_m, age: ageText(now - s.sentAtMs) });
  else text = t('crew-location-waiting');
  return (
    <p class="crew-sharing" role="status">
      {text}
    </p>
  );
}

export default function Crew() {
  useLive({ list: true });
  const now = useNow(5_000);
  const [ambulance, setAmbulance] = useState<Ambulance | null>(savedAmbulance);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [tracking, setTracking] = useState<TrackerState | null>(null);
  const onDuty = ambulance !== null && ambulance.status !== 'off_duty';

  const setDuty = async (on: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await sos.duty(on);
      localStorage.setItem(dutyKey(), JSON.stringify(answer));
      setAmbulance(answer);
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!onDuty || !navigator.geolocation) return;
    return startTracker({ geo: navigator.geolocation, send: sos.position, onState: setTracking });
  }, [onDuty]);

  const jobs = Object.values(live.incidents.value)
    .filter((v) => NEXT[v.state] !== undefined)
    .sort((a, b) => b.updated_at_ms - a.updated_at_ms);

  return (
    <main class="screen crew">
      <h1>{t('crew-title')}</h1>
      {ambulance && <p class="muted">{t('crew-ambulance', { callSign: ambulance.call_sign })}</p>}
      <button type="button" role="switch" aria-checked={onDuty} class={`duty-switch${onDuty ? ' on' : ''}`} disabled={busy} onClick={() => setDuty(!onDuty)}>
        <span>{t('crew-on-duty')}</span>
        <span class="duty-state">{onDuty ? t('crew-duty-on') : t('crew-duty-off')}</span>
      </button>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      {onDuty && tracking && <Sharing s={tracking} now={now} />}
      {jobs.length > 0 ? jobs.map((v) => <Job key={v.id} view={v} now={now} />) : <p class="muted">{onDuty ? t('crew-no-job') : t('crew-off-duty-hint')}</p>}
    </main>
  );
}

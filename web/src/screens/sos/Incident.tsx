// One SOS as the patient follows it: queued on the device, then each dispatch step live, the ambulance's distance and ETA, cancel.
import { useState } from 'preact/hooks';
import { has, t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { onLinkClick } from '../../router';
import { distanceText, etaText } from '../../sos/format';
import { newerView } from '../../sos/live';
import { live, outbox, outboxEntries, sender, sos, useLive } from '../../sos/state';
import { isOpen, REPEAT_WARNING, type IncidentState, type IncidentView } from '../../sos/types';
import { CallLines, LocationBlock, Timeline, useNow } from './parts';

/** A stored failure code as a sentence: the server's error message when errors.ftl has it. */
function codeText(code: string): string {
  if (code === 'network') return t('problem-network');
  return has(`error-${code}`) ? t(`error-${code}`) : t('problem-unknown');
}

const STEPS: IncidentState[] = ['alerting', 'accepted', 'ambulance_assigned', 'en_route', 'on_scene', 'transporting', 'closed'];

/** What a reached step adds: which hospital, which ambulance. */
function stepDetail(state: IncidentState, view: IncidentView): string | null {
  if (state === 'accepted') return view.facility?.name ?? null;
  if (state === 'ambulance_assigned') return view.ambulance?.call_sign ?? null;
  return null;
}

function Steps({ view }: { view: IncidentView }) {
  const at = view.state === 'created' ? 0 : STEPS.indexOf(view.state);
  if (at < 0) return null; // cancelled or unanswered: the headline says so
  return (
    <ol class="steps">
      {STEPS.map((s, i) => {
        const detail = i <= at ? stepDetail(s, view) : null;
        return (
          <li key={s} class={i < at || view.state === 'closed' ? 'done' : i === at ? 'current' : 'todo'} aria-current={i === at ? 'step' : undefined}>
            {t(`sos-step-${s}`)}
            {detail && <strong> — {detail}</strong>}
          </li>
        );
      })}
    </ol>
  );
}

function AmbulanceBox({ view }: { view: IncidentView }) {
  const amb = view.ambulance;
  if (!amb) return null;
  const moving = view.state === 'ambulance_assigned' || view.state === 'en_route';
  return (
    <section class="card ambulance">
      <h2>{t('sos-ambulance', { callSign: amb.call_sign })}</h2>
      {moving && amb.distance_m != null && (
        <p class="big-fact">
          <span class="sos-distance" data-m={Math.round(amb.distance_m)}>
            {t('sos-ambulance-distance', { distance: distanceText(amb.distance_m) })}
          </span>
          {amb.eta_s != null && (
            <span class="sos-eta" data-s={Math.round(amb.eta_s)}>
              {etaText(amb.eta_s)}
            </span>
          )}
        </p>
      )}
      <a class="button primary" href={`tel:${amb.phone}`}>
        {t('sos-call-crew', { phone: amb.phone })}
      </a>
    </section>
  );
}

export function IncidentScreen({ id }: { id: string }) {
  const entries = outboxEntries.value;
  const entry = entries?.find((e) => e.id === id || e.incident?.id === id);
  // Until the server has it, the alert exists only on this device: nothing to fetch.
  const serverId = entry ? (entry.incident?.id ?? null) : entries ? id : null;
  useLive({ incident: serverId });
  const now = useNow(5_000);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const fromLive = serverId ? live.incidents.value[serverId] : undefined;
  const view = entry?.incident ? newerView(fromLive, entry.incident) : fromLive;
  const location = view?.location ?? entry?.location ?? null;
  const status = entry?.status;
  const queued = status === 'locating' || status === 'queued';
  const cancelled = status === 'cancelled' || status === 'cancelling' || view?.state === 'cancelled';
  const canCancel = !cancelled && status !== 'rejected' && (view ? isOpen(view.state) : queued);

  const cancel = async () => {
    setConfirming(false);
    setProblem(null);
    try {
      if (entry) {
        await outbox.cancel(entry.id);
        await sender.flush();
      } else if (view) {
        live.merge(await sos.cancel(view.id));
      }
    } catch (e) {
      setProblem(errorText(e));
    }
  };

  const state = queued ? 'queued' : status === 'rejected' ? 'rejected' : cancelled ? 'cancelled' : (view?.state ?? 'loading');
  let headline: string;
  if (state === 'queued') headline = status === 'locating' ? t('sos-locating-queued') : t('sos-queued');
  else if (state === 'rejected') headline = t('sos-rejected');
  else if (state === 'loading') headline = t('loading');
  else headline = t(`sos-state-${state}`, { hospital: view?.facility?.name ?? '' });

  return (
    <main class="screen sos-incident">
      <h1>{t('sos-incident-title')}</h1>
      {view?.call_112 && (
        <div class="call112-banner" role="alert">
          <p>{t('sos-call-112-banner')}</p>
          <a class="button danger big" href="tel:112">
            {t('sos-call-112')}
          </a>
        </div>
      )}
      {view && view.recent_repeats >= REPEAT_WARNING && isOpen(view.state) && <p class="notice">{t('sos-repeat-call-112')}</p>}
      <p class={`sos-state${queued ? ' sos-queued' : ''}`} data-state={state} role="status" aria-live="polite">
        {headline}
      </p>
      {queued && entry && entry.attempts > 0 && <p class="muted">{t('sos-queued-tries', { tries: entry.attempts })}</p>}
      {state === 'rejected' && entry?.error && <p class="form-error">{codeText(entry.error)}</p>}
      {view && <AmbulanceBox view={view} />}
      {view && <Steps view={view} />}
      {view?.facility && (
        <p>
          <a href={`tel:${view.facility.phone}`}>{t('sos-call-hospital', { hospital: view.facility.name })}</a>
        </p>
      )}
      {location && <LocationBlock location={location} digipin={view?.digipin} now={now} />}
      <CallLines location={location} digipin={view?.digipin} />
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      {canCancel &&
        (confirming ? (
          <div class="confirm" role="group" aria-labelledby="cancel-question">
            <p id="cancel-question">{t('sos-cancel-question')}</p>
            <button type="button" class="button secondary" onClick={cancel}>
              {t('sos-cancel-yes')}
            </button>
            <button type="button" class="button primary" onClick={() => setConfirming(false)}>
              {t('sos-cancel-no')}
            </button>
          </div>
        ) : (
          <button type="button" class="button secondary" onClick={() => setConfirming(true)}>
            {t('sos-cancel')}
          </button>
        ))}
      {view && <Timeline view={view} />}
      <p class="switch-link">
        <a href="/" onClick={onLinkClick}>
          {t('not-found-home')}
        </a>
      </p>
    </main>
  );
}

// The patient's SOS: one big button, an optional kind, a 5-second countdown that can be cancelled, then the alert is saved and sent.
import { useEffect, useRef, useState } from 'preact/hooks';
import { session } from '../../app-state';
import { t } from '../../i18n';
import { navigate, onLinkClick } from '../../router';
import { currentFix, toLocation, type Fix } from '../../sos/location';
import { isPending, type OutboxSos } from '../../sos/outbox';
import { fixes, outbox, outboxEntries, sender } from '../../sos/state';
import { EMERGENCY_KINDS, isOpen, type EmergencyKind } from '../../sos/types';
import { CallLines, LocationBlock, useNow } from './parts';

const COUNTDOWN_S = 5;

/** An alert of this account that is still going on (not yet sent, or open on the server). */
export function activeAlert(entries: OutboxSos[] | undefined, ownerId: string | undefined): OutboxSos | undefined {
  return entries?.find((e) => e.ownerId === ownerId && (isPending(e) || (e.status === 'sent' && (!e.incident || isOpen(e.incident.state)))));
}

export function Sos() {
  const user = session.current.value?.user;
  const [fresh, setFresh] = useState<Fix | null>(null);
  const [saved, setSaved] = useState<Fix | null>(null);
  const [locating, setLocating] = useState(true);
  const [kind, setKind] = useState<EmergencyKind | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const now = useNow(count === null ? 15_000 : 1000);
  const raised = useRef(false);

  const locate = () => {
    setLocating(true);
    void currentFix().then(async (fix) => {
      if (fix) {
        setFresh(fix);
        await fixes.save(fix);
      }
      setLocating(false);
    });
  };

  useEffect(() => {
    void fixes.last().then(setSaved);
    locate();
  }, []);

  useEffect(() => {
    if (count === null) return;
    if (count <= 0) {
      void raise();
      return;
    }
    const timer = setTimeout(() => setCount((c) => (c === null ? null : c - 1)), 1000);
    return () => clearTimeout(timer);
  }, [count]);

  async function raise() {
    if (raised.current || !user) return;
    raised.current = true;
    setSending(true);
    const best = fresh ?? saved;
    // Saved on the device first: whatever happens to the network now, the alert is not lost.
    const entry = await outbox.add({ ownerId: user.id, kind, location: best ? toLocation(best) : null });
    void sender.flush().catch(() => undefined);
    navigate(`/sos/incidents/${entry.id}`);
  }

  const start = () => {
    if (!fresh && !locating) locate();
    setCount(COUNTDOWN_S);
  };

  if (!user || user.role !== 'patient') {
    // The server takes SOS alerts from patient accounts only; everyone still gets the phone lines.
    return (
      <main class="screen sos">
        <h1>{t('tile-sos')}</h1>
        <p>{user ? t('sos-patients-only') : t('sos-call-now')}</p>
        <CallLines />
        {!user && (
          <p class="switch-link">
            <a href="/login" onClick={onLinkClick}>
              {t('sos-login-to-alert')}
            </a>
          </p>
        )}
      </main>
    );
  }

  const active = activeAlert(outboxEntries.value, user.id);
  const shown = fresh ?? saved;
  const location = shown ? toLocation(shown, now) : null;

  if (count !== null) {
    return (
      <main class="screen sos sos-counting">
        <h1>{t('sos-countdown-title')}</h1>
        <p class="sos-countdown" aria-live="assertive">
          <span class="sos-countdown-number">{Math.max(0, count)}</span>
          <span>{t('sos-countdown', { seconds: Math.max(0, count) })}</span>
        </p>
        <button type="button" class="button secondary big" disabled={sending} onClick={() => setCount(null)}>
          {t('sos-countdown-cancel')}
        </button>
        <button type="button" class="button danger" disabled={sending} onClick={() => setCount(0)}>
          {t('sos-send-now')}
        </button>
        <CallLines location={location} />
      </main>
    );
  }

  return (
    <main class="screen sos">
      <h1>{t('tile-sos')}</h1>
      {active && (
        <a class="notice sos-active" href={`/sos/incidents/${active.id}`} onClick={onLinkClick}>
          {t('sos-active-alert')}
        </a>
      )}
      <button type="button" class="sos-button" onClick={start} aria-describedby="sos-button-hint">
        <span class="sos-button-label">{t('sos-button')}</span>
        <span class="sos-button-hint" id="sos-button-hint">
          {t('sos-button-hint', { seconds: COUNTDOWN_S })}
        </span>
      </button>
      <fieldset class="field sos-kinds">
        <legend>{t('sos-kind-question')}</legend>
        <div class="choices">
          {EMERGENCY_KINDS.map((k) => (
            <label class="choice" key={k}>
              <input type="radio" name="sos-kind" value={k} checked={kind === k} onClick={() => setKind(kind === k ? null : k)} />
              {t(`sos-kind-${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="sos-where">
        {location ? (
          <LocationBlock location={location} now={now} />
        ) : (
          <p class="muted">{locating ? t('sos-locating') : t('sos-no-location')}</p>
        )}
        {!locating && !fresh && (
          <button type="button" class="button inline" onClick={locate}>
            {t('sos-locate-again')}
          </button>
        )}
      </div>
      <CallLines location={location} />
      <p class="switch-link">
        <a href="/medical-id" onClick={onLinkClick}>
          {t('sos-medical-id-link')}
        </a>
      </p>
    </main>
  );
}

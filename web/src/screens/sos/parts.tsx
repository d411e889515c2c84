// Pieces the SOS screens share: the phone lines that always work, the SMS fallback, a location block and the incident timeline.
import { useEffect, useState } from 'preact/hooks';
import { has, t } from '../../i18n';
import { encodeDigipin } from '../../sos/digipin';
import { ageText, coordsText, mapsUrl, smsHref, timeText } from '../../sos/format';
import { REPEAT_WARNING, type IncidentView, type Location, type MedicalId } from '../../sos/types';

/** SOS never replaces a phone call: 112 and 108 on every SOS screen, and an SMS with the location when there is one. */
export function CallLines({ location, digipin }: { location?: Location | null; digipin?: string | null }) {
  return (
    <div class="call-lines">
      <div class="call-row">
        <a class="button danger" href="tel:112">
          {t('sos-call-112')}
        </a>
        <a class="button danger" href="tel:108">
          {t('sos-call-108')}
        </a>
      </div>
      {location && <SmsLink location={location} digipin={digipin ?? encodeDigipin(location.lat, location.lon)} />}
    </div>
  );
}

export function smsBody(location: Location, digipin: string | null): string {
  return t('sos-sms-body', {
    coords: coordsText(location.lat, location.lon),
    accuracy: Math.round(location.accuracy_m),
    maps: mapsUrl(location.lat, location.lon),
    digipin: digipin ?? '-',
  });
}

export function SmsLink({ location, digipin }: { location: Location; digipin: string | null }) {
  return (
    <a class="button secondary sms-link" href={smsHref(smsBody(location, digipin))}>
      {t('sos-send-sms')}
    </a>
  );
}

/** Coordinates, accuracy, DIGIPIN and a map link; the age too when it is not a fresh fix. */
export function LocationBlock({ location, digipin, now, patient = false }: { location: Location; digipin?: string | null; now: number; patient?: boolean }) {
  const code = digipin ?? encodeDigipin(location.lat, location.lon);
  const label = patient
    ? location.last_known ? 'sos-location-patient-last-known' : 'sos-location-patient'
    : location.last_known ? 'sos-location-last-known' : 'sos-location';
  return (
    <dl class="facts location-block">
      <dt>{t(label)}</dt>
      <dd>
        <a href={mapsUrl(location.lat, location.lon)} target="_blank" rel="noopener">
          {coordsText(location.lat, location.lon)}
        </a>{' '}
        <span class="muted">{t('sos-accuracy', { m: Math.round(location.accuracy_m) })}</span>
        {location.last_known && <span class="muted"> · {ageText(now - location.fixed_at_ms)}</span>}
      </dd>
      {code && (
        <>
          <dt>{t('sos-digipin')}</dt>
          <dd class="digipin">{code}</dd>
        </>
      )}
    </dl>
  );
}

export function Timeline({ view }: { view: IncidentView }) {
  return (
    <details class="timeline">
      <summary>{t('sos-timeline')}</summary>
      <ol>
        {view.events.map((e, i) => (
          <li key={i}>
            <time>{timeText(e.at_ms)}</time> {t(`sos-state-short-${e.state}`)}{' '}
            <span class="muted">({has(`sos-actor-${e.actor_role}`) ? t(`sos-actor-${e.actor_role}`) : e.actor_role})</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Re-renders every `ms` so ages and countdowns move. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** The patient's emergency medical ID for the desk and the crew; nothing when the patient has filled none in. */
export function MedicalIdBlock({ id }: { id: MedicalId | null | undefined }) {
  if (!id) return null;
  const rows: [string, string][] = [];
  if (id.blood_group) rows.push(['medical-blood-group', id.blood_group]);
  if (id.allergies?.length) rows.push(['medical-allergies', id.allergies.join(', ')]);
  if (id.conditions?.length) rows.push(['medical-conditions', id.conditions.join(', ')]);
  if (id.medicines?.length) rows.push(['medical-medicines', id.medicines.join(', ')]);
  if (id.organ_donor) rows.push(['medical-organ-donor', t('medical-yes')]);
  if (id.preferred_hospital) rows.push(['medical-preferred-hospital', id.preferred_hospital]);
  const contacts = id.contacts ?? [];
  if (rows.length === 0 && contacts.length === 0) return null;
  return (
    <section class="medical-id">
      <h4>{t('medical-id')}</h4>
      <dl class="facts">
        {rows.map(([label, value]) => (
          <>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </>
        ))}
        {contacts.length > 0 && (
          <>
            <dt>{t('medical-contacts')}</dt>
            {contacts.map((c) => (
              <dd key={c.phone}>
                {c.name} ({c.relation}) · <a href={`tel:${c.phone}`}>{c.phone}</a>
              </dd>
            ))}
          </>
        )}
      </dl>
    </section>
  );
}

/** A desk's mark on an alert that follows several others from the same person within minutes. */
export function RepeatMark({ count }: { count: number }) {
  if (count < REPEAT_WARNING) return null;
  return <p class="repeat-mark">{t('dispatch-repeat', { count })}</p>;
}

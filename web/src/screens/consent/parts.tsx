// Pieces both sides of consent share: a consent told in plain words (who, why, which records, which dates, until when, status).
import type { ComponentChildren } from 'preact';
import { dateText, dateTimeText } from '../../dates';
import { locale, t } from '../../i18n';
import { HI_TYPES, isBreakGlass, type Consent, type HiType } from '../../consent/types';

export const kindName = (k: HiType): string => t(`hi-type-${k}`);

/** Kinds of records in the forms' order, whatever order the server keeps them in. */
export const kindsText = (kinds: readonly HiType[]): string =>
  HI_TYPES.filter((k) => kinds.includes(k))
    .map(kindName)
    .join(', ');

/** `who`: whose name heads the card, the doctor's (the patient's screen) or the patient's (the doctor's screen). */
export function ConsentCard({ consent: c, who, children }: { consent: Consent; who: 'requester' | 'patient'; children?: ComponentChildren }) {
  const btg = isBreakGlass(c);
  const loc = locale();
  return (
    <li class={`card consent${btg ? ' btg' : ''}`} data-consent={c.id} data-status={c.status}>
      {btg && <p class="btg-flag">{t('consent-btg-flag')}</p>}
      <h3>{who === 'requester' ? c.requester_name : c.patient_name}</h3>
      <p class={`consent-status status-${c.status.toLowerCase()}`}>{t(`consent-status-${c.status}`)}</p>
      <dl class="facts">
        <dt>{t('consent-purpose')}</dt>
        <dd>{t(`consent-purpose-${c.purpose}`)}</dd>
        {btg && c.reason && (
          <>
            <dt>{t('consent-reason')}</dt>
            <dd class="btg-reason">{c.reason}</dd>
          </>
        )}
        <dt>{t('consent-kinds')}</dt>
        <dd>{btg ? t('consent-all-records') : kindsText(c.hi_types)}</dd>
        {!btg && (
          <>
            <dt>{t('consent-record-dates')}</dt>
            <dd>{t('consent-date-range', { from: dateText(c.date_from_ms, loc), to: dateText(c.date_to_ms, loc) })}</dd>
          </>
        )}
        <dt>{c.status === 'REQUESTED' ? t('consent-asked-until') : t('consent-until')}</dt>
        <dd>{dateTimeText(c.expires_at_ms, loc)}</dd>
        <dt>{t('consent-mode')}</dt>
        <dd>{t(`consent-mode-${c.access_mode}`)}</dd>
        <dt>{t('consent-asked-on')}</dt>
        <dd>{dateTimeText(c.created_at_ms, loc)}</dd>
      </dl>
      {children}
    </li>
  );
}

// Distances, ETAs, ages, times and links for the SOS screens, in the person's language.
import { lang, t } from '../i18n';

export function distanceText(m: number): string {
  if (m < 1000) return t('sos-distance-m', { m: Math.max(10, Math.round(m / 10) * 10) });
  return t('sos-distance-km', { km: (m / 1000).toFixed(m < 10_000 ? 1 : 0) });
}

export function etaText(seconds: number): string {
  return t('sos-eta', { minutes: Math.max(1, Math.round(seconds / 60)) });
}

/** "2 minutes ago" style age of a fix. */
export function ageText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t('sos-age-now');
  if (minutes < 120) return t('sos-age-minutes', { minutes });
  return t('sos-age-hours', { hours: Math.floor(minutes / 60) });
}

/** Clock time in India, whatever the phone's zone. */
export function timeText(ms: number): string {
  return new Date(ms).toLocaleTimeString(lang.value === 'hi' ? 'hi-IN' : 'en-IN', {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'Asia/Kolkata',
  });
}

export const coordsText = (lat: number, lon: number): string => `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
export const mapsUrl = (lat: number, lon: number): string => `https://www.google.com/maps?q=${lat.toFixed(6)},${lon.toFixed(6)}`;
export const directionsUrl = (lat: number, lon: number): string =>
  `https://www.google.com/maps/dir/?api=1&destination=${lat.toFixed(6)},${lon.toFixed(6)}`;
export const smsHref = (body: string): string => `sms:?body=${encodeURIComponent(body)}`;

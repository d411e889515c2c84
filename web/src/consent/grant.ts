// What a patient grants: the asked-for consent, narrowed in the form to fewer kinds, fewer record days or an earlier end.
import { dayOf, endOfDay, startOfDay } from '../dates';
import type { Consent, HiType, Narrowing } from './types';

/** The grant form's values: kinds ticked, and Indian days as date inputs hold them. */
export interface GrantChoice {
  kinds: HiType[];
  from: string;
  to: string;
  until: string;
}

/** The form as first shown: everything that was asked. */
export function grantDefaults(c: Consent): GrantChoice {
  return { kinds: [...c.hi_types], from: dayOf(c.date_from_ms), to: dayOf(c.date_to_ms), until: dayOf(c.expires_at_ms) };
}

/** The body to send (only what was narrowed), or the message id of what is wrong with the choice. */
export function narrowing(c: Consent, choice: GrantChoice, now = Date.now()): { body: Narrowing } | { problem: string } {
  if (choice.kinds.length === 0) return { problem: 'consent-grant-pick-kind' };
  const asked = grantDefaults(c);
  const body: Narrowing = {};
  const kinds = c.hi_types.filter((k) => choice.kinds.includes(k));
  if (kinds.length < c.hi_types.length) body.hi_types = kinds;
  const from = choice.from === asked.from ? c.date_from_ms : startOfDay(choice.from);
  const to = choice.to === asked.to ? c.date_to_ms : endOfDay(choice.to);
  const until = choice.until === asked.until ? c.expires_at_ms : endOfDay(choice.until);
  if ([from, to, until].some(Number.isNaN)) return { problem: 'consent-grant-bad-date' };
  if (from > to) return { problem: 'consent-grant-dates-order' };
  if (until <= now) return { problem: 'consent-grant-until-past' };
  if (from !== c.date_from_ms) body.date_from_ms = Math.max(from, c.date_from_ms);
  if (to !== c.date_to_ms) body.date_to_ms = Math.min(to, c.date_to_ms);
  if (until !== c.expires_at_ms) body.expires_at_ms = Math.min(until, c.expires_at_ms);
  return { body };
}

// Turns any failure into a sentence for the person: the server's error-<code> message in their language, else its own text.
import { ApiError, NetworkError } from '../api/errors';
import { SessionEnded } from '../session/session';
import { has, t } from './index';

export function errorText(e: unknown): string {
  if (e instanceof NetworkError) return t('problem-network');
  if (e instanceof SessionEnded) return t('problem-session-expired');
  if (e instanceof ApiError) {
    const id = `error-${e.code}`;
    if (has(id)) return t(id);
    return e.message || t('problem-unknown');
  }
  return t('problem-unknown');
}

/** A problem kept in component state: a message id or the failure itself, translated at render so a language switch re-translates it. */
export type Problem = { id: string } | { error: unknown };

export function problemText(p: Problem): string {
  return 'id' in p ? t(p.id) : errorText(p.error);
}

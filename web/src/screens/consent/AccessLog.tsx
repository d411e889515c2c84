// The patient's access log: who else read or changed their data, when, and under which consent (named by its doctor).
import { useEffect, useState } from 'preact/hooks';
import { actionMessage, describe, type LogLine } from '../../consent/access-log';
import { consents as api } from '../../consent/state';
import type { AccessLogEntry, Consent } from '../../consent/types';
import { dateTimeText } from '../../dates';
import { has, locale, t } from '../../i18n';
import { errorText } from '../../i18n/errors';

function who(line: LogLine): string {
  if (line.name) return line.name;
  if (line.role && has(`access-role-${line.role}`)) return t(`access-role-${line.role}`);
  return t('access-someone');
}

function what(line: LogLine): string {
  const id = actionMessage(line.action);
  const text = has(id) ? t(id) : t('access-action-other', { action: line.action });
  return line.resourceType && !line.action.startsWith('consent.') ? `${text} (${line.resourceType})` : text;
}

function basis(line: LogLine): string | null {
  if (line.basis === 'btg') return t('access-basis-btg');
  if (line.basis === 'consent') return t('access-basis-consent');
  if (line.basis === 'emergency') return t('access-basis-emergency');
  return null;
}

/** `version` changes whenever the consents do, so the log is read again with them. */
export function AccessLog({ consents, version }: { consents: readonly Consent[]; version: number }) {
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.accessLog().then(
      (page) => {
        setEntries(page);
        setMore(page.length === 50);
        setProblem(null);
      },
      setProblem,
    );
  }, [version]);

  const loadMore = async () => {
    const last = entries?.[entries.length - 1];
    if (!last) return;
    setBusy(true);
    try {
      const page = await api.accessLog(last.seq);
      setEntries([...(entries ?? []), ...page]);
      setMore(page.length === 50);
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  const lines = (entries ?? []).map((e) => describe(e, consents));
  return (
    <section class="access-log" aria-labelledby="access-log-title">
      <h2 id="access-log-title">{t('access-title')}</h2>
      <p class="muted">{t('access-intro')}</p>
      {entries === null && !problem && <p>{t('loading')}</p>}
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      {entries?.length === 0 && <p>{t('access-empty')}</p>}
      <ul class="plain">
        {lines.map((line) => {
          const why = basis(line);
          return (
            <li key={line.seq} class={`access-entry${line.basis === 'btg' ? ' btg' : ''}${line.denied ? ' denied' : ''}`} data-action={line.action}>
              <time dateTime={new Date(line.atMs).toISOString()}>{dateTimeText(line.atMs, locale())}</time>
              <p>
                <strong>{who(line)}</strong> {what(line)}
              </p>
              {(why || line.denied) && (
                <p class="muted">
                  {why}
                  {why && line.denied && ' · '}
                  {line.denied && <strong class="refused">{t('access-refused')}</strong>}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {more && (
        <button type="button" class="button secondary" disabled={busy} onClick={loadMore}>
          {t('access-more')}
        </button>
      )}
    </section>
  );
}

// The supervisor's view of the area: each health worker's villages, last sync, households, screenings and overdue follow-ups;
// then the clashing changes (the same field changed on the server and on a phone) to settle by keeping one side.
import { useEffect, useState } from 'preact/hooks';
import { dateTimeText } from '../../dates';
import { has, locale, t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import type { Conflict, Worker } from '../api';
import { hw } from '../state';

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function WorkerCard({ w, names }: { w: Worker; names: Map<string, string> }) {
  return (
    <li class="card hw-worker" data-worker={w.id}>
      <h3>{w.name}</h3>
      <dl class="facts">
        <dt>{t('hw-sup-villages')}</dt>
        <dd>{w.villages.map((v) => names.get(v) ?? v).join(', ') || '—'}</dd>
        <dt>{t('hw-sup-last-sync')}</dt>
        <dd>{w.last_sync_ms ? dateTimeText(w.last_sync_ms, locale()) : t('hw-sup-never')}</dd>
        <dt>{t('hw-sup-households')}</dt>
        <dd>{w.households}</dd>
        <dt>{t('hw-sup-screenings')}</dt>
        <dd>{w.screenings}</dd>
        <dt>{t('hw-sup-overdue')}</dt>
        <dd class={w.follow_ups_overdue > 0 ? 'hw-overdue' : undefined}>{w.follow_ups_overdue}</dd>
      </dl>
    </li>
  );
}

function ConflictCard({ c, worker, onResolved }: { c: Conflict; worker: string; onResolved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const resolve = async (keep: 'server' | 'device') => {
    setBusy(true);
    try {
      await hw.resolve(c.id, keep);
      onResolved();
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  const kind = has(`hw-kind-${c.type}`) ? t(`hw-kind-${c.type}`) : c.type;
  return (
    <li class="card hw-conflict" data-conflict={c.id}>
      <h3>{t('hw-sup-record', { kind, id: c.resourceId })}</h3>
      <p>{t('hw-sup-field', { field: c.field })}</p>
      <p class="muted">
        {worker} · {dateTimeText(c.at, locale())}
      </p>
      <dl class="facts">
        <dt>{t('hw-sup-server')}</dt>
        <dd>{show(c.server)}</dd>
        <dt>{t('hw-sup-device')}</dt>
        <dd>{show(c.device)}</dd>
      </dl>
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      <div class="call-row">
        <button type="button" class="button secondary" disabled={busy} onClick={() => resolve('server')}>
          {t('hw-sup-keep-server')}
        </button>
        <button type="button" class="button secondary" disabled={busy} onClick={() => resolve('device')}>
          {t('hw-sup-keep-device')}
        </button>
      </div>
    </li>
  );
}

export function Supervisor() {
  const [workers, setWorkers] = useState<Worker[] | null>(null);
  const [villageNames, setVillageNames] = useState(new Map<string, string>());
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [resolved, setResolved] = useState(false);

  const load = () => {
    hw.workers().then(setWorkers, setProblem);
    hw.villages().then((list) => setVillageNames(new Map(list.map((v) => [v.id, v.name]))), () => undefined);
    hw.conflicts().then(setConflicts, setProblem);
  };
  useEffect(load, []);

  return (
    <>
      <h1>{t('hw-sup-title')}</h1>
      {problem !== null && (
        <p class="form-error" role="alert">
          {t('hw-sup-online-only')} {errorText(problem)}
        </p>
      )}
      {workers?.length === 0 && <p>{t('hw-sup-workers-none')}</p>}
      <ul class="plain">{workers?.map((w) => <WorkerCard key={w.id} w={w} names={villageNames} />)}</ul>
      <h2>{t('hw-sup-conflicts')}</h2>
      {resolved && <p class="success">{t('hw-sup-resolved')}</p>}
      {conflicts?.length === 0 && <p>{t('hw-sup-conflicts-none')}</p>}
      <ul class="plain">
        {conflicts?.map((c) => (
          <ConflictCard
            key={c.id}
            c={c}
            worker={workers?.find((w) => w.id === c.worker)?.name ?? c.worker}
            onResolved={() => {
              setResolved(true);
              setConflicts((list) => list?.filter((x) => x.id !== c.id) ?? null);
            }}
          />
        ))}
      </ul>
    </>
  );
}

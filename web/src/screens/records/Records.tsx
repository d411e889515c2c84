// The health record: a patient's own, or (with ?patient=ID) a patient's as a doctor's live consent opens it. A timeline grouped by
// day with a kind filter, trends as small charts, and for the patient: add a report or photo, and download everything.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/errors';
import { session } from '../../app-state';
import { consents as consentApi } from '../../consent/state';
import { HI_TYPES, isLive, type Consent, type HiType } from '../../consent/types';
import { dateText, dateTimeText, dayOf, startOfDay } from '../../dates';
import { locale, t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { groupByDay } from '../../records/group';
import { records } from '../../records/state';
import { METRICS, type Metric, type TimelineItem, type Trend } from '../../records/types';
import { onLinkClick, queryParam } from '../../router';
import { kindName, kindsText } from '../consent/parts';
import { TrendChart } from './TrendChart';
import { Upload } from './Upload';
import './records.css';

/** Saves a file the app holds in memory. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

const refused = (e: unknown) => e instanceof ApiError && e.status === 403;

/** What the doctor's live consents of this patient open, so the doctor knows why the record looks as it does. */
function Scope({ patient }: { patient: string }) {
  const [live, setLive] = useState<Consent[] | null>(null);
  useEffect(() => {
    consentApi.list().then((all) => setLive(all.filter((c) => c.patient === patient && isLive(c))), () => setLive(null));
  }, [patient]);
  if (!live?.length) return null;
  const loc = locale();
  return (
    <div class="scope card">
      <h2>{t('records-of', { name: live[0]!.patient_name })}</h2>
      {live.map((c) => (
        <p key={c.id} class={c.purpose === 'BTG' ? 'btg-flag' : undefined}>
          {c.purpose === 'BTG'
            ? t('records-scope-btg', { until: dateTimeText(c.expires_at_ms, loc) })
            : t('records-scope', {
                kinds: kindsText(c.hi_types),
                from: dateText(c.date_from_ms, loc),
                to: dateText(c.date_to_ms, loc),
                until: dateTimeText(c.expires_at_ms, loc),
              })}
        </p>
      ))}
    </div>
  );
}

function Item({ item, own }: { item: TimelineItem; own: boolean }) {
  const [problem, setProblem] = useState<unknown>(null);
  const open = async () => {
    setProblem(null);
    try {
      const blob = await records.document(item.reference);
      saveFile(blob, `${item.title}.${EXTENSIONS[blob.type] ?? 'bin'}`);
    } catch (e) {
      setProblem(e);
    }
  };
  return (
    <li class="record-item" data-kind={item.kind} data-reference={item.reference}>
      <span class="record-kind">{kindName(item.kind)}</span>
      <strong class="record-title">{item.title}</strong>
      {item.patient_reported && <span class="tag">{t(own ? 'records-added-by-you' : 'records-patient-reported')}</span>}
      {item.resource_type === 'DocumentReference' && (
        <button type="button" class="button inline" onClick={open}>
          {t('records-open-document')}
        </button>
      )}
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
    </li>
  );
}

function Timeline({ patient, version, onRefused }: { patient: string | null; version: number; onRefused: (e: unknown) => void }) {
  const [kind, setKind] = useState<HiType | ''>('');
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = async (cursor: string | null) => {
    setBusy(true);
    try {
      const page = await records.timeline({ patient, kind: kind || null, cursor });
      setItems((old) => (cursor ? [...(old ?? []), ...page.items] : page.items));
      setNext(page.next_cursor ?? null);
      setTotal(page.total);
      setProblem(null);
    } catch (e) {
      if (refused(e)) onRefused(e);
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setItems(null);
    void load(null);
  }, [patient, kind, version]);

  if (refused(problem)) return null;
  const loc = locale();
  return (
    <section class="timeline-section" aria-labelledby="records-timeline-title">
      <h2 id="records-timeline-title">{t('records-timeline')}</h2>
      <div class="field">
        <label for="records-kind">{t('records-filter')}</label>
        <select id="records-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as HiType | '')}>
          <option value="">{t('records-filter-all')}</option>
          {HI_TYPES.map((k) => (
            <option key={k} value={k}>
              {kindName(k)}
            </option>
          ))}
        </select>
      </div>
      {items === null && !problem && <p>{t('loading')}</p>}
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      {items !== null && (
        <p class="muted records-count" data-total={total}>
          {t('records-count', { count: total })}
        </p>
      )}
      {items &&
        groupByDay(items).map((g) => (
          <div class="record-day" key={g.day ?? 'undated'}>
            <h3>{g.day ? dateText(startOfDay(g.day), loc) : t('records-no-date')}</h3>
            <ul class="plain">
              {g.items.map((item) => (
                <Item key={item.reference} item={item} own={patient === null} />
              ))}
            </ul>
          </div>
        ))}
      {next && (
        <button type="button" class="button secondary" disabled={busy} onClick={() => load(next)}>
          {t('records-more')}
        </button>
      )}
    </section>
  );
}

function Trends({ patient, version }: { patient: string | null; version: number }) {
  const [metric, setMetric] = useState<Metric>('blood_pressure');
  const [trend, setTrend] = useState<Trend | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => {
    setTrend(null);
    setProblem(null);
    records.trends(metric, patient).then(setTrend, setProblem);
  }, [metric, patient, version]);
  return (
    <section class="trends" aria-labelledby="records-trends-title">
      <h2 id="records-trends-title">{t('records-trends')}</h2>
      <div class="metric-tabs" role="group" aria-label={t('records-trends')}>
        {METRICS.map((m) => (
          <button type="button" key={m} class="chip" aria-pressed={metric === m} onClick={() => setMetric(m)}>
            {t(`trend-metric-${m}`)}
          </button>
        ))}
      </div>
      {!trend && !problem && <p>{t('loading')}</p>}
      {problem !== null && <p class="form-error">{refused(problem) ? t('records-trend-refused') : errorText(problem)}</p>}
      {trend && <TrendChart trend={trend} />}
    </section>
  );
}

function ExportButton() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      saveFile(await records.exportAll(), `mysehat-records-${dayOf(Date.now())}.json`);
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="export">
      <h2>{t('records-export-title')}</h2>
      <p class="muted">{t('records-export-intro')}</p>
      <button type="button" class="button secondary" disabled={busy} onClick={download}>
        {busy ? t('loading') : t('records-export')}
      </button>
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
    </section>
  );
}

export default function RecordsScreen() {
  const user = session.current.value!.user!;
  const own = user.role === 'patient';
  const patient = own ? null : queryParam('patient');
  const [version, setVersion] = useState(0);
  const [denied, setDenied] = useState<unknown>(null);
  useEffect(() => setDenied(null), [patient]);

  if (!own && !patient) {
    return (
      <main class="screen records-screen">
        <h1>{t('records-title-doctor')}</h1>
        <p>{t('records-pick-patient')}</p>
        {user.role === 'doctor' && (
          <a class="button primary" href="/consent/request" onClick={onLinkClick}>
            {t('consent-doctor-title')}
          </a>
        )}
      </main>
    );
  }

  return (
    <main class="screen records-screen">
      <h1>{own ? t('records-title') : t('records-title-doctor')}</h1>
      {patient && <Scope patient={patient} key={`${patient}-${version}`} />}
      {denied !== null ? (
        <div class="refusal" role="alert">
          <h2>{t('records-refused-title')}</h2>
          <p>{t('records-refused')}</p>
          <button type="button" class="button secondary" onClick={() => { setDenied(null); setVersion((v) => v + 1); }}>
            {t('records-try-again')}
          </button>
          {user.role === 'doctor' && (
            <a class="button primary" href="/consent/request" onClick={onLinkClick}>
              {t('consent-doctor-title')}
            </a>
          )}
        </div>
      ) : (
        <>
          {own && <Upload onUploaded={() => setVersion((v) => v + 1)} />}
          <Timeline patient={patient} version={version} onRefused={setDenied} />
          <Trends patient={patient} version={version} />
          {own && <ExportButton />}
        </>
      )}
    </main>
  );
}

// The printable medical ID: a credit-card-sized card and a full page, each with a QR code of the public card link.
// The link's token is kept on the device (the server keeps only its hash), so reopening this page never invalidates a printed card.
import { useEffect, useState } from 'preact/hooks';
import { session } from '../../app-state';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { medicalIdCache, medicalIds } from '../../medical-id/state';
import { online } from '../../net/online';
import { onLinkClick } from '../../router';
import { IdFacts, useMedicalId } from './parts';
import { QrCode } from './QrCode';
import './medical-id.css';

type Confirming = 'replace' | 'stop' | null;

const cardUrl = (token: string) => `${location.origin}/id/${token}`;

function Essentials({ name, bloodGroup, allergies, conditions, contact }: { name: string; bloodGroup: string | null; allergies: string; conditions: string | null; contact: string | null }) {
  return (
    <div class="id-card-facts">
      <p class="id-card-name">{name}</p>
      <p>
        <span class="id-card-label">{t('medical-blood-group')}</span> <strong class="id-card-blood">{bloodGroup ?? '—'}</strong>
      </p>
      <p>
        <span class="id-card-label">{t('medical-allergies')}</span> {allergies}
      </p>
      {conditions && (
        <p>
          <span class="id-card-label">{t('medical-conditions')}</span> {conditions}
        </p>
      )}
      {contact && (
        <p>
          <span class="id-card-label">{t('mid-card-contact')}</span> {contact}
        </p>
      )}
    </div>
  );
}

export default function CardScreen() {
  const user = session.current.value!.user!;
  const { saved, problem } = useMedicalId(user.id);
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState(false);
  const [actionProblem, setActionProblem] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    void medicalIdCache.get(user.id).then((s) => setToken(s?.cardToken ?? null));
  }, [user.id]);

  const act = async (what: 'make' | 'replace' | 'stop') => {
    setBusy(true);
    setActionProblem(null);
    setDone(null);
    try {
      if (what === 'stop') {
        await medicalIds.revokeLinks();
        await medicalIdCache.saveCardToken(user.id, null);
        setToken(null);
        setDone('mid-card-stopped');
      } else {
        const link = await medicalIds.newLink();
        await medicalIdCache.saveCardToken(user.id, link.token);
        setToken(link.token);
        setDone(what === 'replace' ? 'mid-card-replaced' : null);
      }
      setConfirming(null);
    } catch (e) {
      setActionProblem(e);
    } finally {
      setBusy(false);
    }
  };

  if (saved === undefined || token === undefined) {
    return (
      <main class="screen">
        <p>{problem ? errorText(problem) : t('loading')}</p>
      </main>
    );
  }
  const id = saved?.medicalId ?? {};
  const allergies = id.allergies?.length ? id.allergies.join(', ') : t('mid-not-recorded');
  const first = id.contacts?.[0];
  const contact = first ? `${first.name}${first.relation ? ` (${first.relation})` : ''} ${first.phone}` : null;
  const qrLabel = t('mid-card-qr-label');

  return (
    <main class="screen id-card-screen">
      <div class="no-print">
        <h1>{t('mid-card-title')}</h1>
        <p class="lead">{t('mid-card-intro')}</p>
        {!saved && <p class="form-error">{t('mid-not-on-phone')}</p>}
        {token === null && (
          <>
            <p>{t('mid-card-no-code')}</p>
            <button type="button" class="button primary" disabled={busy || !online.value} onClick={() => act('make')}>
              {t('mid-card-make-code')}
            </button>
            {!online.value && <p class="muted">{t('mid-card-make-offline')}</p>}
          </>
        )}
        {token && (
          <button type="button" class="button primary" onClick={() => window.print()}>
            {t('mid-card-print')}
          </button>
        )}
        {done && (
          <p class="success" role="status">
            {t(done)}
          </p>
        )}
        {actionProblem !== null && (
          <p class="form-error" role="alert">
            {errorText(actionProblem)}
          </p>
        )}
      </div>

      {token && (
        <>
          <section class="id-card" aria-label={t('mid-card-title')}>
            <p class="id-card-head">
              <span>{t('mid-card-heading')}</span>
              <span>MySehat</span>
            </p>
            <div class="id-card-body">
              <Essentials name={user.name} bloodGroup={id.blood_group ?? null} allergies={allergies} conditions={id.conditions?.length ? id.conditions.join(', ') : null} contact={contact} />
              <figure class="id-card-qr">
                <QrCode text={cardUrl(token)} label={qrLabel} />
                <figcaption>{t('mid-card-scan')}</figcaption>
              </figure>
            </div>
            <p class="id-card-foot">{t('mid-card-call')}</p>
          </section>

          <section class="id-page">
            <h2>
              {t('medical-id')}: {user.name}
            </h2>
            <div class="id-page-body">
              <IdFacts id={id} calls={false} />
              <figure class="id-page-qr">
                <QrCode text={cardUrl(token)} label={qrLabel} />
                <figcaption>{t('mid-card-scan')}</figcaption>
              </figure>
            </div>
            <p class="id-card-foot">{t('mid-card-call')}</p>
          </section>
        </>
      )}

      <div class="no-print">
        <section class="card">
            <h2>{t('mid-card-old-title')}</h2>
            <p>{t('mid-card-old-intro')}</p>
            {confirming === null && (
              <>
                {token && (
                  <button type="button" class="button secondary" disabled={busy} onClick={() => setConfirming('replace')}>
                    {t('mid-card-replace')}
                  </button>
                )}
                <button type="button" class="button secondary" disabled={busy} onClick={() => setConfirming('stop')}>
                  {t('mid-card-stop')}
                </button>
              </>
            )}
            {confirming && (
              <div class="confirm" role="alertdialog" aria-labelledby="card-confirm">
                <p id="card-confirm">{t(confirming === 'replace' ? 'mid-card-replace-question' : 'mid-card-stop-question')}</p>
                <button type="button" class="button danger" disabled={busy} onClick={() => act(confirming)}>
                  {t(confirming === 'replace' ? 'mid-card-replace-yes' : 'mid-card-stop-yes')}
                </button>
                <button type="button" class="button secondary" disabled={busy} onClick={() => setConfirming(null)}>
                  {t('mid-cancel')}
                </button>
              </div>
            )}
        </section>
        <p class="switch-link">
          <a href="/medical-id" onClick={onLinkClick}>
            {t('mid-back')}
          </a>
        </p>
      </div>
    </main>
  );
}

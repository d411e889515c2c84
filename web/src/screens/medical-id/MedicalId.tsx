// The patient's emergency medical ID: read at once from the device (offline too), edited online, with the way to its printable card.
import { useState } from 'preact/hooks';
import { session } from '../../app-state';
import { locale, t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { isEmpty } from '../../medical-id/types';
import { dateTimeText } from '../../dates';
import { onLinkClick } from '../../router';
import { MedicalIdForm } from './Form';
import { IdFacts, useMedicalId } from './parts';
import './medical-id.css';

export default function MedicalIdScreen() {
  const user = session.current.value!.user!;
  const { saved, confirmed, problem, setSaved } = useMedicalId(user.id);
  const [editing, setEditing] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  if (saved === undefined) {
    return (
      <main class="screen">
        <h1>{t('medical-id')}</h1>
        <p>{problem ? errorText(problem) : t('loading')}</p>
      </main>
    );
  }

  const id = saved?.medicalId ?? {};
  // Nothing saved yet and the server answered: straight to the form.
  const showForm = editing || (confirmed && isEmpty(id));

  return (
    <main class="screen medical-id-screen">
      <h1>{t('medical-id')}</h1>
      <p class="lead">{t('mid-intro')}</p>
      {problem !== null && saved && (
        <p class="notice" role="status">
          {t('mid-offline-copy', { when: dateTimeText(saved.savedAtMs, locale()) })}
        </p>
      )}
      {problem !== null && !saved && (
        <p class="form-error" role="alert">
          {errorText(problem)} {t('mid-not-on-phone')}
        </p>
      )}
      {justSaved && !showForm && (
        <p class="success" role="status">
          {t('mid-saved')}
        </p>
      )}
      {showForm ? (
        <MedicalIdForm
          ownerId={user.id}
          initial={id}
          onSaved={(s) => {
            setSaved(s);
            setEditing(false);
            setJustSaved(true);
          }}
          onCancel={isEmpty(id) ? undefined : () => setEditing(false)}
        />
      ) : (
        saved && (
          <>
            <section class="card id-view">
              <h2>{user.name}</h2>
              <IdFacts id={id} />
            </section>
            <button type="button" class="button primary" onClick={() => { setJustSaved(false); setEditing(true); }}>
              {t('mid-edit')}
            </button>
            <a class="button secondary" href="/medical-id/card" onClick={onLinkClick}>
              {t('mid-print-card')}
            </a>
          </>
        )
      )}
      <p class="switch-link">
        <a href="/sos" onClick={onLinkClick}>
          {t('tile-sos')}
        </a>
      </p>
    </main>
  );
}

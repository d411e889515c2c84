// The page behind a card's QR code, for whoever finds the patient (no account): the medical ID in large type, in the reader's
// language (the header's switch), with 112 and 108 one tap away. Nothing of it is kept on the reader's phone.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/errors';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { medicalIds } from '../../medical-id/state';
import type { PublicCard } from '../../medical-id/types';
import { CallLines } from '../sos/parts';
import { IdFacts } from './parts';
import './medical-id.css';

export default function PublicCardScreen({ token }: { token: string }) {
  const [card, setCard] = useState<PublicCard | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    setCard(null);
    setProblem(null);
    medicalIds.open(token).then(setCard, setProblem);
  }, [token]);

  const unknown = problem instanceof ApiError && problem.status === 404;
  return (
    <main class="screen public-card">
      <h1>{t('card-public-title')}</h1>
      {!card && !problem && <p>{t('loading')}</p>}
      {unknown && (
        <p class="form-error" role="alert">
          {t('card-public-unknown')}
        </p>
      )}
      {problem !== null && !unknown && (
        <p class="form-error" role="alert">
          {errorText(problem)}
        </p>
      )}
      {card && (
        <section class="card id-view big">
          <h2 class="public-name">{card.name}</h2>
          <IdFacts id={card.medical_id} />
        </section>
      )}
      <p>{t('card-public-call')}</p>
      <CallLines />
      <p class="muted small">{t('card-public-note')}</p>
    </main>
  );
}

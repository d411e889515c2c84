// Pieces the medical ID screens share: the facts in large type, and the ID as the device and the server have it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { SavedMedicalId } from '../../medical-id/cache';
import { medicalIdCache, medicalIds } from '../../medical-id/state';
import type { MedicalId } from '../../medical-id/types';

function List({ items }: { items: string[] | undefined }) {
  if (!items?.length) return <dd class="muted">{t('mid-not-recorded')}</dd>;
  return <dd>{items.join(', ')}</dd>;
}

/** The essentials a paramedic reads first; `calls` turns contact numbers into links (not on paper). */
export function IdFacts({ id, calls = true }: { id: MedicalId; calls?: boolean }) {
  const contacts = id.contacts ?? [];
  return (
    <dl class="id-facts">
      <dt>{t('medical-blood-group')}</dt>
      <dd class="blood-group">{id.blood_group ?? <span class="muted">{t('mid-not-known')}</span>}</dd>
      <dt>{t('medical-allergies')}</dt>
      <List items={id.allergies} />
      <dt>{t('medical-conditions')}</dt>
      <List items={id.conditions} />
      <dt>{t('medical-medicines')}</dt>
      <List items={id.medicines} />
      {id.organ_donor && (
        <>
          <dt>{t('medical-organ-donor')}</dt>
          <dd>{t('medical-yes')}</dd>
        </>
      )}
      {id.preferred_hospital && (
        <>
          <dt>{t('medical-preferred-hospital')}</dt>
          <dd>{id.preferred_hospital}</dd>
        </>
      )}
      <dt>{t('medical-contacts')}</dt>
      {contacts.length === 0 && <dd class="muted">{t('mid-not-recorded')}</dd>}
      {contacts.map((c) => (
        <dd key={c.phone} class="contact">
          {c.name}
          {c.relation && ` (${c.relation})`} · {calls ? <a href={`tel:${c.phone}`}>{c.phone}</a> : c.phone}
        </dd>
      ))}
    </dl>
  );
}

/** The account's medical ID: the device's copy at once, then the server's; `problem` when the server could not be asked. */
export function useMedicalId(ownerId: string) {
  const [saved, setSaved] = useState<SavedMedicalId | null | undefined>(undefined);
  const [confirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    void medicalIdCache.get(ownerId).then((cached) => {
      if (current) setSaved((prev) => (prev === undefined ? (cached ?? null) : prev));
    });
    medicalIds
      .get()
      .then((id) => medicalIdCache.save(ownerId, id))
      .then(
        (fresh) => {
          if (!current) return;
          setSaved(fresh);
          setConfirmed(true);
          setProblem(null);
        },
        (e: unknown) => {
          if (current) setProblem(e);
        },
      );
    return () => {
      current = false;
    };
  }, [ownerId]);
  return { saved, confirmed, problem, setSaved };
}

// One village: its households on the device (number, head, members, not-yet-synced mark) and registering a new one.
import { t } from '../../i18n';
import { onLinkClick } from '../../router';
import { householdNumber, isHousehold, membersOf, nameOf } from '../household';
import { VILLAGE_TAG, tagOf } from '../store';
import { hwStore, outboxRows, ownerId, villageName } from '../state';
import { useLive } from './live';

export function Village({ id }: { id: string }) {
  const data = useLive(async () => {
    const owner = ownerId() ?? '';
    const groups = (await hwStore.list(owner, 'Group')).filter((g) => isHousehold(g) && tagOf(g, VILLAGE_TAG) === id);
    const patients = new Map((await hwStore.list(owner, 'Patient')).map((p) => [p.id, p]));
    return groups
      .map((g) => {
        const members = membersOf(g);
        const head = members.find((m) => m.relation === 'head') ?? members[0];
        return { id: g.id, number: householdNumber(g), head: head ? nameOf(patients.get(head.id)) : '', count: members.length };
      })
      .sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
  }, [id]);
  const unsynced = new Set(outboxRows.value.map((m) => m.resourceId));

  return (
    <>
      <a class="back" href="/hw" onClick={onLinkClick}>
        {t('hw-back-villages')}
      </a>
      <h1>{villageName(id)}</h1>
      <a class="button primary" href={`/hw/register?village=${encodeURIComponent(id)}`} onClick={onLinkClick}>
        {t('hw-register')}
      </a>
      {data && data.length === 0 && <p>{t('hw-households-empty')}</p>}
      <ul class="plain hw-list">
        {data?.map((h) => (
          <li key={h.id}>
            <a class="card hw-household-link" href={`/hw/household?id=${encodeURIComponent(h.id)}`} onClick={onLinkClick} data-household={h.id}>
              <strong>{t('hw-household-title', { number: h.number })}</strong>
              <span>{h.head}</span>
              <small>{t('hw-household-members', { count: h.count })}</small>
              {unsynced.has(h.id) && <span class="hw-badge">{t('hw-not-synced')}</span>}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

// The worker's villages (from the server, kept for offline use), each with its number of households on the device.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { onLinkClick } from '../../router';
import type { Village } from '../api';
import { isHousehold } from '../household';
import { VILLAGE_TAG, tagOf } from '../store';
import { hwStore, loadVillages, numbers, ownerId } from '../state';
import { useLive } from './live';

export function Villages() {
  const [villages, setVillages] = useState<{ list: Village[]; cached: boolean } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const counts = useLive(async () => {
    const groups = (await hwStore.list(ownerId() ?? '', 'Group')).filter(isHousehold);
    const by = new Map<string, number>();
    for (const g of groups) {
      const v = tagOf(g, VILLAGE_TAG) ?? '';
      by.set(v, (by.get(v) ?? 0) + 1);
    }
    return by;
  }, []);

  useEffect(() => {
    loadVillages().then((r) => setVillages({ list: r.villages, cached: r.cached }), setProblem);
  }, []);

  const left = numbers.value.left;
  return (
    <>
      <h1>{t('hw-villages')}</h1>
      {problem !== null && !villages && <p class="form-error">{errorText(problem)}</p>}
      {villages?.cached && <p class="hint">{t('hw-villages-cached')}</p>}
      {villages && villages.list.length === 0 && <p>{t('hw-villages-empty')}</p>}
      <ul class="plain hw-list">
        {villages?.list.map((v) => (
          <li key={v.id}>
            <a class="tile hw-tile" href={`/hw/village?id=${encodeURIComponent(v.id)}`} onClick={onLinkClick} data-village={v.id}>
              <strong>{v.name}</strong>
              <small>{t('hw-village-households', { count: counts?.get(v.id) ?? 0 })}</small>
            </a>
          </li>
        ))}
      </ul>
      <a class="button secondary" href="/hw/follow-ups" onClick={onLinkClick}>
        {t('hw-follow-ups-link')}
      </a>
      <p class="hint hw-numbers" data-left={left}>
        {left > 0 ? t('hw-numbers-left', { count: left }) : t('hw-numbers-none')}
      </p>
    </>
  );
}


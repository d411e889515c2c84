// The bar on every health worker screen: online or not, what is not yet synced, what needs attention (and why), when the
// last sync finished, and a button to sync now.
import { useState } from 'preact/hooks';
import { dateTimeText } from '../../dates';
import { has, locale, t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { online } from '../../net/online';
import { attentionRows, discardGroup, lastSync, syncing, syncNow, syncProblem, unsyncedCount } from '../state';

const kindName = (type: string) => (has(`hw-kind-${type}`) ? t(`hw-kind-${type}`) : type);

function Attention() {
  const rows = attentionRows.value;
  const [open, setOpen] = useState(false);
  if (rows.length === 0) return null;
  return (
    <details class="hw-attention" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('hw-sync-attention', { count: rows.length })}</summary>
      <ul class="plain">
        {rows.map((m) => (
          <li key={m.id} data-state={m.state}>
            <strong>{kindName(m.type)}</strong>{' '}
            {t(m.state === 'conflict' ? 'hw-attention-conflict' : 'hw-attention-rejected', { reason: m.reason ?? '' })}
            <button type="button" class="button secondary small" onClick={() => void discardGroup(m.group)}>
              {t('hw-attention-discard')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function SyncBar() {
  const up = online.value;
  const unsynced = unsyncedCount.value;
  const at = lastSync.value;
  return (
    <section class="hw-sync" aria-label={t('hw-sync-now')} data-unsynced={unsynced} data-online={up ? 'yes' : 'no'}>
      <div class="hw-sync-row">
        <div>
          <p class={up ? 'hw-net online' : 'hw-net offline'}>{up ? t('hw-sync-online') : t('hw-sync-offline')}</p>
          <p class="hw-unsynced" role="status">
            {unsynced > 0 ? t('hw-sync-unsynced', { count: unsynced }) : t('hw-sync-all-synced')}
          </p>
          <p class="hw-last">{at ? t('hw-sync-last', { time: dateTimeText(at, locale()) }) : t('hw-sync-never')}</p>
        </div>
        <button type="button" class="button secondary small" disabled={syncing.value || !up} onClick={() => void syncNow()}>
          {syncing.value ? t('hw-sync-running') : t('hw-sync-now')}
        </button>
      </div>
      {syncProblem.value !== null && up && !syncing.value && <p class="error">{t('hw-sync-failed', { reason: errorText(syncProblem.value) })}</p>}
      <Attention />
    </section>
  );
}

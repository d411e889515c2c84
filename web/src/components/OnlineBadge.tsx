// Tells the person, on every screen, when they are offline and looking at saved data.
import { online } from '../net/online';
import { t } from '../i18n';

export function OnlineBadge() {
  return (
    <p class="offline-badge" role="status" aria-live="polite" hidden={online.value}>
      {online.value ? '' : t('offline-badge')}
    </p>
  );
}

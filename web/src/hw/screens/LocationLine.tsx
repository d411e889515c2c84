// Where the phone is, as the register and visit screens show it: the accuracy of the fix, or that there is none.
import { t } from '../../i18n';
import type { FixState } from './useFix';

export function LocationLine({ fix, onRetry }: { fix: FixState; onRetry: () => void }) {
  return (
    <div class="hw-location" data-fix={fix.state}>
      <strong>{t('hw-location')}</strong>
      {fix.state === 'trying' && <p>{t('hw-location-trying')}</p>}
      {fix.state === 'fixed' && <p>{t('hw-location-fix', { metres: Math.round(fix.fix.accuracy_m) })}</p>}
      {fix.state === 'none' && (
        <>
          <p class="notice">{t('hw-location-none')}</p>
          <button type="button" class="button secondary small" onClick={onRetry}>
            {t('hw-location-retry')}
          </button>
        </>
      )}
    </div>
  );
}

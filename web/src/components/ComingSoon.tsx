// The "coming soon" dialog for modules not built yet; for SOS and mental health it still offers the phone lines that help now.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

export type Feature = 'sos' | 'symptoms' | 'mental' | 'records' | 'medicines' | 'health-worker';

export function ComingSoon({ feature, onClose }: { feature: Feature; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} class="coming-soon" aria-labelledby="coming-soon-title" onClose={onClose}>
      <h2 id="coming-soon-title">{t('coming-soon-title')}</h2>
      <p>{t('coming-soon-body', { feature: t(`tile-${feature}`) })}</p>
      {feature === 'sos' && (
        <>
          <p>{t('sos-call-now')}</p>
          <a class="button danger" href="tel:112">
            {t('sos-call-112')}
          </a>
          <a class="button danger" href="tel:108">
            {t('sos-call-108')}
          </a>
        </>
      )}
      {feature === 'mental' && (
        <>
          <p>{t('mental-call-now')}</p>
          <a class="button" href="tel:14416">
            {t('mental-call-14416')}
          </a>
        </>
      )}
      <form method="dialog">
        <button class="button secondary" autofocus>
          {t('coming-soon-close')}
        </button>
      </form>
    </dialog>
  );
}

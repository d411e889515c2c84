// Home for a signed-in person: greeting, the emergency tile first (one tap to SOS), the desk, crew, consent, health worker or
// supervisor screen for those roles, a patient's medical ID, records and sharing, then the modules still to come.
import { useState } from 'preact/hooks';
import { session } from '../app-state';
import { ComingSoon, type Feature } from '../components/ComingSoon';
import { t } from '../i18n';
import { medicalIdCache } from '../medical-id/state';
import { navigate, onLinkClick } from '../router';

/** The work screen of a dispatch desk, an ambulance crew or a doctor. */
const WORK: Partial<Record<string, { href: string; icon: string; label: string }>> = {
  dispatcher: { href: '/dispatch', icon: '🏥', label: 'tile-dispatch' },
  ambulance_crew: { href: '/crew', icon: '🚑', label: 'tile-crew' },
  doctor: { href: '/consent/request', icon: '🔐', label: 'tile-consent-doctor' },
  health_worker: { href: '/hw', icon: '🏘️', label: 'tile-health-worker' },
  supervisor: { href: '/hw/supervisor', icon: '📊', label: 'tile-hw-supervisor' },
};

/** A patient's own screens, built: links, not "coming soon". */
const PATIENT_LINKS: { href: string; icon: string; label: string }[] = [
  { href: '/medical-id', icon: '🪪', label: 'tile-medical-id' },
  { href: '/records', icon: '📋', label: 'tile-records' },
  { href: '/consent', icon: '🔐', label: 'tile-consent' },
];

const SOON: { feature: Feature; icon: string }[] = [
  { feature: 'symptoms', icon: '🩺' },
  { feature: 'mental', icon: '💬' },
  { feature: 'medicines', icon: '💊' },
];

export function Home() {
  const [open, setOpen] = useState<Feature | null>(null);
  const [unsynced, setUnsynced] = useState(0);
  const user = session.current.value?.user;
  const patient = user?.role === 'patient';
  const work = user ? WORK[user.role] : undefined;

  const logOut = async () => {
    if (user?.role === 'health_worker') {
      // Field work saved offline lives only on this phone until it syncs: logging out must not lose it.
      const hw = await import('../hw/state');
      const left = await hw.unsyncedTotal();
      setUnsynced(left);
      if (left > 0) return;
      await hw.forgetOnLogout();
    }
    // A shared phone keeps nobody's health details after they log out.
    await Promise.all([session.logOut(), medicalIdCache.clear().catch(() => undefined)]);
    navigate('/', { replace: true });
  };

  return (
    <main class="screen home">
      <h1 class="greeting">{t('home-greeting', { name: user?.name ?? '' })}</h1>
      <p class="lead">{t('home-intro')}</p>
      {work && (
        <a class="tile work" href={work.href} onClick={onLinkClick}>
          <span class="tile-icon" aria-hidden="true">
            {work.icon}
          </span>
          <strong>{t(work.label)}</strong>
        </a>
      )}
      <a class="tile sos" href="/sos" onClick={onLinkClick}>
        <span class="tile-icon" aria-hidden="true">
          🚨
        </span>
        <span>
          <strong>{t('tile-sos')}</strong>
          <small>{t('tile-sos-hint')}</small>
        </span>
      </a>
      <div class="tiles">
        {patient &&
          PATIENT_LINKS.map(({ href, icon, label }) => (
            <a class="tile" key={href} href={href} onClick={onLinkClick}>
              <span class="tile-icon" aria-hidden="true">
                {icon}
              </span>
              <strong>{t(label)}</strong>
            </a>
          ))}
        {SOON.map(({ feature, icon }) => (
          <button type="button" class="tile" key={feature} onClick={() => (feature === 'symptoms' ? navigate('/symptoms') : setOpen(feature))}>
            <span class="tile-icon" aria-hidden="true">
              {icon}
            </span>
            <strong>{t(`tile-${feature}`)}</strong>
          </button>
        ))}
      </div>
      {unsynced > 0 && (
        <p class="form-error logout-refused" role="alert">
          {t('hw-logout-refused', { count: unsynced })}
        </p>
      )}
      <button type="button" class="button secondary logout" onClick={logOut}>
        {t('logout')}
      </button>
      {open && <ComingSoon feature={open} onClose={() => setOpen(null)} />}
    </main>
  );
}

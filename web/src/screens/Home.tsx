// Home for a signed-in person: greeting, the emergency tile first (one tap to SOS), the desk or crew screen for those roles, then the modules.
import { useState } from 'preact/hooks';
import { session } from '../app-state';
import { ComingSoon, type Feature } from '../components/ComingSoon';
import { t } from '../i18n';
import { navigate, onLinkClick } from '../router';

/** The work screen of a dispatch desk or an ambulance crew. */
const WORK: Partial<Record<string, { href: string; icon: string; label: string }>> = {
  dispatcher: { href: '/dispatch', icon: '🏥', label: 'tile-dispatch' },
  ambulance_crew: { href: '/crew', icon: '🚑', label: 'tile-crew' },
};

const TILES: { feature: Feature; icon: string }[] = [
  { feature: 'symptoms', icon: '🩺' },
  { feature: 'mental', icon: '💬' },
  { feature: 'records', icon: '📋' },
  { feature: 'medicines', icon: '💊' },
];

export function Home() {
  const [open, setOpen] = useState<Feature | null>(null);
  const user = session.current.value?.user;
  const tiles = user?.role === 'health_worker' ? [...TILES, { feature: 'health-worker' as const, icon: '🏘️' }] : TILES;
  const work = user ? WORK[user.role] : undefined;

  const logOut = async () => {
    await session.logOut();
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
        {tiles.map(({ feature, icon }) => (
          <button type="button" class="tile" key={feature} onClick={() => setOpen(feature)}>
            <span class="tile-icon" aria-hidden="true">
              {icon}
            </span>
            <strong>{t(`tile-${feature}`)}</strong>
          </button>
        ))}
      </div>
      <button type="button" class="button secondary logout" onClick={logOut}>
        {t('logout')}
      </button>
      {open && <ComingSoon feature={open} onClose={() => setOpen(null)} />}
    </main>
  );
}

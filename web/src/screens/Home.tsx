// Home for a signed-in person: greeting, the emergency tile first, then the modules (each "coming soon" for now).
import { useState } from 'preact/hooks';
import { session } from '../app-state';
import { ComingSoon, type Feature } from '../components/ComingSoon';
import { t } from '../i18n';
import { navigate } from '../router';

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

  const logOut = async () => {
    await session.logOut();
    navigate('/', { replace: true });
  };

  return (
    <main class="screen home">
      <h1 class="greeting">{t('home-greeting', { name: user?.name ?? '' })}</h1>
      <p class="lead">{t('home-intro')}</p>
      <button type="button" class="tile sos" onClick={() => setOpen('sos')}>
        <span class="tile-icon" aria-hidden="true">
          🚨
        </span>
        <span>
          <strong>{t('tile-sos')}</strong>
          <small>{t('tile-sos-hint')}</small>
        </span>
      </button>
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

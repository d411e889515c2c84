// A screen loaded on first use (its own chunk), so the first load stays small for everyone who never opens it.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

export function lazyScreen(load: () => Promise<{ default: ComponentType }>): ComponentType {
  let loaded: ComponentType | null = null;
  return function LazyScreen() {
    const [Screen, setScreen] = useState<ComponentType | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      load().then(
        (m) => {
          loaded = m.default;
          setScreen(() => m.default);
        },
        () => setFailed(true),
      );
    }, []);
    if (Screen) return <Screen />;
    return (
      <main class="screen">
        <p>{failed ? t('problem-network') : t('loading')}</p>
      </main>
    );
  };
}

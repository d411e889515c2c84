// Any path the app does not know still opens the app, with a way home.
import { t } from '../i18n';
import { onLinkClick } from '../router';

export function NotFound() {
  return (
    <main class="screen not-found">
      <h1>{t('not-found-title')}</h1>
      <a class="button primary" href="/" onClick={onLinkClick}>
        {t('not-found-home')}
      </a>
    </main>
  );
}

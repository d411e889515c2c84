// The first screen for someone not signed in: what MySehat is, and the way in.
import { t } from '../i18n';
import { onLinkClick } from '../router';

export function Welcome() {
  return (
    <main class="screen welcome">
      <h1>{t('welcome-title')}</h1>
      <p class="lead">{t('app-tagline')}</p>
      <div class="actions">
        <a class="button primary" href="/register" onClick={onLinkClick}>
          {t('welcome-register')}
        </a>
        <a class="button secondary" href="/login" onClick={onLinkClick}>
          {t('welcome-login')}
        </a>
      </div>
    </main>
  );
}

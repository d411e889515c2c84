// The bar on every screen: the name, the language switch and the offline badge.
import { t } from '../i18n';
import { onLinkClick } from '../router';
import { LanguageSwitch } from './LanguageSwitch';
import { OnlineBadge } from './OnlineBadge';

export function Header() {
  return (
    <header class="app-header">
      <div class="bar">
        <a class="brand" href="/" onClick={onLinkClick}>
          <img src="/icons/icon-192.png" alt="" width="32" height="32" />
          {t('app-name')}
        </a>
        <LanguageSwitch />
      </div>
      <OnlineBadge />
    </header>
  );
}

// "English | हिन्दी": each name written in its own language, so anyone can find theirs.
import { lang, setLang, t, type Lang } from '../i18n';

const NAMES: [Lang, string][] = [
  ['en', 'English'],
  ['hi', 'हिन्दी'],
];

export function LanguageSwitch() {
  return (
    <nav class="lang-switch" aria-label={t('lang-switch-label')}>
      {NAMES.map(([code, name], i) => (
        <>
          {i > 0 && <span aria-hidden="true">|</span>}
          <button type="button" lang={code} aria-pressed={lang.value === code} onClick={() => setLang(code)}>
            {name}
          </button>
        </>
      ))}
    </nav>
  );
}

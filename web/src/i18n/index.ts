// The app's current language as a signal, its persistence, and t() for every visible string.
import { effect, signal } from '@preact/signals';
import { formatIn, isLang, langFromNavigator, makeBundle, type Args, type Lang } from './bundles';
import { sources } from './ftl';

export type { Lang } from './bundles';
export { LANGS, isLang } from './bundles';

const STORAGE_KEY = 'mysehat.lang';

const bundles = {
  en: makeBundle('en', sources.en ?? {}),
  hi: makeBundle('hi', sources.hi ?? {}),
};

function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null; // storage blocked (private mode): fall back to the browser's language
  }
}

export const lang = signal<Lang>(storedLang() ?? langFromNavigator(navigator.languages ?? [navigator.language]));

/** True once the person picked a language on this device; then their account's language no longer overrides it. */
export const hasChosenLang = (): boolean => storedLang() !== null;

export function setLang(next: Lang): void {
  lang.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the choice still holds for this visit.
  }
}

effect(() => {
  document.documentElement.lang = lang.value;
});

/** The locale for dates and numbers in the current language (India's conventions either way). */
export function locale(): string {
  return lang.value === 'hi' ? 'hi-IN' : 'en-IN';
}

/** The message `id` in the current language, falling back to English, then to the id itself. */
export function t(id: string, args?: Args): string {
  const l = lang.value; // read first so components re-render on a language change
  return formatIn([bundles[l], bundles.en], id, args) ?? id;
}

/** Whether the current language (or English) has `id`; used to pick server error messages. */
export function has(id: string): boolean {
  return bundles[lang.value].hasMessage(id) || bundles.en.hasMessage(id);
}

// Builds Fluent bundles and formats messages with an English fallback; pure, so tests need no DOM.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

export type Lang = 'en' | 'hi';
export const LANGS: readonly Lang[] = ['en', 'hi'];
export type Args = Record<string, FluentVariable>;

/** One bundle per language from that language's .ftl sources (app.ftl first, then errors.ftl). */
export function makeBundle(lang: Lang, files: Record<string, string>): FluentBundle {
  // No bidi isolation marks: both languages are left-to-right and the marks would leak into copied text.
  const bundle = new FluentBundle(lang, { useIsolating: false });
  for (const name of Object.keys(files).sort()) {
    const errors = bundle.addResource(new FluentResource(files[name] ?? ''));
    for (const e of errors) console.warn(`locales/${lang}/${name}: ${e.message}`);
  }
  return bundle;
}

/** Formats `id` in the first bundle that has it; null when none does. */
export function formatIn(bundles: FluentBundle[], id: string, args?: Args): string | null {
  for (const bundle of bundles) {
    const msg = bundle.getMessage(id);
    if (msg?.value) return bundle.formatPattern(msg.value, args ?? null);
  }
  return null;
}

/** Picks the language for a first visit from the browser's list: any Hindi variant means Hindi. */
export function langFromNavigator(languages: readonly string[]): Lang {
  for (const l of languages) {
    const tag = l.toLowerCase();
    if (tag.startsWith('hi')) return 'hi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

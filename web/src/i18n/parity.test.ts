// Every string must exist, non-empty, in both English and Hindi, for the app's own strings and the server's errors.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { formatIn, makeBundle } from './bundles';
import { sources } from './ftl';

const LOCALES = fileURLToPath(new URL('../../../locales/', import.meta.url));
const path = (lang: string, file: string) => `${LOCALES}${lang}/${file}`;

interface Parsed {
  ids: Map<string, Set<string>>; // message id -> variables it uses
  declared: string[]; // ids that look declared in the text, parsed or not
  empty: string[];
}

function parse(text: string): Parsed {
  const ids = new Map<string, Set<string>>();
  const empty: string[] = [];
  for (const entry of new FluentResource(text).body) {
    if (entry.id.startsWith('-')) continue; // terms are private to a language
    if (entry.value === null || (typeof entry.value === 'string' && entry.value.trim() === '')) empty.push(entry.id);
    const vars = new Set([...JSON.stringify(entry.value).matchAll(/"type":"var","name":"([^"]+)"/g)].map((m) => m[1]!));
    ids.set(entry.id, vars);
  }
  const declared = [...text.matchAll(/^([a-zA-Z][\w-]*)[ \t]*=/gm)].map((m) => m[1]!);
  return { ids, declared, empty };
}

describe.each(['app.ftl', 'errors.ftl', 'symptoms.ftl', 'hw.ftl'])('%s', (file) => {
  const present = existsSync(path('en', file)) || existsSync(path('hi', file));

  it.skipIf(!present)('exists in both languages', () => {
    expect(existsSync(path('en', file)), `locales/en/${file}`).toBe(true);
    expect(existsSync(path('hi', file)), `locales/hi/${file}`).toBe(true);
  });

  it.skipIf(!present)('parses cleanly, has the same ids and variables in both, and no empty strings', () => {
    const en = parse(readFileSync(path('en', file), 'utf8'));
    const hi = parse(readFileSync(path('hi', file), 'utf8'));
    for (const [name, p] of [['en', en], ['hi', hi]] as const) {
      expect(p.declared.filter((id) => !p.ids.has(id)), `${name}/${file}: messages with syntax errors`).toEqual([]);
      expect(p.empty, `${name}/${file}: empty messages`).toEqual([]);
      expect(p.ids.size, `${name}/${file}: no messages`).toBeGreaterThan(0);
    }
    expect([...en.ids.keys()].filter((id) => !hi.ids.has(id)), `missing from hi/${file}`).toEqual([]);
    expect([...hi.ids.keys()].filter((id) => !en.ids.has(id)), `missing from en/${file}`).toEqual([]);
    for (const [id, vars] of en.ids) {
      expect([...(hi.ids.get(id) ?? [])].sort(), `variables of ${id}`).toEqual([...vars].sort());
    }
  });
});

describe('bundles as the app builds them', () => {
  it('loads app.ftl for both languages through the Vite ?raw glob', () => {
    expect(Object.keys(sources.en ?? {})).toContain('app.ftl');
    expect(Object.keys(sources.hi ?? {})).toContain('app.ftl');
  });

  it('formats Hindi in Devanagari and falls back to English for unknown ids', () => {
    const en = makeBundle('en', sources.en ?? {});
    const hi = makeBundle('hi', sources.hi ?? {});
    expect(formatIn([hi, en], 'home-greeting', { name: 'Asha' })).toBe('नमस्ते, Asha!');
    expect(formatIn([hi, en], 'login-wait', { seconds: 1 })).toBe('आप 1 सेकंड बाद फिर से कोशिश कर सकते हैं।');
    expect(formatIn([en], 'login-wait', { seconds: 1 })).toBe('You can try again in 1 second.');
    expect(formatIn([hi, en], 'no-such-id')).toBeNull();
  });

  it('does not let app.ftl and errors.ftl define the same id', () => {
    const app = parse(sources.en?.['app.ftl'] ?? '');
    const errors = parse(sources.en?.['errors.ftl'] ?? '');
    expect([...app.ids.keys()].filter((id) => errors.ids.has(id))).toEqual([]);
  });
});

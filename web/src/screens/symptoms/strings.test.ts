// Every string the symptom checker shows exists in English and Hindi (locales/*/symptoms.ftl), under the `sym-` prefix,
// including the ids the screen builds from the engine's answer (levels, question reasons, refusal codes).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../triage/types';

const LOCALES = fileURLToPath(new URL('../../../../locales/', import.meta.url));
const ids = (lang: string, file: string) =>
  new Set(new FluentResource(readFileSync(`${LOCALES}${lang}/${file}`, 'utf8')).body.map((e) => e.id));

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SOURCES = [
  ...readdirSync(HERE).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts')).map((f) => `${HERE}${f}`),
  fileURLToPath(new URL('../../triage/check.ts', import.meta.url)),
];

/** Element ids of the screen that share the prefix but are not messages. */
const DOM_IDS = new Set(['sym-text', 'sym-text-hint', 'sym-level-word']);

/** Ids written out in the source: t('sym-…'), { id: 'sym-…' }, 'sym-…' in tables. */
const literal = SOURCES.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(sym-[a-z0-9_-]+)'/g)].map((m) => m[1]!)).filter(
  (id) => !DOM_IDS.has(id),
);

/** Ids built from the engine's answer. */
const built = [
  ...LEVELS.flatMap((l) => [`sym-level-${l}`, `sym-level-${l}-explain`]),
  'sym-reason-red_flag_screening',
  'sym-reason-most_informative',
  ...['missing_age', 'invalid_age', 'text_too_long', 'too_many_answers', 'vital_out_of_range', 'invalid_answer'].map((c) => `sym-error-${c}`),
];

describe('symptoms.ftl', () => {
  const en = ids('en', 'symptoms.ftl');
  const hi = ids('hi', 'symptoms.ftl');

  it('has every id the screen uses, in both languages', () => {
    const used = new Set([...literal, ...built]);
    expect([...used].filter((id) => !en.has(id))).toEqual([]);
    expect([...used].filter((id) => !hi.has(id))).toEqual([]);
  });

  it('keeps its ids under sym- and clear of the other files', () => {
    expect([...en].filter((id) => !id.startsWith('sym-'))).toEqual([]);
    const others = readdirSync(`${LOCALES}en`).filter((f) => f !== 'symptoms.ftl' && f.endsWith('.ftl'));
    for (const file of others) expect([...ids('en', file)].filter((id) => en.has(id)), file).toEqual([]);
  });
});

// Exports the symptom checker's knowledge base (crates/triage/kb/*.toml) to src/triage/kb.gen.json, the data the app's
// offline engine runs on, so the app and the server decide from the same numbers, rules and words.
// `node scripts/export-kb.mjs` writes the file; `--check` fails (exit 1) when the committed file is stale.
//
// The JSON keeps the data as written (the engine in src/triage/kb.ts indexes it, as crates/triage/src/kb/build.rs does),
// with two rules that keep the engines in step: maps become [key, value] lists in Rust's BTreeMap order (byte order of
// the keys), and condition files come in the order of the FILES table in crates/triage/src/kb/mod.rs. Fields the engine
// never reads (per-number source ids, source kinds) are left out.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KB = resolve(WEB, '../crates/triage/kb');
const KB_MOD = resolve(WEB, '../crates/triage/src/kb/mod.rs');
const OUT = join(WEB, 'src/triage/kb.gen.json');

const read = (name) => parse(readFileSync(join(KB, name), 'utf8'));

/** Rust compares strings byte by byte (UTF-8), which is code-point order. */
function byCodePoint(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** A TOML table read as a Rust BTreeMap: [key, value] pairs in key order. */
const entries = (table, map = (v) => v) =>
  Object.keys(table ?? {})
    .sort(byCodePoint)
    .map((k) => [k, map(table[k])]);

const text = (t) => ({ en: t.en, hi: t.hi });
const terms = (t = {}) => ({ en: t.en ?? [], hi: t.hi ?? [], rom: t.rom ?? [] });

/** Condition files in the engine's own order (it matters for sums and ties). */
function conditionFiles() {
  const source = readFileSync(KB_MOD, 'utf8');
  const listed = [...source.matchAll(/include_str!\("\.\.\/\.\.\/kb\/(conditions\/[^"]+\.toml)"\)/g)].map((m) => m[1]);
  if (listed.length === 0) throw new Error(`no condition files found in ${KB_MOD}`);
  const onDisk = readdirSync(join(KB, 'conditions')).filter((f) => f.endsWith('.toml')).map((f) => `conditions/${f}`);
  const missing = onDisk.filter((f) => !listed.includes(f));
  if (missing.length) throw new Error(`condition files the engine does not load: ${missing.join(', ')}`);
  return listed;
}

/** Drops undefined fields so the JSON stays small and stable. */
function compact(record) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

function finding(f) {
  return compact({
    id: f.id, en: f.en, hi: f.hi, q: text(f.q), leak: f.leak, group: f.group, sex: f.sex, min_age: f.min_age,
    max_age: f.max_age, implies: f.implies?.length ? f.implies : undefined, ask: f.ask === false ? false : undefined,
    context: f.context ? true : undefined,
  });
}

function condition(c) {
  return {
    id: c.id, icd10: c.icd10, name: text(c.name), urgency: c.urgency, prior: c.prior.p,
    age: entries(c.age), sex: entries(c.sex),
    findings: c.findings.map(([id, p]) => [id, p]),
    advice: text(c.advice),
  };
}

function rule(r) {
  return compact({
    id: r.id, label: text(r.label), min: r.min, src: r.src, crisis: r.crisis ? true : undefined, age_min: r.age_min,
    age_max: r.age_max, all: r.all?.length ? r.all : undefined, any: r.any?.length ? r.any : undefined, min_any: r.min_any,
    screen_if: r.screen_if?.length ? r.screen_if : undefined,
  });
}

function lexicon(l) {
  const n = l.negation;
  const d = l.duration;
  const amount = (key) => (v) => ({ [key]: v[key], ...terms(v) });
  return {
    f: entries(l.f, terms),
    site: entries(l.site, terms),
    mod: entries(l.mod, terms),
    combine: entries(l.combine),
    unpaired: entries(l.unpaired),
    pregnancy_bleeding: { modifier: l.pregnancy_bleeding.modifier, finding: l.pregnancy_bleeding.finding },
    fallback: entries(l.fallback),
    severe_variant: entries(l.severe_variant),
    severity: terms(l.severity),
    mild: terms(l.mild),
    negation: {
      pre_window: n.pre_window, post_window: n.post_window, pre: terms(n.pre), post: terms(n.post), both: terms(n.both),
      pseudo: terms(n.pseudo), boundary: terms(n.boundary), stop_post: terms(n.stop_post), stop_pre: terms(n.stop_pre),
      conjunctions: terms(n.conjunctions),
    },
    duration: {
      units: entries(d.units, amount('days')),
      numbers: entries(d.numbers, amount('value')),
      phrases: entries(d.phrases, amount('days')),
      ago: terms(d.ago),
      every: terms(d.every),
      age_markers: terms(d.age_markers),
    },
    readings: Object.fromEntries(['temperature', 'bp', 'sugar', 'oxygen', 'pulse'].map((k) => [k, terms(l.readings[k])])),
  };
}

export function exportKb() {
  const sources = read('sources.toml');
  const findings = read('findings.toml');
  const rules = read('red_flags.toml');
  const texts = read('texts.toml');
  const conditions = conditionFiles().flatMap((name) => read(name).condition);
  const cited = new Set(rules.rule.map((r) => r.src)); // the answer cites only the red-flag rules' sources
  return {
    version: sources.version,
    sources: entries(sources.sources, (s) => s.citation).filter(([id]) => cited.has(id)),
    findings: findings.finding.map(finding),
    choice_questions: (findings.choice_question ?? []).map((q) => ({ id: q.id, group: q.group, q: text(q.q) })),
    conditions: conditions.map(condition),
    rules: rules.rule.map(rule),
    lexicon: lexicon(read('lexicon.toml')),
    texts: {
      level: entries(texts.level, text),
      not_understood: text(texts.not_understood),
      crisis: text(texts.crisis),
      disclaimer: text(texts.disclaimer),
      helplines: entries(texts.helplines, (h) => ({ number: h.number, name: text(h.name) })),
    },
  };
}

/** One line per record of the big lists, so a change to the knowledge base is a readable diff. */
export function render(kb) {
  const lines = Object.entries(kb).map(([key, value]) => {
    if (Array.isArray(value) && value.length > 0) {
      return `${JSON.stringify(key)}: [\n${value.map((v) => `  ${JSON.stringify(v)}`).join(',\n')}\n]`;
    }
    return `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fresh = render(exportKb());
  if (process.argv.includes('--check')) {
    const committed = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
    if (committed !== fresh) {
      console.error('src/triage/kb.gen.json is stale: run `npm run export:kb` and commit it.');
      process.exit(1);
    }
    console.log('src/triage/kb.gen.json matches crates/triage/kb');
  } else {
    writeFileSync(OUT, fresh);
    console.log(`wrote ${OUT} (${fresh.length} bytes)`);
  }
}

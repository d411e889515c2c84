// kb.gen.json is the exporter's output for the knowledge base as it is now: a change to crates/triage/kb/*.toml
// without `npm run export:kb` fails here (and in `npm run check:kb`).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('kb.gen.json matches crates/triage/kb', () => {
  const web = fileURLToPath(new URL('../../', import.meta.url));
  const run = () => execFileSync(process.execPath, ['scripts/export-kb.mjs', '--check'], { cwd: web, encoding: 'utf8', stdio: 'pipe' });
  expect(run).not.toThrow();
});

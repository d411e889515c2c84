// Fails when src/api/schema.gen.ts no longer matches openapi.json, so a server API change cannot silently drift from the app.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(WEB, 'src', 'api', 'schema.gen.ts');
const STALE = 'stale API client: run make api-client';

if (!existsSync(join(WEB, 'openapi.json')) || !existsSync(committed)) {
  console.error(`${STALE} (web/openapi.json or web/src/api/schema.gen.ts is missing)`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'mysehat-api-'));
try {
  const fresh = join(dir, 'schema.gen.ts');
  const bin = join(WEB, 'node_modules', '.bin', 'openapi-typescript');
  const run = spawnSync(bin, ['openapi.json', '-o', fresh], { cwd: WEB, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stderr || run.stdout);
    console.error('openapi-typescript failed');
    process.exit(1);
  }
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(STALE);
    process.exit(1);
  }
  console.log('API client is up to date with openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

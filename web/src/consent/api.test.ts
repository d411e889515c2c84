// The consent client posts each answer to its consent's address and pages the access log by sequence number.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeClient } from '../api/client';
import { consentApi } from './api';

const api = consentApi(makeClient('http://mysehat.test'), (call) => call('tok'));
const reply = (body: unknown, status = 200) => vi.fn(async (_r: Request) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => vi.unstubAllGlobals());

describe('consent API client', () => {
  it('grants with the narrowing as the body', async () => {
    const fetch = reply({ id: 'c1', status: 'GRANTED' });
    vi.stubGlobal('fetch', fetch);
    const granted = await api.grant('c1', { hi_types: ['DiagnosticReport'], date_from_ms: 5 });
    expect(granted.status).toBe('GRANTED');
    const request = fetch.mock.calls[0]![0];
    expect([request.method, new URL(request.url).pathname]).toEqual(['POST', '/api/v1/consent/c1/grant']);
    expect(await request.json()).toEqual({ hi_types: ['DiagnosticReport'], date_from_ms: 5 });
  });

  it('revokes and denies at their own addresses', async () => {
    const fetch = reply({ id: 'c1', status: 'REVOKED' });
    vi.stubGlobal('fetch', fetch);
    await api.revoke('c1');
    await api.deny('c2');
    expect(fetch.mock.calls.map(([r]) => new URL(r.url).pathname)).toEqual(['/api/v1/consent/c1/revoke', '/api/v1/consent/c2/deny']);
  });

  it('reads the access log in pages of 50, older ones by the last sequence number', async () => {
    const fetch = reply([]);
    vi.stubGlobal('fetch', fetch);
    await api.accessLog();
    await api.accessLog(7);
    expect(fetch.mock.calls.map(([r]) => new URL(r.url).search)).toEqual(['?limit=50', '?limit=50&before=7']);
  });

  it('reports a refused break of the glass with the field the server names', async () => {
    vi.stubGlobal('fetch', reply({ error: { code: 'validation_failed', message: 'say why in 10 to 500 characters', field: 'reason' } }, 422));
    await expect(api.breakGlass({ patient_phone: '+919876543210', reason: 'short' })).rejects.toMatchObject({ status: 422, field: 'reason' });
  });
});

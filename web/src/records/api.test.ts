// The record client sends an upload as the raw file with its own type, asks for the export as FHIR, and follows a document's link.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeClient } from '../api/client';
import { recordsApi } from './api';

const authed = <T>(call: (token: string) => Promise<T>) => call('tok');
const api = recordsApi(makeClient('http://mysehat.test'), authed, { baseUrl: 'http://mysehat.test', language: () => 'hi' });
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('records API client', () => {
  it('uploads the file itself as the body, typed by the file, with title and date in the query', async () => {
    const fetch = vi.fn(async (_r: Request) => json({ reference: 'DocumentReference/d1', sha256: 'ab', size: 3, content_type: 'image/png' }, 201));
    vi.stubGlobal('fetch', fetch);
    const file = new Blob([new Uint8Array([0x89, 0x50, 0x4e])], { type: 'image/png' });
    await expect(api.upload(file, 'X-ray, March', '2026-03-02')).resolves.toMatchObject({ reference: 'DocumentReference/d1' });
    const request = fetch.mock.calls[0]![0];
    expect(request.method).toBe('POST');
    const url = new URL(request.url);
    expect(url.pathname).toBe('/health-records/documents');
    expect(url.searchParams.get('title')).toBe('X-ray, March');
    expect(url.searchParams.get('date')).toBe('2026-03-02');
    expect(request.headers.get('Content-Type')).toBe('image/png');
    expect(request.headers.get('Authorization')).toBe('Bearer tok');
    expect([...new Uint8Array(await request.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e]);
  });

  it('turns a refused upload into the server’s coded error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ error: { code: 'unsupported_media_type', message: 'the file is not a application/pdf' } }, 415)));
    await expect(api.upload(new Blob(['x'], { type: 'application/pdf' }), 'Report', '2026-01-01')).rejects.toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('asks for a staff member’s view of a patient with ?patient=, and only the filters given', async () => {
    const fetch = vi.fn(async (_r: Request) => json({ items: [], total: 0 }));
    vi.stubGlobal('fetch', fetch);
    await api.timeline({ patient: 'p1', kind: 'DiagnosticReport', cursor: null });
    expect(new URL(fetch.mock.calls[0]![0].url).search).toBe('?patient=p1&kind=DiagnosticReport');
  });

  it('downloads the export as a file, and a document through its DocumentReference', async () => {
    const fetch = vi.fn(async (r: Request) => {
      const path = new URL(r.url).pathname;
      if (path === '/health-records/export') return new Response('{"resourceType":"Bundle"}', { headers: { 'content-type': 'application/fhir+json' } });
      if (path === '/fhir/DocumentReference/d1') return json({ content: [{ attachment: { url: '/health-records/documents/ab12' } }] });
      if (path === '/health-records/documents/ab12') return new Response(new Uint8Array([1, 2]), { headers: { 'content-type': 'image/png' } });
      return json({ error: { code: 'not_found', message: 'no' } }, 404);
    });
    vi.stubGlobal('fetch', fetch);
    expect(await (await api.exportAll()).text()).toBe('{"resourceType":"Bundle"}');
    expect(fetch.mock.calls[0]![0].headers.get('Accept')).toBe('application/fhir+json');
    expect(fetch.mock.calls[0]![0].headers.get('Accept-Language')).toBe('hi');
    const doc = await api.document('DocumentReference/d1');
    expect(doc.type).toBe('image/png');
    expect(fetch.mock.calls.map(([r]) => new URL(r.url).pathname)).toEqual(['/health-records/export', '/fhir/DocumentReference/d1', '/health-records/documents/ab12']);
  });
});

// The API client must turn every server refusal into a coded ApiError and a dead network into NetworkError plus "offline".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { online } from '../net/online';
import { authApi } from './auth';
import { makeClient } from './client';
import { ApiError, NetworkError, retryAfter } from './errors';

const api = authApi(makeClient('http://mysehat.test'));
const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.fn(async (_request: Request) => new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));

afterEach(() => {
  vi.unstubAllGlobals();
  online.value = true;
});

describe('auth API client', () => {
  it('returns the body of a 2xx answer and marks the app online', async () => {
    online.value = false;
    const tokens = { access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'Bearer' };
    const fetch = reply(200, tokens);
    vi.stubGlobal('fetch', fetch);
    await expect(api.login({ phone: '+919876543210', password: 'x' })).resolves.toEqual(tokens);
    const request = fetch.mock.calls[0]![0];
    expect(request.url).toBe('http://mysehat.test/auth/login');
    expect(await request.json()).toEqual({ phone: '+919876543210', password: 'x' });
    expect(online.value).toBe(true);
  });

  it('sends the access token as a Bearer header', async () => {
    const fetch = reply(200, { id: 'u1' });
    vi.stubGlobal('fetch', fetch);
    await api.me('tok');
    expect(fetch.mock.calls[0]![0].headers.get('Authorization')).toBe('Bearer tok');
  });

  it('asks for messages in the app language', async () => {
    const fetch = reply(200, { id: 'u1' });
    vi.stubGlobal('fetch', fetch);
    await authApi(makeClient('http://mysehat.test', () => 'hi')).me('tok');
    expect(fetch.mock.calls[0]![0].headers.get('Accept-Language')).toBe('hi');
  });

  it('turns an error body into an ApiError with code and field', async () => {
    vi.stubGlobal('fetch', reply(422, { error: { code: 'invalid_phone', message: 'bad phone', field: 'phone' } }));
    const e = await api.register({ name: 'A', phone: '1', password: 'xxxxxxxx', language: 'en' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 422, code: 'invalid_phone', field: 'phone', message: 'bad phone' });
  });

  it('reads Retry-After on 429', async () => {
    vi.stubGlobal('fetch', reply(429, { error: { code: 'too_many_attempts', message: 'wait' } }, { 'Retry-After': '42' }));
    await expect(api.login({ phone: '+919876543210', password: 'x' })).rejects.toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 42 });
  });

  it('survives a non-JSON error page from a proxy', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(api.me('t')).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('treats 204 from logout as success', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
    await expect(api.logout('r')).resolves.toBeUndefined();
  });

  it('marks the app offline when the network fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(api.me('t')).rejects.toBeInstanceOf(NetworkError);
    expect(online.value).toBe(false);
  });
});

describe('retryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfter('120')).toBe(120);
    expect(retryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
    expect(retryAfter(null)).toBeNull();
    expect(retryAfter('soon')).toBeNull();
  });
});

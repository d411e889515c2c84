// The SPA fallback must cover app routes but leave every server route (API, docs, health) to the network.
import { describe, expect, it } from 'vitest';
import { APP_PATHS_UNDER_SERVER, SERVER_PATHS } from './sw-routes';

describe('SERVER_PATHS', () => {
  it.each(['/auth/login', '/auth', '/fhir/Patient/1', '/sos', '/diagnostics', '/medicine-reminder', '/mental-health/x',
    '/health-records', '/api/v1/consent', '/sync', '/health', '/health?x=1', '/openapi.json', '/docs', '/docs/', '/ws'])(
    'leaves %s to the server',
    (p) => expect(SERVER_PATHS.test(p)).toBe(true),
  );

  it.each(['/', '/login', '/register', '/some/deep/link', '/healthy', '/authors', '/documents', '/sosa', '/id/q3V9m1xZl0b2Yc8J', '/medical-id',
    '/medical-id/card', '/consent', '/consent/request', '/records', '/records?patient=0190a1b2'])(
    'serves the app for %s',
    (p) => expect(SERVER_PATHS.test(p)).toBe(false),
  );
});

describe('APP_PATHS_UNDER_SERVER', () => {
  it.each(['/sos', '/sos/', '/sos/incidents/4f7c2a', '/sos/incidents/4f7c2a?x=1'])('opens the app for a navigation to %s', (p) =>
    expect(APP_PATHS_UNDER_SERVER.test(p)).toBe(true),
  );

  it.each(['/sos/incidents', '/sos/incidents/1/cancel', '/sos/ambulances', '/sos/ambulance/duty', '/sosa'])(
    'leaves %s to the server',
    (p) => expect(APP_PATHS_UNDER_SERVER.test(p)).toBe(false),
  );
});

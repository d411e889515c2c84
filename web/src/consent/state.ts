// The app's consent API, wired to the real session and server.
import { makeClient } from '../api/client';
import { session } from '../app-state';
import { lang } from '../i18n';
import { consentApi } from './api';

export const consents = consentApi(makeClient(location.origin, () => lang.value), session.authed);

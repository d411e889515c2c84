// The app's health record API, wired to the real session and server.
import { makeClient } from '../api/client';
import { session } from '../app-state';
import { lang } from '../i18n';
import { recordsApi } from './api';

export const records = recordsApi(makeClient(location.origin, () => lang.value), session.authed, { baseUrl: location.origin, language: () => lang.value });

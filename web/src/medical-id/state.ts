// The app's medical ID API and device cache, wired to the real session, database and server.
import { makeClient } from '../api/client';
import { db, session } from '../app-state';
import { lang } from '../i18n';
import { medicalIdApi } from './api';
import { MedicalIdCache } from './cache';

export const medicalIds = medicalIdApi(makeClient(location.origin, () => lang.value), session.authed);
export const medicalIdCache = new MedicalIdCache(db);

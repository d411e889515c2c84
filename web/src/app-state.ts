// The app's single session and API instances, wired to the real Dexie database and the serving origin.
import { defaultAuthApi } from './api/auth';
import { lang } from './i18n';
import { MySehatDb } from './session/db';
import { createSession } from './session/session';
import { SessionStore } from './session/store';

export const auth = defaultAuthApi(() => lang.value);
export const db = new MySehatDb();
export const session = createSession({ store: new SessionStore(db), api: auth });

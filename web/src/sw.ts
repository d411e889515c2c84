// The service worker: precaches the app shell so it opens offline, and answers app routes (deep links) with index.html.
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { APP_PATHS_UNDER_SERVER, SERVER_PATHS } from './sw-routes';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
const shell = createHandlerBoundToURL('index.html');
// Registered first: the SOS screens share the /sos prefix with the API (the API is only ever fetched, never navigated to).
registerRoute(new NavigationRoute(shell, { allowlist: [APP_PATHS_UNDER_SERVER] }));
registerRoute(new NavigationRoute(shell, { denylist: [SERVER_PATHS] }));

// A new shell takes over at once: the app keeps no state in memory that an update could lose (it is all in IndexedDB).
void self.skipWaiting();
clientsClaim();

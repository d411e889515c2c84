// Paths the server answers itself: a navigation to one of these must reach the network, never the app shell.
// Everything else is an app page, the public medical ID card (/id/TOKEN) included, so it opens offline too.
export const SERVER_PATHS =
  /^\/(?:auth|fhir|sos|diagnostics|medicine-reminder|mental-health|health-records|api|sync|health|openapi\.json|docs|ws)(?:[/?#]|$)/;

/** App screens that live under a server prefix: a navigation (a person opening the page) there is the app, never the API. */
export const APP_PATHS_UNDER_SERVER = /^\/sos(?:\/incidents\/[^/?#]+)?\/?(?:[?#]|$)/;

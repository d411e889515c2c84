// Paths the server answers itself: a navigation to one of these must reach the network, never the app shell.
export const SERVER_PATHS =
  /^\/(?:auth|fhir|sos|diagnostics|medicine-reminder|mental-health|health-records|api|sync|health|openapi\.json|docs|ws)(?:[/?#]|$)/;

// Live incident state: the /ws channel (reconnecting with backoff) and, while it is down, polling every 5 seconds.
// Other screens (consent) listen on the same channel for their own messages.
import { signal } from '@preact/signals';
import type { IncidentView, LiveMessage } from './types';

/** Keeps the newer of two views of one incident; an ambulance position is never replaced by an older one. */
export function newerView(prev: IncidentView | undefined, next: IncidentView): IncidentView {
  if (!prev) return next;
  if (prev.updated_at_ms > next.updated_at_ms) return prev;
  const before = prev.ambulance;
  const after = next.ambulance;
  if (before?.position && after && after.id === before.id && (after.position?.at_ms ?? -1) < before.position.at_ms) {
    return { ...next, ambulance: { ...after, position: before.position, distance_m: before.distance_m ?? null, eta_s: before.eta_s ?? null } };
  }
  return next;
}

/** Applies one `sos.position` message to the incident it is about (if known and still newer). */
export function withPosition(view: IncidentView, msg: Extract<LiveMessage, { type: 'sos.position' }>): IncidentView {
  const amb = view.ambulance;
  if (!amb || amb.id !== msg.ambulance_id) return view;
  if (amb.position && amb.position.at_ms > msg.position.at_ms) return view;
  return { ...view, ambulance: { ...amb, position: msg.position, distance_m: msg.distance_m, eta_s: msg.eta_s } };
}

export interface LiveDeps {
  /** A valid access token; rejects when nobody is signed in. */
  token: () => Promise<string>;
  url: (token: string) => string;
  get: (id: string) => Promise<IncidentView>;
  list: () => Promise<IncidentView[]>;
  /** Called for every incident view that arrives, however it came. */
  onIncident?: (view: IncidentView) => void;
  WebSocketImpl?: typeof WebSocket;
  pollMs?: number;
  /** Polling while the socket is up too, in case it died without a close. */
  slowPollMs?: number;
}

export function createLive(deps: LiveDeps) {
  const WS = deps.WebSocketImpl ?? globalThis.WebSocket;
  const pollMs = deps.pollMs ?? 5_000;
  const slowPollMs = deps.slowPollMs ?? 30_000;
  const incidents = signal<Record<string, IncidentView>>({});
  const connected = signal(false);
  /** Counts `sos.alert` messages: a dispatch desk beeps when it grows. */
  const alerts = signal(0);

  let users = 0;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  const watched = new Map<string, number>();
  let listUsers = 0;
  const listeners = new Set<(msg: LiveMessage) => void>();

  function merge(view: IncidentView): void {
    const prev = incidents.value[view.id];
    const next = newerView(prev, view);
    if (next === prev) return;
    incidents.value = { ...incidents.value, [view.id]: next };
    deps.onIncident?.(next);
  }

  function receive(data: unknown): void {
    let msg: LiveMessage;
    try {
      msg = JSON.parse(String(data)) as LiveMessage;
    } catch {
      return;
    }
    for (const listener of listeners) listener(msg);
    if (msg.type === 'sos.incident') merge(msg.incident);
    else if (msg.type === 'sos.alert') {
      merge(msg.incident);
      alerts.value++;
    } else if (msg.type === 'sos.position') {
      const view = incidents.value[msg.incident_id];
      if (!view) return;
      const next = withPosition(view, msg);
      if (next !== view) {
        incidents.value = { ...incidents.value, [view.id]: next };
        deps.onIncident?.(next);
      }
    }
  }

  async function poll(): Promise<void> {
    if (users === 0) return;
    const jobs: Promise<unknown>[] = [...watched.keys()].map((id) => deps.get(id).then(merge));
    if (listUsers > 0) jobs.push(deps.list().then((views) => views.forEach(merge)));
    await Promise.allSettled(jobs);
  }

  function schedulePoll(): void {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = users > 0 ? setInterval(() => void poll(), connected.value ? slowPollMs : pollMs) : null;
  }

  function scheduleReconnect(): void {
    if (users === 0 || reconnectTimer || socket) return;
    const delay = Math.min(30_000, 1_000 * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (users === 0 || socket || !WS) return;
    deps.token().then(
      (token) => {
        if (users === 0 || socket) return;
        const ws = new WS(deps.url(token));
        socket = ws;
        ws.onopen = () => {
          attempt = 0;
          connected.value = true;
          schedulePoll();
        };
        ws.onmessage = (e) => receive(e.data);
        ws.onerror = () => ws.close();
        ws.onclose = () => {
          if (socket !== ws) return;
          socket = null;
          connected.value = false;
          schedulePoll();
          scheduleReconnect();
        };
      },
      () => scheduleReconnect(),
    );
  }

  function disconnect(): void {
    if (reconnectTimer) clearTimeout(reconnectTimer);
    if (pollTimer) clearInterval(pollTimer);
    reconnectTimer = pollTimer = null;
    const ws = socket;
    socket = null;
    connected.value = false;
    ws?.close();
  }

  /** A screen's interest: keeps the channel open (and polls `incident`, or the list) until the returned function is called. */
  function retain(opts: { incident?: string; list?: boolean } = {}): () => void {
    users++;
    if (opts.incident) watched.set(opts.incident, (watched.get(opts.incident) ?? 0) + 1);
    if (opts.list) listUsers++;
    connect();
    schedulePoll();
    void poll();
    return () => {
      users--;
      if (opts.incident) {
        const n = (watched.get(opts.incident) ?? 1) - 1;
        if (n > 0) watched.set(opts.incident, n);
        else watched.delete(opts.incident);
      }
      if (opts.list) listUsers--;
      if (users === 0) disconnect();
    };
  }

  /** Hears every message on the channel (while some screen retains it) until the returned function is called. */
  function listen(listener: (msg: LiveMessage) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** The network is back: try at once instead of waiting out the backoff. */
  function nudge(): void {
    attempt = 0;
    if (reconnectTimer) {
      clearTimeout(reconnectTimer);
      reconnectTimer = null;
    }
    connect();
    void poll();
  }

  return { incidents, connected, alerts, merge, receive, retain, listen, nudge, poll };
}

export type Live = ReturnType<typeof createLive>;

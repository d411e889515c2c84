// One symptom check, online or offline: the server when it can be reached, else the engine on this phone (same
// knowledge base, same decisions; see parity.test.ts). Either way the safety floor is applied to the answer.
import { ApiError, NetworkError } from '../api/errors';
import { withSafetyFloor } from './safety';
import type { Input, Output } from './types';

/** How long to wait for the server before answering from the phone (a slow rural connection must not block care). */
export const SERVER_TIMEOUT_MS = 8_000;

export interface CheckDeps {
  /** Whether the app believes the server is reachable. */
  online: () => boolean;
  server: (input: Input, signal: AbortSignal) => Promise<Output>;
  /** The offline engine (loaded on demand; it throws an InputError for an invalid request). */
  offline: (input: Input) => Promise<Output>;
  timeoutMs?: number;
}

export interface CheckResult {
  output: Output;
  /** True when this phone's engine answered (shown as "offline check"). */
  offline: boolean;
}

/** The server could not answer (no network, timed out, or failed): the phone answers instead. */
function unreachable(e: unknown): boolean {
  if (e instanceof NetworkError) return true;
  if (e instanceof ApiError) return e.status >= 500;
  return e instanceof DOMException && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

export async function runCheck(input: Input, deps: CheckDeps): Promise<CheckResult> {
  const onPhone = async (): Promise<CheckResult> => ({ output: withSafetyFloor(await deps.offline(input)), offline: true });
  if (!deps.online()) return onPhone();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? SERVER_TIMEOUT_MS);
  try {
    return { output: withSafetyFloor(await deps.server(input, controller.signal)), offline: false };
  } catch (e) {
    if (unreachable(e)) return onPhone();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** The message id for a refused request, from the server (422, `field` names the problem) or the phone's engine. */
export function refusalMessage(e: unknown): string | null {
  if (e instanceof ApiError && e.code === 'validation_failed' && e.field) return `sym-error-${e.field}`;
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof Error && e.name === 'InputError' && typeof code === 'string') return `sym-error-${code.replace(/^triage_/, '')}`;
  return null;
}

// Failures a screen can show: an API refusal (with its stable code) or no network at all.

/** A non-2xx answer from the server, carrying its machine-readable code and, for 429, how long to wait. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Builds the error from a response and its (possibly unparseable) body. */
  static from(response: Response, body: unknown): ApiError {
    const e = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
    const code = typeof e?.code === 'string' ? e.code : `http_${response.status}`;
    const message = typeof e?.message === 'string' ? e.message : response.statusText;
    const field = typeof e?.field === 'string' ? e.field : null;
    return new ApiError(response.status, code, message, field, retryAfter(response.headers.get('Retry-After')));
  }
}

/** The request never reached the server (offline, DNS, connection refused). */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network unavailable', { cause });
    this.name = 'NetworkError';
  }
}

/** Retry-After as seconds; it may be a number of seconds or an HTTP date. */
export function retryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

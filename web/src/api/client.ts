// The typed HTTP client (openapi-fetch over our paths) and the fetch that tells the app when the network is gone.
import createClient from 'openapi-fetch';
import { markOffline, markOnline } from '../net/online';
import { ApiError, NetworkError } from './errors';
import type { paths } from './schema';

/** fetch, but a failure to reach the server marks the app offline and becomes a NetworkError. */
export async function trackedFetch(request: Request): Promise<Response> {
  try {
    const response = await globalThis.fetch(request);
    markOnline();
    return response;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    markOffline();
    throw new NetworkError(e);
  }
}

/** `language` feeds Accept-Language, so the server's fallback `message` comes in the person's language too. */
export function makeClient(baseUrl: string, language?: () => string) {
  const client = createClient<paths>({ baseUrl, fetch: trackedFetch });
  if (language) {
    client.use({
      onRequest({ request }) {
        request.headers.set('Accept-Language', language());
        return request;
      },
    });
  }
  return client;
}

export type Client = ReturnType<typeof makeClient>;

/** The data of a 2xx answer; an ApiError for anything else. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.from(response, error);
  return data as T;
}

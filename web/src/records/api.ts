// The /health-records endpoints (and the one FHIR read a document link needs) as plain async functions.
import { trackedFetch, unwrap, type Client } from '../api/client';
import { ApiError } from '../api/errors';
import type { Authed } from '../sos/api';
import type { HiType } from '../consent/types';
import type { Metric, TimelinePage, Trend, Uploaded } from './types';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface TimelineQuery {
  /** Staff only: whose record. */
  patient?: string | null;
  kind?: HiType | null;
  cursor?: string | null;
}

/** `baseUrl` and `language` serve the calls outside the typed paths, as `client` was made with them. */
export function recordsApi(client: Client, authed: Authed, { baseUrl, language }: { baseUrl: string; language: () => string }) {
  /** A GET outside the typed paths (FHIR, file downloads), with the same errors as the typed client. */
  const fetchAuthed = (url: string, accept: string): Promise<Response> =>
    authed(async (t) => {
      const r = await trackedFetch(new Request(new URL(url, baseUrl), { headers: { ...bearer(t), Accept: accept, 'Accept-Language': language() } }));
      if (!r.ok) throw ApiError.from(r, await r.json().catch(() => null));
      return r;
    });

  return {
    timeline: (q: TimelineQuery): Promise<TimelinePage> =>
      authed((t) => {
        const query: { patient?: string; kind?: HiType; cursor?: string } = {};
        if (q.patient) query.patient = q.patient;
        if (q.kind) query.kind = q.kind;
        if (q.cursor) query.cursor = q.cursor;
        return unwrap(client.GET('/health-records/timeline', { params: { query }, headers: bearer(t) }));
      }),
    trends: (metric: Metric, patient?: string | null): Promise<Trend> =>
      authed((t) =>
        unwrap(client.GET('/health-records/trends', { params: { query: patient ? { metric, patient } : { metric } }, headers: bearer(t) })),
      ),
    /** Sends the file itself as the body, typed by its Content-Type. */
    upload: (file: Blob, title: string, date: string): Promise<Uploaded> =>
      authed((t) =>
        unwrap(
          client.POST('/health-records/documents', {
            params: { query: { title, date } },
            // The schema calls the body a byte array; it is the raw file.
            body: file as unknown as number[],
            bodySerializer: (b) => b as unknown as Blob,
            headers: { ...bearer(t), 'Content-Type': file.type },
          }),
        ),
      ),
    /** Every record of the patient as one FHIR Bundle, as a file. */
    exportAll: (): Promise<Blob> => fetchAuthed('/health-records/export', 'application/fhir+json').then((r) => r.blob()),
    /** The file behind a DocumentReference of the timeline. */
    document: async (reference: string): Promise<Blob> => {
      const doc = (await (await fetchAuthed(`/fhir/${reference}`, 'application/fhir+json')).json()) as {
        content?: { attachment?: { url?: string } }[];
      };
      const url = doc.content?.[0]?.attachment?.url;
      if (!url?.startsWith('/')) throw new ApiError(404, 'not_found', 'no file');
      return (await fetchAuthed(url, '*/*')).blob();
    },
  };
}

export type RecordsApi = ReturnType<typeof recordsApi>;

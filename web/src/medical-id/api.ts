// The /sos/medical-id endpoints as plain async functions: the only code that knows their paths.
import { unwrap, type Client } from '../api/client';
import type { Authed } from '../sos/api';
import type { CardLink, MedicalId, PublicCard } from './types';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function medicalIdApi(client: Client, authed: Authed) {
  return {
    get: (): Promise<MedicalId> => authed((t) => unwrap(client.GET('/sos/medical-id', { headers: bearer(t) }))),
    put: (body: MedicalId): Promise<MedicalId> => authed((t) => unwrap(client.PUT('/sos/medical-id', { body, headers: bearer(t) }))),
    /** A new public link; every older one stops working. */
    newLink: (): Promise<CardLink> => authed((t) => unwrap(client.POST('/sos/medical-id/link', { headers: bearer(t) }))),
    /** Every public link of this account stops working. */
    revokeLinks: async (): Promise<void> => {
      await authed((t) => unwrap(client.DELETE('/sos/medical-id/link', { headers: bearer(t) })));
    },
    /** The card behind a QR code, for anyone (no account). */
    open: (token: string): Promise<PublicCard> =>
      unwrap(client.GET('/sos/medical-id/public/{token}', { params: { path: { token } } })),
  };
}

export type MedicalIdApi = ReturnType<typeof medicalIdApi>;

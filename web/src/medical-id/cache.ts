// The device's copy of each account's medical ID and of its card link, so the ID reads and the card prints without a network.
import type { MySehatDb } from '../session/db';
import type { MedicalId } from './types';

export interface SavedMedicalId {
  ownerId: string;
  medicalId: MedicalId;
  /** When the server last confirmed it (epoch ms). */
  savedAtMs: number;
  /** The token of the newest card link made on this device; the server cannot show it again. */
  cardToken: string | null;
}

export class MedicalIdCache {
  constructor(private readonly db: MySehatDb) {}

  get(ownerId: string): Promise<SavedMedicalId | undefined> {
    return this.db.medicalIds.get(ownerId);
  }

  /** Keeps the server's latest answer, and the card token already saved. */
  save(ownerId: string, medicalId: MedicalId, now = Date.now()): Promise<SavedMedicalId> {
    return this.db.transaction('rw', this.db.medicalIds, async () => {
      const before = await this.db.medicalIds.get(ownerId);
      const next: SavedMedicalId = { ownerId, medicalId, savedAtMs: now, cardToken: before?.cardToken ?? null };
      await this.db.medicalIds.put(next);
      return next;
    });
  }

  /** Remembers (or, with null, forgets) the card link's token. */
  saveCardToken(ownerId: string, cardToken: string | null): Promise<void> {
    return this.db.transaction('rw', this.db.medicalIds, async () => {
      const before = await this.db.medicalIds.get(ownerId);
      await this.db.medicalIds.put({ ownerId, medicalId: before?.medicalId ?? {}, savedAtMs: before?.savedAtMs ?? 0, cardToken });
    });
  }

  /** On log out: a shared phone must not keep anyone's health details. */
  clear(): Promise<void> {
    return this.db.medicalIds.clear();
  }
}

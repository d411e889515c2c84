// The device's copy of the medical ID: the newest answer wins, the card token survives updates, each account has its own, log out wipes all.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MySehatDb } from '../session/db';
import { MedicalIdCache } from './cache';

let n = 0;
const newCache = () => new MedicalIdCache(new MySehatDb(`medical-id-test-${++n}`));

describe('MedicalIdCache', () => {
  it('keeps the latest medical ID per account, with when it was saved', async () => {
    const cache = newCache();
    await cache.save('u1', { blood_group: 'B+' }, 1_000);
    await cache.save('u1', { blood_group: 'O-' }, 2_000);
    await cache.save('u2', { allergies: ['Penicillin'] }, 3_000);
    expect(await cache.get('u1')).toEqual({ ownerId: 'u1', medicalId: { blood_group: 'O-' }, savedAtMs: 2_000, cardToken: null });
    expect((await cache.get('u2'))?.medicalId).toEqual({ allergies: ['Penicillin'] });
    expect(await cache.get('u3')).toBeUndefined();
  });

  it('keeps the card token when the ID changes, and forgets it on request', async () => {
    const cache = newCache();
    await cache.saveCardToken('u1', 'tok-1');
    await cache.save('u1', { blood_group: 'A+' }, 5_000);
    expect(await cache.get('u1')).toMatchObject({ cardToken: 'tok-1', medicalId: { blood_group: 'A+' } });
    await cache.saveCardToken('u1', null);
    expect(await cache.get('u1')).toMatchObject({ cardToken: null, medicalId: { blood_group: 'A+' } });
  });

  it('forgets everyone on log out', async () => {
    const cache = newCache();
    await cache.save('u1', { blood_group: 'B+' });
    await cache.saveCardToken('u2', 'tok');
    await cache.clear();
    expect(await cache.get('u1')).toBeUndefined();
    expect(await cache.get('u2')).toBeUndefined();
  });

  it('opens a database made by the previous version (session, outbox, kv) and adds the table', async () => {
    const { default: Dexie } = await import('dexie');
    const name = `medical-id-upgrade-${++n}`;
    const old = new Dexie(name);
    old.version(2).stores({ session: 'key', sosOutbox: 'id, ownerId, createdAtMs', kv: 'key' });
    await old.table('kv').put({ key: 'device-id', value: 'd-1' });
    old.close();
    const db = new MySehatDb(name);
    expect((await db.kv.get('device-id'))?.value).toBe('d-1');
    await new MedicalIdCache(db).save('u1', { blood_group: 'AB-' });
    expect((await db.medicalIds.get('u1'))?.medicalId.blood_group).toBe('AB-');
  });
});

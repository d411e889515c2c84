// UUIDv7 for mutations and new records: time-ordered, so the server's indexes stay compact and a record's id says roughly when
// the device made it. The device clock only orders ids, never changes: the server orders everything by its own sequence.

/** A UUIDv7 string: 48 bits of Unix milliseconds, version 7, variant 10, then 74 random bits. */
export function uuidv7(now = Date.now(), random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  const ms = Math.max(0, Math.floor(now));
  // 48-bit big-endian timestamp; split because bit operators work on 32 bits.
  const high = Math.floor(ms / 2 ** 32);
  const low = ms >>> 0;
  b[0] = (high >>> 8) & 0xff;
  b[1] = high & 0xff;
  b[2] = (low >>> 24) & 0xff;
  b[3] = (low >>> 16) & 0xff;
  b[4] = (low >>> 8) & 0xff;
  b[5] = low & 0xff;
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

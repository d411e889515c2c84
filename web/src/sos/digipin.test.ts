// DIGIPIN against India Post's published examples (the same file the server's tests read) and the grid-line rules of §3.4.
import { describe, expect, it } from 'vitest';
import { encodeDigipin } from './digipin';
import vectors from './digipin-vectors.json';

describe('encodeDigipin', () => {
  it.each(vectors)('($lat, $lon) is $code — $source', ({ lat, lon, code }) => {
    expect(encodeDigipin(lat, lon)).toBe(code);
  });

  it('labels the level-1 cells with the northernmost row first (F C 9 8 at the top)', () => {
    expect(encodeDigipin(38, 64)?.[0]).toBe('F'); // north-west
    expect(encodeDigipin(38, 99)?.[0]).toBe('8'); // north-east
    expect(encodeDigipin(3, 64)?.[0]).toBe('L'); // south-west
    expect(encodeDigipin(3, 99)?.[0]).toBe('T'); // south-east
  });

  it('puts a point on an inner grid line in the cell to its north and east', () => {
    // 11.5° N and 72.5° E are the first level-1 lines: "L" lies south-west of their crossing, "M" south-east, "K" north-west, "4" north-east.
    expect(encodeDigipin(11.5, 72.5)?.[0]).toBe('4');
    expect(encodeDigipin(11.5 - 1e-9, 72.5 - 1e-9)?.[0]).toBe('L');
    expect(encodeDigipin(11.5 - 1e-9, 72.5)?.[0]).toBe('M');
    expect(encodeDigipin(11.5, 72.5 - 1e-9)?.[0]).toBe('K');
  });

  it('keeps the east and north edges of the box inside it', () => {
    expect(encodeDigipin(38.5, 80)?.[0]).toMatch(/[FC98]/);
    expect(encodeDigipin(20, 99.5)?.[0]).toMatch(/[8726T]/);
  });

  it('is null outside the box and for non-numbers', () => {
    expect(encodeDigipin(2.49, 77)).toBeNull();
    expect(encodeDigipin(20, 99.51)).toBeNull();
    expect(encodeDigipin(Number.NaN, 77)).toBeNull();
  });

  it('formats ten symbols as XXX-XXX-XXXX from the sixteen allowed', () => {
    expect(encodeDigipin(23.2599, 77.4126)).toMatch(/^[2-9CFJKLMPT]{3}-[2-9CFJKLMPT]{3}-[2-9CFJKLMPT]{4}$/);
  });
});

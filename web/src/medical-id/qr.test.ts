// The card's QR path must redraw uqr's grid exactly (every dark module, nothing else), with the quiet zone scanners need.
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrDrawing } from './qr';

/** Paints the path's unit rows back into a grid. */
function paint(size: number, d: string): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = x; i < x + w; i++) grid[y]![i] = true;
  }
  return grid;
}

describe('qrDrawing', () => {
  const url = 'https://mysehat.example.in/id/q3V9m1xZl0b2Yc8Jw4Ek7Tn6Ha5Rs2Pu1Lo0Ii9Gf8D';

  it('draws exactly the dark modules of the encoded URL', () => {
    const { size, d } = qrDrawing(url);
    const { data } = encode(url, { ecc: 'M', border: 4 });
    expect(size).toBe(data.length);
    expect(paint(size, d)).toEqual(data);
  });

  it('keeps a 4-module quiet zone and the finder pattern in the corner', () => {
    const { size, d } = qrDrawing(url);
    const grid = paint(size, d);
    expect(grid.slice(0, 4).flat().some(Boolean)).toBe(false);
    expect(grid.map((row) => row.slice(0, 4)).flat().some(Boolean)).toBe(false);
    expect(grid[4]!.slice(4, 11)).toEqual(Array(7).fill(true)); // the top-left finder's top edge
  });

  it('stays small enough to scan from a credit-card print', () => {
    expect(qrDrawing(url).size).toBeLessThanOrEqual(45); // version 5 or less
  });
});

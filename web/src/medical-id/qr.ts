// A QR code as one SVG path, drawn from uqr's module grid (no network, no canvas): small enough for the card's own chunk.
import { encode } from 'uqr';

export interface QrDrawing {
  /** Modules per side, quiet zone included. */
  size: number;
  /** One path of unit squares for the dark modules, in module coordinates. */
  d: string;
}

/** ECC "M" survives a scuffed paper card; a 4-module quiet zone is what scanners expect. */
export function qrDrawing(text: string): QrDrawing {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      d += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  });
  return { size, d };
}

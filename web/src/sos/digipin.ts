// DIGIPIN (India Post's 10-symbol location code, about 4 m cells), written from the Department of Posts' technical document (March 2025).
// The box 2.5–38.5° N, 63.5–99.5° E is split 4×4 ten times; the labels spiral anticlockwise, the first row below being the northernmost.

const GRID = ['FC98', 'J327', 'K456', 'LMPT'] as const;
export const BOUNDS = { minLat: 2.5, maxLat: 38.5, minLon: 63.5, maxLon: 99.5 } as const;
const LEVELS = 10;

/**
 * The DIGIPIN of a point as `XXX-XXX-XXXX`, or null outside the box.
 * Grid lines (§3.4): a point on a line belongs to the cell east of / north of it, except on the box's own east and north edges.
 */
export function encodeDigipin(lat: number, lon: number): string | null {
  if (!(lat >= BOUNDS.minLat && lat <= BOUNDS.maxLat && lon >= BOUNDS.minLon && lon <= BOUNDS.maxLon)) return null;
  let { minLat, maxLat, minLon, maxLon } = BOUNDS as { minLat: number; maxLat: number; minLon: number; maxLon: number };
  let code = '';
  for (let level = 0; level < LEVELS; level++) {
    const latStep = (maxLat - minLat) / 4;
    const lonStep = (maxLon - minLon) / 4;
    // Rows counted from the south so a point on a horizontal line goes north; clamped so the top and right edges stay inside.
    const fromSouth = clamp(Math.floor((lat - minLat) / latStep));
    const col = clamp(Math.floor((lon - minLon) / lonStep));
    code += GRID[3 - fromSouth]![col]!;
    minLat += fromSouth * latStep;
    maxLat = minLat + latStep;
    minLon += col * lonStep;
    maxLon = minLon + lonStep;
    if (code.length === 3 || code.length === 7) code += '-';
  }
  return code;
}

const clamp = (i: number) => Math.min(3, Math.max(0, i));

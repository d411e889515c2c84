// The trend chart must place values inside the plot, oldest left, with the normal range behind them.
import { describe, expect, it } from 'vitest';
import { BOX, layout } from './chart';

const plot = { top: BOX.top, bottom: BOX.height - BOX.bottom, left: BOX.left, right: BOX.width - BOX.right };

describe('trend layout', () => {
  it('draws nothing without points', () => {
    expect(layout({ points: [], series: ['value'], reference_low: 70, reference_high: 100 })).toBeNull();
  });

  it('puts the oldest point left, the newest right, higher values higher, all inside the plot', () => {
    const chart = layout({
      points: [
        { date_ms: 1_000, values: [90], reference: 'Observation/a' },
        { date_ms: 2_000, values: [140], reference: 'Observation/b' },
      ],
      series: ['value'],
      reference_low: 70,
      reference_high: 100,
    })!;
    const [a, b] = chart.lines[0]!.dots;
    expect(a!.x).toBe(plot.left);
    expect(b!.x).toBe(plot.right);
    expect(b!.y).toBeLessThan(a!.y);
    for (const dot of chart.lines[0]!.dots) expect(dot.y).toBeGreaterThanOrEqual(plot.top);
    expect(chart.lines[0]!.d).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
    // 70–100 lies below the 140 reading and above the plot's bottom.
    expect(chart.band!.y).toBeGreaterThan(b!.y);
    expect(chart.band!.y + chart.band!.height).toBeLessThanOrEqual(plot.bottom);
    expect(chart.dates.map((d) => d.dateMs)).toEqual([1_000, 2_000]);
  });

  it('draws two lines for blood pressure and runs an open-ended range to the bottom edge', () => {
    const chart = layout({
      points: [{ date_ms: 5, values: [130, 85], reference: 'Observation/bp' }],
      series: ['systolic', 'diastolic'],
      reference_low: null,
      reference_high: 120,
    })!;
    expect(chart.lines.map((l) => l.name)).toEqual(['systolic', 'diastolic']);
    expect(chart.lines[0]!.dots[0]!.x).toBe((plot.left + plot.right) / 2); // one point sits in the middle
    expect(chart.lines[0]!.dots[0]!.y).toBeLessThan(chart.lines[1]!.dots[0]!.y);
    expect(chart.band!.y + chart.band!.height).toBeCloseTo(plot.bottom, 0);
  });
});

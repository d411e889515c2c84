// A trend as drawing instructions for a small inline SVG: one line per series, the reference band behind them, a few labels.
import type { Trend } from './types';

export interface Box {
  width: number;
  height: number;
  /** Room left of the plot for the value labels, and below it for the dates. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export const BOX: Box = { width: 320, height: 160, left: 36, bottom: 20, top: 8, right: 10 };

export interface Dot {
  x: number;
  y: number;
  value: number;
  dateMs: number;
}

export interface Chart {
  lines: { name: string; d: string; dots: Dot[] }[];
  /** The normal range as a rectangle; open-ended ranges run to the edge of the plot. */
  band: { y: number; height: number } | null;
  ticks: { y: number; value: number }[];
  /** The first and last dates, at their x. */
  dates: { x: number; dateMs: number }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Lays out `trend` in `box`; null when there is nothing to draw. */
export function layout(trend: Pick<Trend, 'points' | 'series' | 'reference_low' | 'reference_high'>, box: Box = BOX): Chart | null {
  const points = trend.points.filter((p) => p.values.length > 0);
  if (points.length === 0) return null;
  const values = points.flatMap((p) => p.values);
  const edges = [trend.reference_low, trend.reference_high].filter((v): v is number => typeof v === 'number');
  let lo = Math.min(...values, ...edges);
  let hi = Math.max(...values, ...edges);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.1;
  lo -= pad;
  hi += pad;
  const t0 = points[0]!.date_ms;
  const t1 = points[points.length - 1]!.date_ms;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (ms: number) => round(t1 === t0 ? box.left + plotW / 2 : box.left + ((ms - t0) / (t1 - t0)) * plotW);
  const y = (v: number) => round(box.top + ((hi - v) / (hi - lo)) * plotH);

  const lines = trend.series.map((name, i) => {
    const dots = points.filter((p) => typeof p.values[i] === 'number').map((p) => ({ x: x(p.date_ms), y: y(p.values[i]!), value: p.values[i]!, dateMs: p.date_ms }));
    return { name, d: dots.map((dot, n) => `${n === 0 ? 'M' : 'L'}${dot.x} ${dot.y}`).join(''), dots };
  });

  let band: Chart['band'] = null;
  if (edges.length > 0) {
    const top = y(trend.reference_high ?? hi);
    const bottom = y(trend.reference_low ?? lo);
    band = { y: top, height: round(bottom - top) };
  }
  const ticks = [hi - pad, lo + pad].map((v) => ({ y: y(v), value: round(v) }));
  const dates = t1 === t0 ? [{ x: x(t0), dateMs: t0 }] : [{ x: x(t0), dateMs: t0 }, { x: x(t1), dateMs: t1 }];
  return { lines, band, ticks, dates };
}

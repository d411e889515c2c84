// One health measure over time as a small SVG line chart, with the usual (reference) range shaded behind it.
import { dateText } from '../../dates';
import { locale, t } from '../../i18n';
import { BOX, layout } from '../../records/chart';
import type { Trend } from '../../records/types';

const UNITS: Record<string, string> = { 'mm[Hg]': 'mmHg', 'kg/m2': 'kg/m²' };
export const unitText = (unit: string): string => UNITS[unit] ?? unit;

const number = (v: number) => v.toLocaleString(locale(), { maximumFractionDigits: 1 });

export function TrendChart({ trend }: { trend: Trend }) {
  const chart = layout(trend);
  const metric = t(`trend-metric-${trend.metric}`);
  if (!chart) return <p class="muted">{t('trend-none', { metric })}</p>;
  const unit = unitText(trend.unit);
  const last = trend.points[trend.points.length - 1]!;
  const latest = last.values.map(number).join('/');
  const loc = locale();
  const low = trend.reference_low;
  const high = trend.reference_high;
  const range =
    low != null && high != null
      ? t('trend-range', { low: number(low), high: number(high), unit })
      : high != null
        ? t('trend-range-below', { high: number(high), unit })
        : low != null
          ? t('trend-range-above', { low: number(low), unit })
          : null;
  return (
    <figure class="trend">
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-label={t('trend-summary', { metric, count: trend.points.length, latest, unit, date: dateText(last.date_ms, loc) })}
      >
        {chart.band && <rect class="trend-band" x={BOX.left} y={chart.band.y} width={BOX.width - BOX.left - BOX.right} height={chart.band.height} />}
        {chart.ticks.map((tick) => (
          <text key={tick.y} class="trend-tick" x={BOX.left - 4} y={tick.y + 4} text-anchor="end">
            {number(tick.value)}
          </text>
        ))}
        {chart.lines.map((line, i) => (
          <g key={line.name} class={`trend-series s${i}`}>
            <path d={line.d} fill="none" />
            {line.dots.map((dot) => (
              <circle key={dot.dateMs} cx={dot.x} cy={dot.y} r={3.5} />
            ))}
          </g>
        ))}
        {chart.dates.map((d, i) => (
          <text key={d.dateMs} class="trend-tick" x={d.x} y={BOX.height - 4} text-anchor={chart.dates.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}>
            {dateText(d.dateMs, loc)}
          </text>
        ))}
      </svg>
      <figcaption>
        <strong>{t('trend-latest', { value: latest, unit, date: dateText(last.date_ms, loc) })}</strong>
        {trend.series.length > 1 && (
          <span class="trend-legend">
            {trend.series.map((s, i) => (
              <span key={s} class={`legend s${i}`}>
                {t(`trend-series-${s}`)}
              </span>
            ))}
          </span>
        )}
        {range && <span class="muted"> {range}</span>}
      </figcaption>
    </figure>
  );
}

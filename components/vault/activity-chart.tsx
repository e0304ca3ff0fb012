import type { Translate } from '../../lib/i18n/translate';
import type { MessageKey } from '../../lib/i18n/catalogs/en';
import type { SignalBucket } from '../../lib/contract/security-signals';
import { SIGNAL_SERIES, type SignalSeries } from '../../lib/contract/signal-series';

// The activity signals as stacked bars, drawn by hand in SVG (a chart library would cost more than
// the rest of the dashboard). The figure has a text summary for screen readers, each bar a title
// with its counts, and the same numbers as a table below it.

const WIDTH = 720;
const HEIGHT = 180;
const AXIS = 28;

/** The series' names, by series. */
export const SERIES_NAMES: Record<SignalSeries, MessageKey> = {
  views: 'vault.security.series.views',
  copies: 'vault.security.series.copies',
  fills: 'vault.security.series.fills',
  totpCopies: 'vault.security.series.totpCopies',
  failedLogins: 'vault.security.series.failedLogins',
  tokenReuse: 'vault.security.series.tokenReuse',
};

const total = (bucket: SignalBucket) => SIGNAL_SERIES.reduce((sum, series) => sum + bucket[series], 0);

interface ChartProps {
  buckets: SignalBucket[];
  /** A bucket's start as the page's language writes it. */
  label: (start: number) => string;
  t: Translate;
}

function Bar({ bucket, index, width, scale, label }: { bucket: SignalBucket; index: number; width: number; scale: number; label: string }) {
  let top = HEIGHT - AXIS;
  return (
    <g data-testid="activity-bar">
      <title>{label}</title>
      {SIGNAL_SERIES.map((series) => {
        const height = bucket[series] * scale;
        if (height === 0) return null;
        top -= height;
        return <rect key={series} class={`series-${series}`} x={index * width + 1} y={top} width={Math.max(width - 2, 1)} height={height} />;
      })}
    </g>
  );
}

/** Stacked bars of every series per bucket, a legend, and the table of the same counts. */
export function ActivityChart({ buckets, label, t }: ChartProps) {
  const highest = Math.max(1, ...buckets.map(total));
  const width = WIDTH / Math.max(buckets.length, 1);
  const scale = (HEIGHT - AXIS - 8) / highest;
  const sum = buckets.reduce((all, bucket) => all + total(bucket), 0);
  const barLabel = (bucket: SignalBucket) => `${label(bucket.start)}: ${SIGNAL_SERIES.map((series) => `${t(SERIES_NAMES[series])} ${bucket[series]}`).join(', ')}`;
  return (
    <figure class="activity-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('vault.security.activity.chart', { total: sum, highest })} data-testid="activity-chart">
        <line class="axis" x1={0} y1={HEIGHT - AXIS} x2={WIDTH} y2={HEIGHT - AXIS} />
        <text class="axis-label" x={2} y={10}>
          {highest}
        </text>
        {buckets.map((bucket, index) => (
          <Bar key={bucket.start} bucket={bucket} index={index} width={width} scale={scale} label={barLabel(bucket)} />
        ))}
        {buckets.length > 0 && (
          <>
            <text class="axis-label" x={2} y={HEIGHT - 8}>
              {label(buckets[0]!.start)}
            </text>
            <text class="axis-label" x={WIDTH - 2} y={HEIGHT - 8} text-anchor="end">
              {label(buckets.at(-1)!.start)}
            </text>
          </>
        )}
      </svg>
      <figcaption>
        <ul class="legend">
          {SIGNAL_SERIES.map((series) => (
            <li key={series}>
              <span class={`swatch series-${series}`} aria-hidden="true" /> {t(SERIES_NAMES[series])}
            </li>
          ))}
        </ul>
      </figcaption>
      <details>
        <summary>{t('vault.security.activity.table')}</summary>
        <table data-testid="activity-table">
          <thead>
            <tr>
              <th scope="col">{t('vault.security.activity.when')}</th>
              {SIGNAL_SERIES.map((series) => (
                <th key={series} scope="col">
                  {t(SERIES_NAMES[series])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((bucket) => (
              <tr key={bucket.start}>
                <th scope="row">{label(bucket.start)}</th>
                {SIGNAL_SERIES.map((series) => (
                  <td key={series}>{bucket[series]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

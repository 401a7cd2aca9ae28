import { useId } from 'react';

export interface Bar {
  readonly label: string;
  /** A count, "<5" where a small number is suppressed, or null where there is nothing to show. */
  readonly value: number | '<5' | null;
}

const rowHeight = 30;
const labelWidth = 240;
const barSpace = 190;
const valueWidth = 50;

/** How a value reads in words: a suppressed count says what it stands for. */
export function valueWords(value: number | '<5' | null): string {
  if (value === null) return 'None';
  if (value === '<5') return 'Fewer than 5';
  return value.toLocaleString('en-GB');
}

/**
 * Horizontal bars drawn as SVG (attributes only: the page's Content-Security-Policy admits no inline style),
 * with the same figures as a table below for screen readers and anyone who would rather read them.
 */
export function BarChart({ title, bars, note }: { title: string; bars: readonly Bar[]; note?: string }) {
  const captionId = useId();
  const largest = Math.max(1, ...bars.map((bar) => (typeof bar.value === 'number' ? bar.value : 0)));
  const height = bars.length * rowHeight + 8;
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox={`0 0 ${labelWidth + barSpace + valueWidth} ${height}`}
        preserveAspectRatio="xMinYMin meet"
        className="chart-bars"
      >
        {bars.map((bar, index) => {
          const y = index * rowHeight + 4;
          const width = typeof bar.value === 'number' ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / largest) * barSpace) : 0;
          return (
            <g key={bar.label}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#1b1f24">
                {bar.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={barSpace} height={rowHeight - 10} fill="#f3f5f8" />
              {bar.value === '<5' ? (
                <rect x={labelWidth} y={y + 3} width={12} height={rowHeight - 10} fill="#4a5260" />
              ) : (
                <rect x={labelWidth} y={y + 3} width={width} height={rowHeight - 10} fill="#1d4ed8" />
              )}
              <text x={labelWidth + barSpace + 8} y={y + 17} fontSize="13" fill="#1b1f24">
                {bar.value === '<5' ? '<5' : valueWords(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="chart-table">
        <caption className="visually-hidden">{title}, as a table</caption>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{valueWords(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <p className="muted">{note}</p>}
    </figure>
  );
}

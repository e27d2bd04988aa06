/**
 * Inline SVG charts: grouped bars with a value axis, and one stacked bar of
 * shares. No chart library: a supervisor's screen and printer get plain SVG.
 */

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** 1, 2, 5 × 10^n steps so the axis reads as round numbers. */
export function niceStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  const step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
  return Math.max(1, Math.round(step));
}

export function BarChart(props: {
  title: string;
  labels: string[];
  series: Series[];
  format: (n: number) => string;
  height?: number;
  testId?: string;
}) {
  const width = 900;
  const height = props.height ?? 300;
  const pad = { left: 72, right: 16, top: 24, bottom: 48 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(0, ...props.series.flatMap((s) => s.values));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const n = Math.max(1, props.labels.length);
  const slot = plotW / n;
  const barW = Math.max(2, Math.min(36, (slot * 0.8) / props.series.length));
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;
  const every = Math.ceil(n / 12);
  const showValues = n * props.series.length <= 24;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return (
    <figure class="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title} preserveAspectRatio="xMidYMid meet">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} class="grid" />
            <text x={pad.left - 8} y={y(v) + 5} text-anchor="end" class="axis">
              {props.format(v)}
            </text>
          </g>
        ))}
        {props.labels.map((label, i) => {
          const x0 = pad.left + i * slot + (slot - barW * props.series.length) / 2;
          return (
            <g key={label}>
              {props.series.map((s, k) => {
                const v = s.values[i] ?? 0;
                return (
                  <g key={s.name}>
                    <rect
                      x={x0 + k * barW}
                      y={y(v)}
                      width={barW - 1}
                      height={Math.max(0, pad.top + plotH - y(v))}
                      fill={s.color}
                      class="bar"
                    >
                      <title>{`${label} — ${s.name}: ${props.format(v)}`}</title>
                    </rect>
                    {showValues && v > 0 && (
                      <text x={x0 + k * barW + barW / 2} y={y(v) - 5} text-anchor="middle" class="value">
                        {props.format(v)}
                      </text>
                    )}
                  </g>
                );
              })}
              {i % every === 0 && (
                <text x={pad.left + i * slot + slot / 2} y={height - pad.bottom + 30} text-anchor="middle" class="axis">
                  {label}
                </text>
              )}
            </g>
          );
        })}
        <line x1={pad.left} x2={width - pad.right} y1={pad.top + plotH} y2={pad.top + plotH} class="baseline" />
      </svg>
      {props.series.length > 1 && (
        <div class="legend">
          {props.series.map((s) => (
            <span key={s.name}>
              <i style={{ background: s.color }} /> {s.name}
            </span>
          ))}
        </div>
      )}
    </figure>
  );
}

/** One horizontal bar split into shares (percentages adding to 100), labelled. */
export function ShareBar(props: {
  title: string;
  parts: Array<{ name: string; value: number; color: string; label: string }>;
  testId?: string;
}) {
  const width = 900;
  let x = 0;
  return (
    <figure class="chart share" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${width} 56`} role="img" aria-label={props.title} preserveAspectRatio="none">
        {props.parts.map((p) => {
          const w = (p.value / 100) * width;
          const at = x;
          x += w;
          return (
            <g key={p.name}>
              <rect x={at} y={0} width={w} height={56} fill={p.color} class="bar">
                <title>{`${p.name}: ${p.label}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <div class="legend">
        {props.parts.map((p) => (
          <span key={p.name}>
            <i style={{ background: p.color }} /> {p.name}: <strong>{p.label}</strong>
          </span>
        ))}
      </div>
    </figure>
  );
}

import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { NEGATIVE, NEUTRAL, POSITIVE } from './colors';

interface Step {
  label: string;
  points: number;
}

/**
 * From the baseline, each reason's points as a step, to the score. The steps sum exactly to score − baseline
 * (the API guarantees it); the chart draws what it is given and adds nothing.
 */
export function Waterfall({
  baseline,
  steps,
  value,
}: {
  baseline: number;
  steps: readonly Step[];
  value: number;
}) {
  const rowHeight = 26;
  const rows = [{ label: 'Baseline', points: baseline }, ...steps, { label: 'Score', points: value }];
  const height = rows.length * rowHeight + 20;
  const width = 520;
  const margin = { left: 8, right: 44 };
  let running = baseline;
  const bars = rows.map((row, index) => {
    if (index === 0 || index === rows.length - 1) return { ...row, from: 0, to: row.points, total: true };
    const from = running;
    running += row.points;
    return { ...row, from, to: running, total: false };
  });
  const ends = bars.flatMap((b) => (b.total ? [b.to] : [b.from, b.to]));
  const low = Math.max(0, Math.min(...ends) - 40);
  const high = Math.max(...ends) + 20;
  const x = scaleLinear({ domain: [low, high], range: [margin.left, width - margin.right], clamp: true });
  const y = scaleBand({
    domain: rows.map((_, i) => String(i)),
    range: [0, rows.length * rowHeight],
    padding: 0.25,
  });
  const description = `Waterfall from baseline ${baseline} through ${steps.length} reasons to score ${value}`;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width }}
      role="img"
      aria-label={description}
    >
      <Group top={4}>
        {bars.map((bar, i) => {
          const left = x(Math.min(bar.from, bar.to));
          const right = x(Math.max(bar.from, bar.to));
          const top = y(String(i)) ?? 0;
          return (
            <g key={i}>
              <Bar
                x={bar.total ? x(low) : left}
                y={top}
                width={Math.max(2, bar.total ? right - x(low) : right - left)}
                height={y.bandwidth()}
                fill={bar.total ? NEUTRAL : bar.points >= 0 ? POSITIVE : NEGATIVE}
              />
              <text x={right + 4} y={top + y.bandwidth() / 2} dy="0.35em" fontSize={12} fill="#1d1d1f">
                {bar.total ? bar.points : bar.points > 0 ? `+${bar.points}` : bar.points}
              </text>
            </g>
          );
        })}
      </Group>
    </svg>
  );
}

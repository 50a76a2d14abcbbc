import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear, scaleTime } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { NEGATIVE, NEUTRAL, POSITIVE } from './colors';

export interface HistoryPoint {
  at: Date;
  value: number;
}
export interface HistoryMark {
  at: Date;
  kind: string;
}

const MARK_COLOR: Record<string, string> = {
  COMMITMENT_FULFILLED: POSITIVE,
  COMMITMENT_LATE: '#8a5a00',
  COMMITMENT_DEFAULTED: NEGATIVE,
};

/** The score over time, with the reported events as marks along the bottom. */
export function HistoryChart({ points, marks }: { points: HistoryPoint[]; marks: HistoryMark[] }) {
  const width = 560;
  const height = 240;
  const margin = { top: 12, right: 16, bottom: 40, left: 44 };
  const times = [...points, ...marks].map((p) => p.at.getTime());
  const start = Math.min(...times);
  const end = Math.max(...times, start + 86_400_000);
  const x = scaleTime({
    domain: [new Date(start), new Date(end)],
    range: [margin.left, width - margin.right],
  });
  const values = points.map((p) => p.value);
  const y = scaleLinear({
    domain: [Math.min(...values) - 30, Math.max(...values) + 30],
    range: [height - margin.bottom, margin.top],
    nice: true,
  });
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width }}
      role="img"
      aria-label={`Score history: ${points.length} values from ${values[0]} to ${values.at(-1)}, ${marks.length} events`}
    >
      <Group>
        <AxisLeft
          scale={y}
          left={margin.left}
          numTicks={5}
          tickLabelProps={{ fill: '#1d1d1f', fontSize: 11 }}
        />
        <AxisBottom
          scale={x}
          top={height - margin.bottom}
          numTicks={4}
          tickLabelProps={{ fill: '#1d1d1f', fontSize: 11 }}
        />
        <LinePath data={points} x={(p) => x(p.at)} y={(p) => y(p.value)} stroke={NEUTRAL} strokeWidth={2.5} />
        {points.map((p, i) => (
          <circle key={i} cx={x(p.at)} cy={y(p.value)} r={3.5} fill={NEUTRAL} />
        ))}
        {marks.map((m, i) => (
          <rect
            key={i}
            x={x(m.at) - 3}
            y={height - margin.bottom - 10}
            width={6}
            height={10}
            fill={MARK_COLOR[m.kind] ?? NEUTRAL}
          />
        ))}
      </Group>
    </svg>
  );
}

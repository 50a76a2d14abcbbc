import { Arc, Line } from '@visx/shape';
import { Group } from '@visx/group';
import { scaleLinear } from '@visx/scale';
import { BAND_COLOR } from './colors';

interface BandRange {
  band: string;
  min: number;
  max: number;
}

/** A half-circle gauge: the bands as coloured arcs (ranges from the API), a needle at the score. */
export function Gauge({ value, band, bands }: { value: number; band: string; bands: readonly BandRange[] }) {
  const width = 280;
  const height = 160;
  const radius = 120;
  const low = bands[0]?.min ?? 300;
  const high = bands.at(-1)?.max ?? 900;
  const angle = scaleLinear({ domain: [low, high + 1], range: [-Math.PI / 2, Math.PI / 2] });
  const needle = angle(value);
  const label = `Score ${value} of ${low} to ${high}, band ${band.replace('_', ' ').toLowerCase()}`;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <Group left={width / 2} top={radius + 10}>
        {bands.map((b) => (
          <Arc
            key={b.band}
            startAngle={angle(b.min)}
            endAngle={angle(b.max + 1)}
            innerRadius={radius - 22}
            outerRadius={radius}
            padAngle={0.01}
            fill={BAND_COLOR[b.band] ?? '#666'}
          />
        ))}
        <Line
          from={{ x: 0, y: 0 }}
          to={{ x: Math.sin(needle) * (radius - 30), y: -Math.cos(needle) * (radius - 30) }}
          stroke="#1d1d1f"
          strokeWidth={4}
          strokeLinecap="round"
        />
        <circle r={7} fill="#1d1d1f" />
      </Group>
    </svg>
  );
}

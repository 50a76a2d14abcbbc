/** Band colours (each ≥ 3:1 against white, for graphics) and text-safe shades for points. */
export const BAND_COLOR: Record<string, string> = {
  POOR: '#b3261e',
  FAIR: '#b25e00',
  GOOD: '#7a7a00',
  VERY_GOOD: '#2e7d32',
  EXCELLENT: '#1b5e20',
};
export const POSITIVE = '#1b6e2a';
export const NEGATIVE = '#b3261e';
export const NEUTRAL = '#3b4a66';

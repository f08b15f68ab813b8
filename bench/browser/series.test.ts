import { resample, rotateDays, STEP_MS, variant } from './series';

const DAY_POINTS = 86_400_000 / STEP_MS;

describe('bench series', () => {
  it('resamples onto a 5-minute grid ending at the last sample, interpolating between samples', () => {
    const samples = [
      { t: 0, v: 0 },
      { t: 2 * STEP_MS, v: 20 },
      { t: 3 * STEP_MS + 60_000, v: 99 },
    ];
    const out = resample(samples, 4);
    expect(out.slice(0, 3)).toEqual([0, 10, 20]);
    expect(out[3]).toBeCloseTo(20 + (79 * 300) / 360, 9);
  });

  it('rotates by whole days and wraps the end to the start', () => {
    const values = Array.from({ length: 3 * DAY_POINTS }, (_, i) => i);
    const rotated = rotateDays(values, 1);
    expect(rotated[DAY_POINTS]).toBe(0);
    expect(rotated[0]).toBe(2 * DAY_POINTS);
    expect([...rotated].sort((a, b) => a - b)).toEqual(values);
  });

  it('variant 0 is the source itself', () => {
    const values = [1, 2, 3];
    expect(variant(values, 0)).toEqual(values);
  });
});

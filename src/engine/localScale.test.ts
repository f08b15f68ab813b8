/** @jest-environment node */
import { localScale } from './localScale';

describe('localScale', () => {
  const n = 200;
  const wave = Float64Array.from({ length: n }, (_, i) => 10 + 3 * Math.sin(i / 4) + (i % 7));
  const seen = new Uint8Array(n).fill(1);

  it('is the mean absolute step over the span before the origin (causal)', () => {
    const at = localScale(wave, seen, 24);
    let s = 0;
    for (let t = 100 - 24; t < 100; t++) {
      s += Math.abs(wave[t] - wave[t - 1]);
    }
    expect(at(100)).toBeCloseTo(s / 24, 12);
    // changing the future does not change the scale at 100
    const later = Float64Array.from(wave);
    later.fill(1e6, 100);
    expect(localScale(later, seen, 24)(100)).toBe(at(100));
  });

  it('scales with the series and ignores its level', () => {
    const shifted = wave.map((x) => 1000 * x + 50);
    const a = localScale(wave, seen, 24);
    const b = localScale(shifted, seen, 24);
    for (const o of [30, 90, 150]) {
      expect(b(o)).toBeCloseTo(1000 * a(o), 6);
    }
  });

  it('a flat stretch keeps a floor from the history before it; a history that never moved has none', () => {
    const flatAfter = Float64Array.from(wave);
    flatAfter.fill(flatAfter[99], 100);
    const at = localScale(flatAfter, seen, 24);
    expect(at(180)).toBeGreaterThan(0);
    expect(at(180)).toBeLessThan(0.1 * localScale(wave, seen, 24)(100));
    expect(localScale(new Float64Array(50).fill(3), seen, 24)(40)).toBeNaN();
  });

  it('steps next to a gap do not count', () => {
    const gappy = new Uint8Array(n).fill(1);
    gappy.fill(0, 80, 90);
    const at = localScale(wave, gappy, 24);
    let s = 0;
    let c = 0;
    for (let t = 100 - 24; t < 100; t++) {
      if (gappy[t] && gappy[t - 1]) {
        s += Math.abs(wave[t] - wave[t - 1]);
        c++;
      }
    }
    expect(at(100)).toBeCloseTo(s / c, 12);
  });
});

/** @jest-environment node */
import { type Design, fitLeastAbsolute, predictRow } from './leastAbsolute';
import { rng } from './lstm/features';

/** n rows of [x1, x2, 1] and two outputs y1 = 2·x1 − x2 + 3, y2 = −x1 + 0.5·x2, plus `noise(r)`. */
function design(n: number, noise: (r: number) => number): Design {
  const rand = rng(3);
  const x = new Float64Array(n * 3);
  const y = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) {
    const [a, b] = [rand() * 10 - 5, rand() * 10 - 5];
    x.set([a, b, 1], r * 3);
    y.set([2 * a - b + 3 + noise(r), -a + 0.5 * b + noise(r)], r * 2);
  }
  return { x, y, n, p: 3, k: 2 };
}

describe('least absolute deviations in closed form', () => {
  it('recovers exact linear relations, one column of weights per output', () => {
    const d = design(200, () => 0);
    const w = fitLeastAbsolute(d);
    // row-major p × k: [x1 → y1, x1 → y2], [x2 → ...], [intercept → ...]
    const want = [2, -1, -1, 0.5, 3, 0];
    Array.from(w).forEach((v, i) => expect(v).toBeCloseTo(want[i], 2));
    expect(predictRow(d.x, 0, 3, w, 2, 0)).toBeCloseTo(d.y[0], 1);
  });

  it('is not dragged by spikes the way least squares is', () => {
    // one row in ten has a spike of +500 in both outputs (a burst of requests)
    const d = design(400, (r) => (r % 10 === 0 ? 500 : 0));
    const lad = fitLeastAbsolute(d);
    const squares = fitLeastAbsolute(d, 0);
    // the intercept of y1 is 3: least squares moves it towards the spikes' mean (≈ 53), LAD barely
    expect(Math.abs(lad[2 * 2] - 3)).toBeLessThan(2);
    expect(squares[2 * 2]).toBeGreaterThan(40);
  });

  it('is deterministic and survives an input that never varies', () => {
    const d = design(100, (r) => Math.sin(r));
    for (let r = 0; r < d.n; r++) {
      d.x[r * 3 + 1] = 0; // x2 always 0: a singular system without the ridge
    }
    const a = fitLeastAbsolute(d);
    const b = fitLeastAbsolute(d);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a).every(Number.isFinite)).toBe(true);
  });
});

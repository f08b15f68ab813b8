/** @jest-environment node */
import { backtestSeries } from './backtest';
import { EXCURSION_MIN_RUN, excursionStarts, unconfirmedExcursion } from './excursion';
import { forecastSeries } from './forecast';
import { regimeStarts, shiftMinRun } from './shift';
import { FIVE_MIN, T0, levelThen, noisyLevel as level } from './testSeries';

const DAY = 288;
const H = 12;

/** The noisy level, its last `tail` points at `to`. */
const endingAt = (tail: number, to: number) => levelThen(tail, () => to);

const all = (n: number) => new Uint8Array(n).fill(1);
const excursionOf = (values: number[], before = values.length, observed = all(values.length)) =>
  excursionStarts(values, observed, DAY)(before);

describe('excursions (excursion.ts)', () => {
  it('three steps below everything before them: an excursion, and where it began; two are a spike', () => {
    const values = endingAt(EXCURSION_MIN_RUN, 0);
    const n = values.length;
    expect(excursionOf(values)).toEqual({ start: n - 3, since: n - 2, direction: 'below' });
    expect(excursionOf(endingAt(2, 0))).toBeUndefined();
    // a rise: above the highest value before it
    expect(excursionOf(endingAt(5, 200))?.direction).toBe('above');
  });

  it('a move back to a level the series has had before is no excursion, even beyond the last day', () => {
    // two days ago the series sat at 0 for an hour; the last day did not
    const values = level((v, i, n) => (i >= n - 3 || (i >= DAY / 2 && i < DAY / 2 + 12) ? 0 : v));
    expect(excursionOf(values)).toBeUndefined();
    // the same values are beyond the day's range: the shift rule's test alone would fire
    expect(regimeStarts(values, all(values.length), DAY, EXCURSION_MIN_RUN)(values.length)).toBeDefined();
  });

  it('level- and scale-free, and causal', () => {
    const values = endingAt(6, 0);
    const n = values.length;
    expect(excursionOf(values.map((v) => 1000 * v + 50))).toEqual(excursionOf(values));
    expect(excursionOf(values, n - 3)).toEqual({ start: n - 6, since: n - 5, direction: 'below' });
    expect(excursionOf(values, n - 4)).toBeUndefined();
  });

  it('after a gap in the data the run counts from the gap, against everything before it', () => {
    const values = endingAt(1, 0);
    const n = values.length;
    const observed = all(n);
    observed.fill(0, n - 6, n - 1); // 5 steps not recorded, then one value at 0
    expect(excursionOf(values, n, observed)).toEqual({ start: n - 1, since: n, direction: 'below', gapFrom: n - 6 });
  });

  it('once the run is a level shift, the shift rule decides instead', () => {
    const values = endingAt(H, 0);
    const n = values.length;
    const shift = regimeStarts(values, all(n), DAY, shiftMinRun(FIVE_MIN, H))(n);
    expect(shift).toBeDefined();
    const at = excursionStarts(values, all(n), DAY);
    expect(unconfirmedExcursion(at, shift, n)).toBeUndefined();
    expect(unconfirmedExcursion(at, undefined, n)).toEqual(at(n));
  });
});

describe('auto during an excursion, in the product and the backtest', () => {
  const times = Array.from({ length: 3 * DAY }, (_, i) => T0 + i * FIVE_MIN);
  const quickAuto = (values: number[], observed = times, horizon = H) =>
    forecastSeries({
      series: { times: observed, values },
      stepMs: FIVE_MIN,
      horizon,
      method: 'auto',
      quick: true,
    });

  it('a fall to zero 15 minutes ago: the last value instead of the choice, and the line says why and until when', async () => {
    const before = await quickAuto(endingAt(2, 0));
    expect(before.report.method).not.toBe('naive');
    expect(before.report.warning ?? '').not.toMatch(/Sudden/);
    const out = await quickAuto(endingAt(3, 0));
    expect(out.report.method).toBe('naive');
    expect(out.forecast.mean).toEqual(new Array(H).fill(0));
    expect(out.report.warning).toMatch(
      /^Sudden fall: every value of the last 15m is below the lowest value before it, too recent to call a level shift \(that takes 1h\), so the last value \(naive\) is shown instead of the .+ until the values hold there or come back\.$/
    );
  });

  it('after a gap too long to interpolate: the line names the gap', async () => {
    // 2 h not recorded, then one value at 0; at a 4-hour horizon a shift needs 4 h (shiftMinRun)
    const values = endingAt(1, 0);
    const keep = (_: number, i: number) => i < values.length - 25 || i === values.length - 1;
    const out = await quickAuto(values.filter(keep), times.filter(keep), 48);
    expect(out.report.method).toBe('naive');
    expect(out.report.warning).toMatch(
      /^Sudden fall: every value since a 2h gap in the data is below the lowest value before the gap, too recent to call a level shift \(that takes 4h\), so/
    );
  });

  it('the backtest replays the rule at every origin: a 6-step dip shows the last value while it lasts', async () => {
    // 4 days; the test region is the last 20 % (230 points); the dip starts 101 steps before the end,
    // so protocol origins (every 3 steps) fall 3 and 6 steps into it. Without the rule the LSTM is
    // shown at the first of them (measured: naive 1 origin, not 2).
    const days = 4;
    const n = days * DAY;
    const dipAt = n - 101;
    const values = level((v, i) => (i >= dipAt && i < dipAt + 6 ? 0 : v), days);
    const series = { times: Array.from({ length: n }, (_, i) => T0 + i * FIVE_MIN), values };
    const r = await backtestSeries({ name: 'dip', series, horizon: 3, method: 'all', phases: true });
    const auto = r.methods.auto!;
    // protocol origins every 3 steps from n − 230: those 3 … 6 steps into the dip see ≥ 3 values at 0
    const first = n - 230;
    const inDip = [];
    for (let o = first; o + 3 <= n; o += 3) {
      if (o - dipAt >= EXCURSION_MIN_RUN && o <= dipAt + 6) {
        inDip.push(o);
      }
    }
    expect(inDip).toEqual([dipAt + 3, dipAt + 6]);
    expect(auto.choices?.naive).toBe(inDip.length);
  });
});

/** @jest-environment node */
import fc from 'fast-check';
import type { ForecastRequest, LstmOptions, MethodChoice, RawSeries } from './api';
import { EngineError } from './errors';
import { forecastSeries } from './forecast';
import { initEngineNode } from './node';
import { tf } from './tf';

/**
 * Random series and random options thrown at the engine's front door. Whatever comes in, the
 * engine either refuses with a specific EngineError (a known code and a message) or returns finite
 * forecasts with ordered bands, starting one step after the last finite sample, and leaves no
 * tensor behind.
 */
const T0 = Date.UTC(2024, 0, 1);
const ENGINE_CODES = ['too_short', 'bad_input', 'incompatible_model', 'cancelled', 'unavailable'];

type Corruption = 'null' | 'nan' | 'inf' | '-inf' | 'duplicate' | 'drop' | 'jitter';

interface SeriesCase {
  points: number;
  stepMs: number;
  shape: 'wave' | 'walk' | 'constant' | 'steps';
  magnitude: number;
  offset: number;
  seed: number;
  corruptions: Array<{ at: number; kind: Corruption; len: number }>;
  constantRun?: { at: number; len: number };
}

const seriesCase: fc.Arbitrary<SeriesCase> = fc.record({
  points: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 40, max: 900 })),
  stepMs: fc.constantFrom(60_000, 300_000, 1_800_000),
  shape: fc.constantFrom('wave', 'walk', 'constant', 'steps'),
  magnitude: fc.constantFrom(1e-300, 1e-12, 0.01, 1, 1e9, 1e16, 1e300, 1.5e308),
  offset: fc.constantFrom(0, 0, 1, -1),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  corruptions: fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      kind: fc.constantFrom<Corruption>('null', 'nan', 'inf', '-inf', 'duplicate', 'drop', 'jitter'),
      len: fc.integer({ min: 1, max: 40 }),
    }),
    { maxLength: 6 }
  ),
  constantRun: fc.option(
    fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.integer({ min: 2, max: 300 }) }),
    { nil: undefined }
  ),
});

function buildSeries(c: SeriesCase): RawSeries {
  let s = c.seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const perDay = 86_400_000 / c.stepMs;
  const times: number[] = [];
  const values: Array<number | null> = [];
  let walk = 0;
  for (let i = 0; i < c.points; i++) {
    walk += rand() - 0.5;
    const base =
      c.shape === 'wave'
        ? 1 + 0.5 * Math.sin((2 * Math.PI * i) / perDay) + 0.05 * rand()
        : c.shape === 'walk'
          ? walk
          : c.shape === 'steps'
            ? Math.floor(i / 50) % 3
            : 1;
    times.push(T0 + i * c.stepMs);
    // magnitude × (offset + base), written so 1.5e308 × 1.5 does not overflow to Infinity
    values.push(c.offset * c.magnitude + base * (c.magnitude / 2) * 1.9);
  }
  if (c.constantRun && c.points > 0) {
    const from = Math.floor(c.constantRun.at * c.points);
    for (let i = from; i < Math.min(c.points, from + c.constantRun.len); i++) {
      values[i] = values[from];
    }
  }
  for (const k of c.corruptions) {
    const from = Math.floor(k.at * times.length);
    const to = Math.min(times.length, from + k.len);
    for (let i = from; i < to; i++) {
      if (k.kind === 'null') {
        values[i] = null;
      } else if (k.kind === 'nan') {
        values[i] = NaN;
      } else if (k.kind === 'inf') {
        values[i] = Infinity;
      } else if (k.kind === '-inf') {
        values[i] = -Infinity;
      } else if (k.kind === 'jitter') {
        times[i] += Math.round((rand() - 0.5) * 0.6 * c.stepMs);
      }
    }
    if (k.kind === 'duplicate' && from < times.length) {
      times.splice(from, 0, times[from]);
      values.splice(from, 0, values[from]);
    } else if (k.kind === 'drop') {
      times.splice(from, to - from);
      values.splice(from, to - from);
    }
  }
  return { times, values };
}

/** Mostly sane small LSTM settings, sometimes one absurd value (0, −1, 1.5, NaN, 1e9). */
const lstmOptions: fc.Arbitrary<LstmOptions> = fc
  .record({
    units: fc.integer({ min: 1, max: 4 }),
    window: fc.integer({ min: 2, max: 12 }),
    epochs: fc.integer({ min: 1, max: 2 }),
    samplesPerEpoch: fc.integer({ min: 16, max: 128 }),
    batchSize: fc.integer({ min: 8, max: 64 }),
    bad: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.record({
          key: fc.constantFrom<keyof LstmOptions>('units', 'window', 'epochs', 'batchSize', 'learningRate', 'patience'),
          value: fc.constantFrom(0, -1, 1.5, NaN, 1e9, Infinity),
        }),
      }
    ),
  })
  .map(({ bad, ...o }) => (bad ? { ...o, [bad.key]: bad.value } : o));

const horizon = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, NaN, 20_000) }
);

function lastFiniteTime(s: RawSeries): number {
  let t = -Infinity;
  s.times.forEach((x, i) => {
    const v = s.values[i];
    if (Number.isFinite(x) && typeof v === 'number' && Number.isFinite(v)) {
      t = Math.max(t, x);
    }
  });
  return t;
}

async function checkOne(req: ForecastRequest): Promise<void> {
  const before = tf.memory().numTensors;
  let out;
  try {
    out = await forecastSeries(req);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    const err = e as EngineError;
    if (process.env.PROP_DEBUG) {
      console.log(req.method, err.code, err.message.slice(0, 100));
    }
    expect(ENGINE_CODES).toContain(err.code);
    expect(err.message.length).toBeGreaterThan(10);
    expect(tf.memory().numTensors).toBe(before);
    return;
  }
  const f = out.forecast;
  expect(f.mean).toHaveLength(req.horizon);
  // the grid is anchored at the last finite sample (jitter moves it by less than half a step)
  expect(f.startMs).toBe(lastFiniteTime(req.series) + req.stepMs);
  for (let h = 0; h < req.horizon; h++) {
    const row = [f.lower95[h], f.lower80[h], f.mean[h], f.upper80[h], f.upper95[h]];
    expect(row.every(Number.isFinite)).toBe(true);
    for (let i = 1; i < row.length; i++) {
      expect(row[i - 1]).toBeLessThanOrEqual(row[i]);
    }
  }
  expect(tf.memory().numTensors).toBe(before);
  if (process.env.PROP_DEBUG) {
    console.log(req.method, 'ok', out.report.method, out.report.skipped?.map((x) => x.method).join(','));
  }
}

describe('forecastSeries under random input (property)', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
  });

  it('baselines, SES and MSTL: a specific EngineError or finite ordered bands', async () => {
    await fc.assert(
      fc.asyncProperty(
        seriesCase,
        horizon,
        fc.constantFrom<MethodChoice>('naive', 'seasonal_naive', 'ses', 'mstl'),
        async (c, h, method) => {
          await checkOne({ series: buildSeries(c), stepMs: c.stepMs, horizon: h, method });
        }
      ),
      { numRuns: 150, seed: 1312 }
    );
  }, 120_000);

  it('LSTM and auto with random (sometimes absurd) options: same guarantees, no tensor left', async () => {
    await fc.assert(
      fc.asyncProperty(
        // long enough at 30-minute steps (daily lag 48) that the LSTM usually trains
        fc
          .tuple(seriesCase, fc.integer({ min: 250, max: 600 }))
          .map(([c, points]) => ({ ...c, points, stepMs: 1_800_000 })),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<MethodChoice>('lstm', 'auto'),
        lstmOptions,
        async (c, h, method, lstm) => {
          await checkOne({ series: buildSeries(c), stepMs: c.stepMs, horizon: h, method, lstm });
        }
      ),
      { numRuns: 25, seed: 2024 }
    );
  }, 180_000);
});

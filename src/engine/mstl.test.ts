/**
 * MSTL's own arithmetic is augurs' (Jest cannot load its ES module with wasm: the CLI integration
 * test covers the real one). These tests stand a stub in for augurs to check what the engine adds
 * around it: the forecast is clipped to the recent envelope, and a sane path is left alone.
 */
import { type MstlModule, mstlFitter, setMstlModule } from './mstl';
import type { FitContext } from './pipeline';

const STEP_MS = 5 * 60_000;
const DAY = 288;

/** A stub of augurs' MSTL whose future path is `future(z)` of the standardised in-sample level. */
function stubModule(future: (h: number) => number): MstlModule {
  const ets = () => {
    let fitted: number[] = [];
    return {
      fit: (y: number[]) => {
        fitted = y;
      },
      predictInSample: () => ({ point: fitted.slice() }),
      predict: (n: number) => ({ point: Array.from({ length: n }, (_, h) => future(h)) }),
      free: () => undefined,
    };
  };
  return { MSTL: { ets } } as unknown as MstlModule;
}

/** Three days of a daily sine around 100 (amplitude 10) with a little deterministic noise. */
function series(): Float64Array {
  return Float64Array.from(
    { length: 3 * DAY },
    (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / DAY) + ((t * 7919) % 13) / 13
  );
}

function context(values: Float64Array, horizon: number): FitContext {
  return {
    values,
    observed: new Uint8Array(values.length).fill(1),
    stepMs: STEP_MS,
    horizon,
    end: values.length,
    valOrigins: [],
  };
}

afterEach(() => setMstlModule(undefined));

describe('mstlFitter', () => {
  it('clips a path that leaves the recent envelope (a broken season repeated) to it', async () => {
    // standardised 40 is hundreds of units away from a series that moves ±10 a day
    setMstlModule(stubModule(() => 40));
    const values = series();
    const model = await mstlFitter.fit(context(values, 12));
    const [out] = await model.predict(values, [values.length], 12);
    model.dispose();
    const last = values[values.length - 1];
    for (const x of out) {
      expect(Number.isFinite(x)).toBe(true);
      // the envelope: last value ± 2 large 12-step moves of the last day, widened to yesterday's value
      expect(Math.abs(x - last)).toBeLessThan(30);
    }
    expect(Math.max(...out)).toBeGreaterThan(last);
  });

  it('leaves a path inside the envelope unchanged', async () => {
    const values = series();
    // the stub forecasts the series' own continuation (standardised, as augurs sees it)
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    const next = (h: number) => 100 + 10 * Math.sin((2 * Math.PI * (values.length + h)) / DAY);
    setMstlModule(stubModule((h) => (next(h) - mean) / sd));
    const model = await mstlFitter.fit(context(values, 12));
    const [out] = await model.predict(values, [values.length], 12);
    model.dispose();
    // re-anchored by its recent residuals (the noise, under 1), never clipped
    out.forEach((x, h) => expect(Math.abs(x - next(h))).toBeLessThan(1));
  });
});

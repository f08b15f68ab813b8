import { type DataFrame, FieldType } from '@grafana/data';
import { panelSeriesKey } from './separateQueries';
import { decodeFrames, toTimeMs } from './decode';
import { encodeActions, encodeProgress, encodeSeries } from './encode';
import { DEFAULT_ACTIONS, sampleSeries, STEP, T0, type SeriesSample } from './testing/samples';

const forecastFrame = (s: SeriesSample = {}) => encodeSeries(sampleSeries(s));

/** A plain Prometheus-like series with no Foresight metadata (another data source's frame). */
function plainFrame(points = 30): DataFrame {
  const time = Array.from({ length: points }, (_, i) => T0 - (points - 1 - i) * STEP);
  return {
    name: 'up',
    refId: 'B',
    length: points,
    fields: [
      { name: 'Time', type: FieldType.time, values: time, config: {} },
      { name: 'Value', type: FieldType.number, values: time.map((_, i) => (i % 7) + 1), config: {} },
    ],
  };
}

describe('decodeFrames', () => {
  it('reads a forecast frame per the contract', () => {
    const parsed = decodeFrames([forecastFrame({ history: 10, horizon: 4, unit: 'reqps' })]);
    expect(parsed.problems).toEqual([]);
    const [s] = parsed.forecasts;
    expect(s.name).toBe('checkout requests');
    expect(s.key).toBe(panelSeriesKey('A', '{service="checkout requests"}'));
    expect(s.times).toHaveLength(14);
    expect(s.actual.slice(0, 10).every((v) => v != null)).toBe(true);
    expect(s.actual.slice(10)).toEqual([null, null, null, null]);
    expect(s.forecast.slice(10).every((v) => v != null)).toBe(true);
    expect(s.lastSampleMs).toBe(T0);
    expect(s.horizonEndMs).toBe(T0 + 4 * STEP);
    expect(s.unit).toBe('reqps');
    expect(s.has).toEqual({ actual: true, forecast: true, band80: true, band95: true, replicas: true });
    expect(s.report?.method).toBe('lstm');
    expect(s.policy?.kind).toBe('thresholds');
  });

  it("reads the user's display name and colour scheme from the values' config, and ignores malformed ones", () => {
    const withConfig = (config: Record<string, unknown>) => {
      const frame = forecastFrame();
      frame.fields.forEach((f) => (f.config = { ...f.config, ...config }));
      return decodeFrames([frame]).forecasts[0];
    };
    const named = withConfig({ displayName: ' Front door ', color: { mode: 'fixed', fixedColor: 'purple' } });
    expect(named.name).toBe('Front door');
    // The key stays the data source's, so toggles and caches keyed on it survive a rename.
    expect(named.key).toBe(panelSeriesKey('A', '{service="checkout requests"}'));
    expect(named.color).toEqual({ mode: 'fixed', fixedColor: 'purple' });
    expect(withConfig({ color: { mode: 'palette-classic', fixedColor: '' } }).color).toEqual({
      mode: 'palette-classic',
    });
    for (const color of ['red', 42, null, { mode: 7 }, { fixedColor: 'red' }]) {
      expect(withConfig({ color }).color).toBeUndefined();
    }
    expect(withConfig({ displayName: '   ' }).name).toBe('checkout requests');
  });

  it('renames the scale actions and notices of a series the user gave a display name, so they still find it', () => {
    const frame = forecastFrame();
    frame.fields.forEach((f) => (f.config = { ...f.config, displayName: 'Front door' }));
    frame.meta = { ...frame.meta, notices: [{ severity: 'warning', text: 'Prometheus: partial answer' }] };
    const actions = encodeActions(
      'A',
      DEFAULT_ACTIONS.map((a) => ({ ...a, series: 'checkout requests' }))
    );
    const other = encodeActions('B', [{ ...DEFAULT_ACTIONS[0], series: 'checkout requests' }]);
    const parsed = decodeFrames([frame, actions, other]);
    expect(parsed.forecasts[0]).toMatchObject({ name: 'Front door', sourceName: 'checkout requests' });
    // Query A's rows follow the rename; query B's series of the same name is another series.
    expect(parsed.actions.map((a) => `${a.refId}:${a.series}`).sort()).toEqual([
      'A:Front door',
      'A:Front door',
      'A:Front door',
      'B:checkout requests',
    ]);
    expect(parsed.notices).toEqual([
      { text: 'Prometheus: partial answer', source: 'Front door', severity: 'warning', refId: 'A' },
    ]);
    expect(decodeFrames([forecastFrame()]).forecasts[0].sourceName).toBeUndefined();
  });

  it('sorts rows by time and drops rows without a valid time', () => {
    const frame = forecastFrame({ history: 3, horizon: 0, replicas: false });
    const times = frame.fields[0].values as unknown[];
    frame.fields[0].values = [times[2], 'garbage', times[0]];
    frame.fields[1].values = [3, 2, 1];
    const parsed = decodeFrames([frame]);
    expect(parsed.forecasts[0].times).toEqual([times[0], times[2]]);
    expect(parsed.forecasts[0].actual).toEqual([1, 3]);
    expect(parsed.problems[0]).toMatch(/1 rows without a valid time were dropped/);
  });

  it('derives now from the last actual value when meta has none', () => {
    const frame = forecastFrame({ history: 5, horizon: 2 });
    const custom = frame.meta!.custom as { foresight: { lastSampleMs?: number } };
    delete custom.foresight.lastSampleMs;
    expect(decodeFrames([frame]).forecasts[0].lastSampleMs).toBe(T0);
  });

  it('reports a forecast frame that lacks a forecast as partial', () => {
    const frame = forecastFrame();
    frame.fields = frame.fields.filter((f) => f.name !== 'forecast');
    const parsed = decodeFrames([frame]);
    expect(parsed.forecasts).toHaveLength(1);
    expect(parsed.forecasts[0].has.forecast).toBe(false);
    expect(parsed.problems).toEqual(['"checkout requests": no forecast in this response (actual values only).']);
  });

  it('reads actions, skipping unknown kinds', () => {
    const frame = encodeActions('A', [
      ...DEFAULT_ACTIONS.map((a) => ({ ...a, series: '' })),
      { timeMs: T0, action: 'explode' as never, from: 1, to: 2, reason: '?', series: '' },
    ]);
    const parsed = decodeFrames([frame]);
    expect(parsed.actions.map((a) => a.action)).toEqual(['up', 'down', 'hold']);
    expect(parsed.actions[0]).toMatchObject({
      from: 3,
      to: 4,
      reason: 'forecast 172 req/s at 00:15 exceeds 160',
      series: '',
    });
    expect(parsed.problems).toEqual(['1 scale-action rows with an unknown action or time were skipped.']);
  });

  it('takes progress from progress frames', () => {
    const parsed = decodeFrames([encodeProgress('A', { phase: 'train', fraction: 0.5, epoch: 3 })]);
    expect(parsed.progress).toEqual({ phase: 'train', fraction: 0.5, epoch: 3 });
    expect(parsed.forecasts).toEqual([]);
    expect(parsed.problems).toEqual([]);
  });

  it('keeps plain time series and names frames it cannot use', () => {
    const table = {
      name: 'tbl',
      length: 1,
      fields: [{ name: 'a', type: FieldType.string, values: ['x'], config: {} }],
    };
    const parsed = decodeFrames([plainFrame(), table]);
    expect(parsed.plain).toHaveLength(1);
    expect(parsed.problems).toEqual(['Result "tbl" is not a time series; skipped.']);
  });

  it('never throws on junk', () => {
    expect(() => decodeFrames([null, undefined, {}, { fields: 'x' }] as never)).not.toThrow();
    expect(decodeFrames(undefined).forecasts).toEqual([]);
  });

  it('parses times given as numbers, numeric strings and ISO strings', () => {
    expect(toTimeMs(5)).toBe(5);
    expect(toTimeMs('5')).toBe(5);
    expect(toTimeMs('2026-11-21T00:00:00Z')).toBe(T0);
    expect(toTimeMs('later')).toBeNull();
    expect(toTimeMs(NaN)).toBeNull();
  });
});

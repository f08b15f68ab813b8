import { createTheme, type Field } from '@grafana/data';
import { panelSeriesKey } from '../../contract/separateQueries';
import { AxisPlacement, GraphThresholdsStyleMode, LineInterpolation } from '@grafana/schema';
import { DEFAULT_OPTIONS } from '../options';
import type { ForesightPanelOptions } from '../types';
import { makeForecastFrame, THRESHOLD_POLICY } from '../testing/fixtures';
import { buildChartModel, countRoles, FORECAST_DASH, joinAtNow, structureRev } from './chartFrames';
import { decodeFrames } from '../../contract/decode';
import { encodeSeries } from '../../contract/encode';
import { sampleSeries, STEP, T0 } from '../../contract/testing/samples';

const theme = createTheme();

function model(options: Partial<ForesightPanelOptions> = {}, frames = [makeForecastFrame({ history: 6, horizon: 3 })]) {
  return buildChartModel(decodeFrames(frames).forecasts, { ...DEFAULT_OPTIONS, ...options }, theme);
}

function field(fields: Field[], name: string): Field {
  const f = fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no field ${name} in ${fields.map((x) => x.name).join(', ')}`);
  }
  return f;
}

describe('buildChartModel', () => {
  it('maps one series to time, bands, actual, forecast and replicas fields', () => {
    const m = model();
    expect(m.frames).toHaveLength(1);
    expect(m.frames[0].fields.map((f) => f.name)).toEqual([
      'time',
      'checkout requests upper 95%',
      'checkout requests lower 95%',
      'checkout requests upper 80%',
      'checkout requests lower 80%',
      'checkout requests',
      'checkout requests forecast',
      'checkout requests replicas',
    ]);
    expect(m.roles.get('checkout requests forecast')).toMatchObject({
      role: 'forecast',
      seriesKey: panelSeriesKey('A', '{service="checkout requests"}'),
    });
    expect(countRoles(m.roles)).toEqual({ forecast: 1, bands: 2, replicas: 1 });
  });

  it("keeps the panel's Min and Max (set by Grafana on every field) on the value axis, not on the replicas axis", () => {
    const frame = makeForecastFrame({ history: 6, horizon: 3 });
    // What Grafana does with the panel's Standard options before the panel sees the data.
    frame.fields.forEach((f) => (f.config = { ...f.config, min: 0, max: 500 }));
    const fields = model({}, [frame]).frames[0].fields;
    for (const name of ['checkout requests', 'checkout requests forecast', 'checkout requests upper 95%']) {
      expect(field(fields, name).config).toMatchObject({ min: 0, max: 500 });
    }
    expect(field(fields, 'checkout requests replicas').config.min).toBeUndefined();
    // Without them, the axis ranges on the data as before (no keys that change the structure).
    expect(JSON.stringify(field(model().frames[0].fields, 'checkout requests').config)).not.toMatch(/"min"|"max"/);
  });

  it("takes a series' colour and name from the user's colour scheme and display name (standard options or an override)", () => {
    const frame = makeForecastFrame({ history: 6, horizon: 3 });
    // What Grafana writes onto the series' fields for Color scheme → Single color and Display name.
    frame.fields.forEach(
      (f) => (f.config = { ...f.config, displayName: 'Front door', color: { mode: 'fixed', fixedColor: 'purple' } })
    );
    const m = model({}, [frame]);
    const fields = m.frames[0].fields;
    const purple = theme.visualization.getColorByName('purple');
    for (const name of ['Front door', 'Front door forecast', 'Front door upper 95%']) {
      expect(field(fields, name).config.color).toEqual({ mode: 'fixed', fixedColor: purple });
    }
    expect(m.seriesColors.get(panelSeriesKey('A', '{service="checkout requests"}'))).toBe(purple);
    // Without a scheme, the classic palette by order, as before.
    const green = theme.visualization.getColorByName(theme.visualization.palette[0]);
    expect(field(model().frames[0].fields, 'checkout requests').config.color).toEqual({
      mode: 'fixed',
      fixedColor: green,
    });
  });

  it('colours by series name when asked (stable when another series comes or goes), and ignores a by-value scheme', () => {
    const colour = (mode: string, index: number) => {
      const frame = makeForecastFrame({ history: 6, horizon: 3 });
      frame.fields.forEach((f) => (f.config = { ...f.config, color: { mode } }));
      const frames = [...Array.from({ length: index }, () => makeForecastFrame({ history: 6, horizon: 3 })), frame];
      return model({}, frames).frames[index].fields.find((f) => f.name.endsWith(' forecast'))?.config.color?.fixedColor;
    };
    expect(colour('palette-classic-by-name', 0)).toBe(colour('palette-classic-by-name', 2));
    expect(colour('palette-classic', 0)).not.toBe(colour('palette-classic', 2));
    // A gradient by value cannot colour a whole series: the palette by order (the panel says so).
    expect(colour('continuous-GrYlRd', 1)).toBe(colour('palette-classic', 1));
  });

  it('breaks the actual line where samples are missing (a null row in the gap), not across it', () => {
    const frame = makeForecastFrame({ history: 12, horizon: 3 });
    // rows 3–7 never arrived: a gap of five steps in the actual values
    const keep = (_: unknown, i: number) => i < 3 || i > 7;
    const gapped = {
      ...frame,
      length: frame.length - 5,
      fields: frame.fields.map((f) => ({ ...f, values: f.values.filter(keep) })),
    };
    const fields = model({}, [gapped]).frames[0].fields;
    const times = field(fields, 'time').values as number[];
    const actual = field(fields, 'checkout requests').values;
    const gapTimes = field(gapped.fields, 'time').values as number[];
    const inserted = times.map((t, i) => (gapTimes.includes(t) ? -1 : i)).filter((i) => i >= 0);
    expect(inserted.length).toBeGreaterThan(0);
    expect(inserted.every((i) => actual[i] === null && times[i] > gapTimes[2] && times[i] < gapTimes[3])).toBe(true);
    // without a gap nothing is inserted
    expect(field(model().frames[0].fields, 'time').values).toHaveLength(
      makeForecastFrame({ history: 6, horizon: 3 }).length
    );
  });

  it('draws actuals solid and the forecast dashed in the same colour', () => {
    const fields = model().frames[0].fields;
    const actual = field(fields, 'checkout requests');
    const forecast = field(fields, 'checkout requests forecast');
    expect(actual.config.custom.lineStyle).toBeUndefined();
    expect(forecast.config.custom.lineStyle).toEqual({ fill: 'dash', dash: FORECAST_DASH });
    expect(forecast.config.color).toEqual(actual.config.color);
    expect(actual.display?.(12.5).text).toBe('12.5');
  });

  it('shades bands between their edges with fillBelowTo, hidden from legend and tooltip', () => {
    const fields = model({ bandOpacity: 30 }).frames[0].fields;
    const upper80 = field(fields, 'checkout requests upper 80%');
    const upper95 = field(fields, 'checkout requests upper 95%');
    expect(upper80.config.custom).toMatchObject({
      fillBelowTo: 'checkout requests lower 80%',
      fillOpacity: 30,
      lineWidth: 0,
    });
    expect(upper95.config.custom).toMatchObject({ fillBelowTo: 'checkout requests lower 95%', fillOpacity: 15 });
    expect(upper80.config.custom.hideFrom).toEqual({ legend: true, tooltip: true, viz: false });
  });

  it('honours the band choice', () => {
    const names = (o: Partial<ForesightPanelOptions>) =>
      model(o)
        .frames[0].fields.map((f) => f.name)
        .join('|');
    expect(names({ bands: '80' })).not.toContain('95%');
    expect(names({ bands: '95' })).not.toContain('80%');
    expect(names({ bands: 'none' })).not.toMatch(/upper|lower/);
  });

  it('draws replicas as a step line on its own axis, placed as configured', () => {
    const right = field(model().frames[0].fields, 'checkout requests replicas');
    expect(right.config.custom).toMatchObject({
      lineInterpolation: LineInterpolation.StepAfter,
      axisPlacement: AxisPlacement.Right,
    });
    expect(right.config.unit).toBe('none');
    expect(
      field(model({ replicaAxis: 'left' }).frames[0].fields, 'checkout requests replicas').config.custom.axisPlacement
    ).toBe(AxisPlacement.Left);
    expect(model({ showReplicas: false }).frames[0].fields.map((f) => f.name)).not.toContain(
      'checkout requests replicas'
    );
  });

  it('draws the policy thresholds as dashed lines on the metric scale', () => {
    const actual = field(model().frames[0].fields, 'checkout requests');
    expect(actual.config.thresholds?.steps.map((s) => s.value)).toEqual([
      -Infinity,
      THRESHOLD_POLICY.lowThreshold,
      THRESHOLD_POLICY.highThreshold,
    ]);
    expect(actual.config.custom.thresholdsStyle).toEqual({ mode: GraphThresholdsStyleMode.Dashed });
    expect(
      field(model({ showThresholds: false }).frames[0].fields, 'checkout requests').config.thresholds
    ).toBeUndefined();
  });

  it('draws capacity (replicas × capacity per replica) for a target-tracking policy', () => {
    const frame = makeForecastFrame({
      history: 2,
      horizon: 2,
      policy: { ...THRESHOLD_POLICY, kind: 'target', capacityPerReplica: 50 },
    });
    const m = model({}, [frame]);
    const capacity = field(m.frames[0].fields, 'checkout requests capacity');
    const replicas = field(m.frames[0].fields, 'checkout requests replicas');
    expect(capacity.values).toEqual((replicas.values as Array<number | null>).map((r) => (r == null ? null : r * 50)));
  });

  it('draws per-replica thresholds as threshold × replicas steps', () => {
    const policy = { ...THRESHOLD_POLICY, thresholdBasis: 'perReplica' as const, highThreshold: 40, lowThreshold: 10 };
    const m = model({}, [makeForecastFrame({ history: 2, horizon: 2, policy })]);
    const fields = m.frames[0].fields;
    const replicas = field(fields, 'checkout requests replicas').values as Array<number | null>;
    expect(field(fields, 'checkout requests scale-up level').values).toEqual(
      replicas.map((r) => (r == null ? null : r * 40))
    );
    expect(field(fields, 'checkout requests scale-down level').values).toEqual(
      replicas.map((r) => (r == null ? null : r * 10))
    );
    // No flat lines on the total-load scale: they would be wrong for a per-replica policy.
    expect(field(fields, 'checkout requests').config.thresholds).toBeUndefined();
  });

  it('draws actual samples newer than the origin beside the forecast, neither line broken by the other axis', () => {
    // A re-plan on a kept forecast: actuals every half step came in after its origin.
    const kept = sampleSeries({ history: 4, horizon: 3 });
    const newer = [0.5, 1, 1.5, 2].map((k) => T0 + k * STEP);
    const actual = kept.actual!;
    const frame = encodeSeries({
      ...kept,
      actual: { times: [...actual.times, ...newer], values: [...actual.values, 130, 131, 132, 133] },
    });
    const fields = model({}, [frame]).frames[0].fields;
    const times = field(fields, 'time').values as number[];
    const drawn = (name: string) =>
      (field(fields, name).values as Array<number | null | undefined>).filter((_, i) => times[i] > T0);
    // Rows after the origin: T0 + 0.5, 1 (forecast's first step), 1.5, 2, 3 steps.
    expect(drawn('checkout requests')).toEqual([130, 131, 132, 133, null]); // past its last sample: nothing to draw
    expect(drawn('checkout requests forecast')).toEqual([
      undefined,
      expect.any(Number),
      undefined,
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(drawn('checkout requests upper 95%')).toEqual([
      undefined,
      expect.any(Number),
      undefined,
      expect.any(Number),
      expect.any(Number),
    ]);
    // No null among the forecast's lines after the origin: nothing breaks them.
    const forecastLines = fields.slice(1).filter((f) => f.name !== 'checkout requests');
    expect(forecastLines.every((f) => f.values.every((v, i) => times[i] <= T0 || v !== null))).toBe(true);
  });

  it('starts the forecast and the cone at the last actual value', () => {
    const s = decodeFrames([makeForecastFrame({ history: 4, horizon: 2 })]).forecasts[0];
    const joined = joinAtNow(s);
    expect(joined.forecast[3]).toBe(s.actual[3]);
    expect(joined.lower95[3]).toBe(s.actual[3]);
    expect(joined.forecast.slice(0, 3)).toEqual([null, null, null]);
    expect(s.forecast[3]).toBeNull(); // input untouched
  });

  it("gives the forecast's legend values (Max, First …) from the forecast alone, not the actual seeded at now", () => {
    const s = decodeFrames([makeForecastFrame({ history: 4, horizon: 2 })]).forecasts[0];
    const legend = { ...DEFAULT_OPTIONS.legend, calcs: ['max', 'min', 'firstNotNull', 'lastNotNull'] };
    const fields = buildChartModel([s], { ...DEFAULT_OPTIONS, legend }, theme).frames[0].fields;
    const own = s.forecast.filter((v): v is number => v !== null);
    expect(field(fields, `${s.name} forecast`).state?.calcs).toMatchObject({
      max: Math.max(...own),
      min: Math.min(...own),
      firstNotNull: own[0],
      lastNotNull: own[own.length - 1],
    });
  });

  it('gives each series its own colour and unique names', () => {
    const m = model({}, [makeForecastFrame({ name: 'a', key: 'k1' }), makeForecastFrame({ name: 'a', key: 'k2' })]);
    expect(m.frames[1].fields.map((f) => f.name)).toContain('a (2)');
    expect(m.seriesColors.get(panelSeriesKey('A', 'k1'))).not.toEqual(m.seriesColors.get(panelSeriesKey('A', 'k2')));
  });

  it('keeps the structure revision for new values and changes it for new lines or settings', () => {
    const a = model({}, [makeForecastFrame({ base: 100 })]).frames;
    const b = model({}, [makeForecastFrame({ base: 300 })]).frames;
    const c = model({ bands: '80' }, [makeForecastFrame({ base: 100 })]).frames;
    const d = model({}, [makeForecastFrame({ policy: { ...THRESHOLD_POLICY, highThreshold: 999 } })]).frames;
    expect(structureRev(a)).toBe(structureRev(b));
    expect(structureRev(a)).not.toBe(structureRev(c));
    expect(structureRev(a)).not.toBe(structureRev(d));
  });

  it('draws the capacity line over the replica line (after it, wider, long dashes) so it stays visible', () => {
    const target = { ...THRESHOLD_POLICY, kind: 'target' as const, capacityPerReplica: 50, maxReplicas: 50 };
    const names = model({}, [makeForecastFrame({ policy: target })]).frames[0].fields.map((f) => f.name);
    const fields = model({}, [makeForecastFrame({ policy: target })]).frames[0].fields;
    const capacity = field(fields, 'checkout requests capacity');
    expect(names.indexOf('checkout requests capacity')).toBeGreaterThan(names.indexOf('checkout requests replicas'));
    expect(capacity.config.custom.lineWidth).toBe(2);
    expect(capacity.config.custom.lineStyle.dash[0]).toBeGreaterThan(4);
  });

  it('draws the shortfall of a plan capped at max replicas as a red area above the capacity line', () => {
    const target = {
      ...THRESHOLD_POLICY,
      kind: 'target' as const,
      capacityPerReplica: 50,
      maxReplicas: 3,
      headroom: 'upper80' as const,
    };
    const frame = makeForecastFrame({ policy: target, base: 200 });
    const replicas = frame.fields.find((f) => f.name === 'recommended_replicas')!;
    replicas.values = replicas.values.map((r: number | null) => (r == null ? null : Math.min(r, 3)));
    const fields = model({}, [frame]).frames[0].fields;
    const short = field(fields, 'checkout requests capacity short (above max replicas)');
    expect(short.config.custom.fillBelowTo).toBe('checkout requests capacity');
    expect(short.values.some((v: number | null) => v != null)).toBe(true);
    // No shortfall line when the plan fits.
    const fits = model({}, [makeForecastFrame({ policy: { ...target, maxReplicas: 50 }, base: 200 })]).frames[0];
    expect(fits.fields.some((f) => f.name.includes('capacity short'))).toBe(false);
  });

  it('names a lone replicas line by its axis label (no second legend row to scroll away); several keep entries', () => {
    const one = buildChartModel(decodeFrames([makeForecastFrame()]).forecasts, DEFAULT_OPTIONS, theme);
    const replicas = field(one.frames[0].fields, 'checkout requests replicas');
    expect(replicas.config.custom.hideFrom.legend).toBe(true);
    expect(replicas.config.custom.axisLabel).toBe('replicas');
    const two = buildChartModel(
      decodeFrames([makeForecastFrame(), makeForecastFrame({ name: 'b', key: 'b' })]).forecasts,
      DEFAULT_OPTIONS,
      theme
    );
    const hidden = two.frames.flatMap((f) => f.fields).filter((f) => f.name.endsWith('replicas'));
    expect(hidden.length).toBe(2);
    expect(hidden.every((f) => !f.config.custom?.hideFrom?.legend)).toBe(true);
  });
});

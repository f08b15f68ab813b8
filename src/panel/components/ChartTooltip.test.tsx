import { createTheme } from '@grafana/data';
import { decodeFrames } from '../../contract/decode';
import { encodeSeries } from '../../contract/encode';
import { sampleSeries, STEP, T0 } from '../../contract/testing/samples';
import { DEFAULT_OPTIONS } from '../options';
import { makeForecastFrame } from '../testing/fixtures';
import { buildChartModel } from '../data/chartFrames';
import { hideSeries } from '../data/seriesIsolation';
import { SortOrder, TooltipDisplayMode } from '@grafana/schema';
import { buildTooltipLines, chosenLines } from './ChartTooltip';

describe('the chart tooltip', () => {
  const model = buildChartModel(
    decodeFrames([makeForecastFrame({ history: 6, horizon: 3 })]).forecasts,
    DEFAULT_OPTIONS,
    createTheme()
  );
  const frame = model.frames[0];
  const every = (row: number) => frame.fields.map(() => row);

  it('folds a series’ fields into one line: actual, forecast, bands, replicas', () => {
    const lines = buildTooltipLines(frame, every(frame.length - 1), model.roles);
    expect(lines).toHaveLength(1);
    expect(lines[0].name).toBe('checkout requests');
    expect(lines[0].parts.some((p) => p.startsWith('forecast '))).toBe(true);
  });

  it('at the last actual value, gives the actual alone, not the seed that joins the forecast line to it', () => {
    const actual = frame.fields.find((f) => f.name === 'checkout requests')!;
    const lastActual = actual.values.reduce((last: number, v: number | null, i: number) => (v === null ? last : i), -1);
    const [atNow] = buildTooltipLines(frame, every(lastActual), model.roles);
    expect(atNow.parts).toEqual([expect.stringMatching(/^actual /), ...atNow.parts.slice(1)]);
    expect(atNow.parts.some((p) => /^(forecast|80 %|95 %) /.test(p))).toBe(false);
  });

  it('past the origin, where newer actual samples came in (a re-plan), gives the actual and the forecast made for it', () => {
    const kept = sampleSeries({ history: 6, horizon: 3 });
    const newer = encodeSeries({
      ...kept,
      actual: { times: [...kept.actual!.times, T0 + STEP], values: [...kept.actual!.values, 140] },
    });
    const overlap = buildChartModel(decodeFrames([newer]).forecasts, DEFAULT_OPTIONS, createTheme());
    const f = overlap.frames[0];
    const row = (f.fields[0].values as number[]).indexOf(T0 + STEP);
    const [line] = buildTooltipLines(
      f,
      f.fields.map(() => row),
      overlap.roles
    );
    expect(line.parts[0]).toMatch(/^actual 140/);
    expect(line.parts.some((p) => p.startsWith('forecast '))).toBe(true);
    expect(line.parts.some((p) => p.startsWith('95 % '))).toBe(true);
  });

  it("gives a value from another row than the hovered one (uPlot's nearest) with its own time", () => {
    const kept = sampleSeries({ history: 6, horizon: 3 });
    const newer = encodeSeries({
      ...kept,
      actual: { times: [...kept.actual!.times, T0 + STEP / 2], values: [...kept.actual!.values, 140] },
    });
    const overlap = buildChartModel(decodeFrames([newer]).forecasts, DEFAULT_OPTIONS, createTheme());
    const f = overlap.frames[0];
    const times = f.fields[0].values as number[];
    const half = times.indexOf(T0 + STEP / 2);
    const step = times.indexOf(T0 + STEP);
    // Hovering the half-step actual sample: the forecast lines snap to the next step.
    const idxs = f.fields.map((field, i) => (i === 0 || field.name === 'checkout requests' ? half : step));
    const [line] = buildTooltipLines(f, idxs, overlap.roles, 'utc');
    const at = new Date(T0 + STEP).toISOString().slice(11, 16);
    expect(line.parts[0]).toMatch(/^actual 140/);
    expect(line.parts[0]).not.toMatch(/ at /);
    expect(line.parts.find((p) => p.startsWith('forecast '))).toMatch(new RegExp(` at ${at}$`));
    expect(line.parts.find((p) => p.startsWith('95 % '))).toMatch(new RegExp(`^95 % [^–]+ – .+ at ${at}$`));
  });

  it('leaves out a series hidden by a legend click', () => {
    const [hidden] = hideSeries(model.frames, model.roles, new Set(['another series']));
    expect(buildTooltipLines(hidden, every(frame.length - 1), model.roles)).toEqual([]);
  });

  it('reads each line by its actual value at that time, else its forecast', () => {
    const [history] = buildTooltipLines(frame, every(0), model.roles);
    const [ahead] = buildTooltipLines(frame, every(frame.length - 1), model.roles);
    expect(history.value).toBe(frame.fields.find((f) => f.name === 'checkout requests')?.values[0]);
    expect(ahead.value).toBe(frame.fields.find((f) => f.name === 'checkout requests forecast')?.values.at(-1));
  });
});

describe('the tooltip options', () => {
  const line = (name: string, value?: number) => ({ name, color: 'red', parts: [`actual ${value}`], value });
  const lines = [line('a', 3), line('b'), line('c', 0), line('d', 7)];
  const names = (o: Partial<typeof DEFAULT_OPTIONS.tooltip>, nearest?: string) =>
    chosenLines(lines, { ...DEFAULT_OPTIONS.tooltip, ...o }, nearest ? { name: nearest } : undefined).map(
      (l) => l.name
    );

  it('All: every series in order, or sorted by value with the ones without a value last', () => {
    expect(names({})).toEqual(['a', 'b', 'c', 'd']);
    expect(names({ sort: SortOrder.Ascending })).toEqual(['c', 'a', 'd', 'b']);
    expect(names({ sort: SortOrder.Descending })).toEqual(['d', 'a', 'c', 'b']);
  });

  it('All with "Hide zeros": leaves out the series at zero or without a value', () => {
    expect(names({ hideZeros: true })).toEqual(['a', 'd']);
  });

  it('Single: the whole series nearest the cursor, or nothing when none is near', () => {
    expect(names({ mode: TooltipDisplayMode.Single }, 'd')).toEqual(['d']);
    expect(names({ mode: TooltipDisplayMode.Single })).toEqual([]);
  });
});

import { createTheme } from '@grafana/data';
import { decodeFrames } from '../../contract/decode';
import { DEFAULT_OPTIONS } from '../options';
import { makeForecastFrame } from '../testing/fixtures';
import { buildChartModel } from '../data/chartFrames';
import { hideSeries } from '../data/seriesIsolation';
import { buildTooltipLines } from './ChartTooltip';

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

  it('leaves out a series hidden by a legend click', () => {
    const [hidden] = hideSeries(model.frames, model.roles, new Set(['another series']));
    expect(buildTooltipLines(hidden, every(frame.length - 1), model.roles)).toEqual([]);
  });
});

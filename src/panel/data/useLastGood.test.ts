import { LoadingState } from '@grafana/data';
import { makeActionsFrame, makeForecastFrame, makeProgressFrame, DEFAULT_ACTIONS } from '../testing/fixtures';
import { parseFrames } from './parseFrames';
import { chooseShown } from './useLastGood';

const last = parseFrames([
  makeForecastFrame({ name: 'a', key: 'ka' }),
  makeForecastFrame({ name: 'b', key: 'kb' }),
  makeActionsFrame(DEFAULT_ACTIONS),
]);

describe('chooseShown', () => {
  it('shows a final response as it is', () => {
    const fresh = parseFrames([]);
    expect(chooseShown(fresh, LoadingState.Done, last)).toEqual({ parsed: fresh, stale: false });
  });

  it('keeps the previous forecasts while only progress streams', () => {
    const fresh = parseFrames([makeProgressFrame({ phase: 'train', fraction: 0.2 })]);
    const shown = chooseShown(fresh, LoadingState.Streaming, last);
    expect(shown.stale).toBe(true);
    expect(shown.parsed.forecasts.map((s) => s.key)).toEqual(['ka', 'kb']);
    expect(shown.parsed.progress?.fraction).toBe(0.2);
    expect(shown.parsed.actions).toBe(last.actions);
  });

  it('replaces series one by one as their new forecasts stream in', () => {
    const fresh = parseFrames([makeForecastFrame({ name: 'b', key: 'kb', base: 500 })]);
    const shown = chooseShown(fresh, LoadingState.Streaming, last);
    expect(shown.parsed.forecasts.map((s) => s.key)).toEqual(['kb', 'ka']);
    expect(shown.parsed.forecasts[0]).toBe(fresh.forecasts[0]);
  });

  it('keeps the previous forecast when the new request fails', () => {
    const shown = chooseShown(parseFrames([]), LoadingState.Error, last);
    expect(shown.stale).toBe(true);
    expect(shown.parsed.forecasts).toHaveLength(2);
  });
});

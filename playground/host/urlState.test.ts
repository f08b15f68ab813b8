import { readUrlState, writeUrlState } from './urlState';

describe('url state', () => {
  it('round-trips the page state', () => {
    const state = { dashboard: 'd', from: 'now-2d', to: 'now', theme: 'light' as const, panel: 2, refresh: '30s' };
    expect(readUrlState(writeUrlState(state))).toEqual(state);
  });

  it('defaults to the dark theme and ignores a bad panel id', () => {
    expect(readUrlState('?theme=purple&panel=abc')).toEqual({
      dashboard: undefined,
      from: undefined,
      to: undefined,
      theme: 'dark',
      panel: undefined,
      refresh: undefined,
    });
  });
});

import { fitKey, ForecastMemo, queryKey } from './forecastMemo';

const base = {
  expr: 'sum(rate(x[5m]))',
  trainingWindow: '7d',
  trainingStep: 'auto',
  horizon: '1h',
  method: 'auto',
  modelMode: 'train',
};

describe('fitKey', () => {
  it('ignores whitespace in PromQL and key order in LSTM options', () => {
    expect(fitKey({ ...base, lstm: { units: 8, epochs: 4 } })).toBe(
      fitKey({ ...base, expr: ' sum(rate(x[5m]))  ', lstm: { epochs: 4, units: 8 } })
    );
  });
  it('changes with anything that changes the fit', () => {
    expect(fitKey(base)).not.toBe(fitKey({ ...base, horizon: '2h' }));
    expect(fitKey(base)).not.toBe(fitKey({ ...base, lstm: { units: 16 } }));
  });
});

describe('queryKey', () => {
  it('ignores the bookkeeping a host changes between runs of the same query', () => {
    expect(queryKey({ ...base, key: 'Q-1', datasource: { uid: 'a' } })).toBe(queryKey({ ...base, key: 'Q-2' }));
    expect(queryKey({ ...base, unit: 'reqps' })).not.toBe(queryKey(base));
  });
});

describe('ForecastMemo', () => {
  const fit = fitKey(base);
  const q1 = queryKey({ ...base, policy: { kind: 'target' } });
  const q2 = queryKey({ ...base, policy: { kind: 'thresholds' } });

  it('re-plans an advice-only edit on the kept forecast', () => {
    const memo = new ForecastMemo<string>();
    memo.remember('p1/A', fit, q1, 0, 'forecast');
    expect(memo.replanFrom('p1/A', fit, q2, 1000)).toBe('forecast');
  });
  it('fits again on an unchanged query (refresh), after the edited one became current', () => {
    const memo = new ForecastMemo<string>();
    memo.remember('p1/A', fit, q1, 0, 'forecast');
    expect(memo.replanFrom('p1/A', fit, q1, 1000)).toBeUndefined();
    expect(memo.replanFrom('p1/A', fit, q2, 1000)).toBe('forecast');
    expect(memo.replanFrom('p1/A', fit, q2, 2000)).toBeUndefined();
  });
  it('fits again when the fit changed, the forecast is old, or the slot is another panel', () => {
    const memo = new ForecastMemo<string>();
    memo.remember('p1/A', fit, q1, 0, 'forecast');
    expect(memo.replanFrom('p1/A', fitKey({ ...base, horizon: '2h' }), q2, 1000)).toBeUndefined();
    expect(memo.replanFrom('p1/A', fit, q2, 11 * 60_000)).toBeUndefined();
    expect(memo.replanFrom('p2/A', fit, q2, 1000)).toBeUndefined();
  });
  it('keeps at most its bound of slots, dropping the oldest', () => {
    const memo = new ForecastMemo<number>(2);
    memo.remember('a', fit, q1, 0, 1);
    memo.remember('b', fit, q1, 0, 2);
    memo.remember('c', fit, q1, 0, 3);
    expect(memo.replanFrom('a', fit, q2, 1)).toBeUndefined();
    expect(memo.replanFrom('c', fit, q2, 1)).toBe(3);
  });
});

import { migrateQuery, normaliseMethod, queryNeedsMigration } from './migrations';
import { QUERY_SCHEMA_VERSION } from './types';

describe('query migrations', () => {
  it('upgrades a first-release query (no version) to the current schema', () => {
    const old = {
      refId: 'A',
      expr: 'up',
      window: '14d',
      step: '5m',
      forecastHorizon: '2h',
      modelName: 'api',
      method: 'seasonal-naive',
    };
    expect(queryNeedsMigration(old)).toBe(true);
    const q = migrateQuery(old);
    expect(q).toEqual({
      refId: 'A',
      expr: 'up',
      trainingWindow: '14d',
      trainingStep: '5m',
      horizon: '2h',
      modelRef: 'api',
      method: 'seasonal_naive',
      schemaVersion: QUERY_SCHEMA_VERSION,
    });
    expect(queryNeedsMigration(q)).toBe(false);
  });

  it('fills defaults for the placeholder query that only had expr', () => {
    const q = migrateQuery({ refId: 'B', expr: 'rate(x[5m])' });
    expect(q.trainingWindow).toBe('7d');
    expect(q.trainingStep).toBe('auto');
    expect(q.horizon).toBe('1h');
    expect(q.method).toBe('auto');
  });

  it('leaves current and future versions alone', () => {
    const current = {
      refId: 'A',
      schemaVersion: QUERY_SCHEMA_VERSION,
      expr: 'up',
      trainingWindow: '1d',
      trainingStep: 'auto',
      horizon: '1h',
      method: 'lstm' as const,
      modelMode: 'train' as const,
    };
    expect(migrateQuery(current)).toEqual(current);
    expect(migrateQuery({ refId: 'A', schemaVersion: 99 })).toEqual({ refId: 'A', schemaVersion: 99 });
  });

  it("normalises method spellings, keeps every method the engine takes, and leaves an unknown one for the engine's error", () => {
    expect(normaliseMethod('MSTL')).toBe('mstl');
    expect(normaliseMethod('lstm_base')).toBe('lstm_base');
    expect(normaliseMethod(undefined)).toBe('auto');
    // Not auto without a word: the query fails with "Unknown method "prophet"; use one of …".
    expect(normaliseMethod('prophet')).toBe('prophet');
  });
});

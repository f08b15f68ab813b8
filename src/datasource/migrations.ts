/**
 * Versioned query migrations (like the Infinity plugin's): every saved query is brought to
 * QUERY_SCHEMA_VERSION before it runs or is edited, so old dashboards keep working.
 *
 * - v1: the first release's query (`expr` plus optional `window`, `step`, `forecastHorizon`,
 *   `modelName`, method spelled `seasonal-naive`), also any query without a version.
 * - v2: `trainingWindow`, `trainingStep`, `horizon`, `modelRef`; methods spelled like the engine.
 */
import type { MethodChoice } from '../engine/api';
import { REQUESTABLE_METHODS } from '../engine/methods';
import { DEFAULT_QUERY, QUERY_SCHEMA_VERSION, type ForesightQuery } from './types';

type StoredQuery = Partial<ForesightQuery> & { refId: string } & Record<string, unknown>;

const METHOD_ALIASES: Record<string, MethodChoice> = {
  auto: 'auto',
  lstm: 'lstm',
  mstl: 'mstl',
  naive: 'naive',
  'seasonal-naive': 'seasonal_naive',
  seasonal_naive: 'seasonal_naive',
  seasonalnaive: 'seasonal_naive',
  ses: 'ses',
  seasonal_mean: 'seasonal_mean',
  'seasonal-mean': 'seasonal_mean',
  linear: 'linear',
};

/**
 * A method as the engine spells it: the old spellings and any method the engine takes (`lstm_base`,
 * which the aliases lacked); anything else is kept as written, so the query fails with the engine's
 * own "Unknown method …" and its choices instead of running `auto` without a word.
 */
export function normaliseMethod(method: unknown): MethodChoice {
  if (method === undefined || method === null || method === '') {
    return 'auto';
  }
  const text = String(method);
  const lower = text.toLowerCase();
  const known = REQUESTABLE_METHODS.find((m) => m === lower);
  return METHOD_ALIASES[lower] ?? known ?? (text as MethodChoice);
}

function v1ToV2(q: StoredQuery): StoredQuery {
  const { window, step, forecastHorizon, modelName, ...rest } = q as StoredQuery & {
    window?: string;
    step?: string;
    forecastHorizon?: string;
    modelName?: string;
  };
  return {
    ...rest,
    trainingWindow: rest.trainingWindow ?? window ?? DEFAULT_QUERY.trainingWindow,
    trainingStep: rest.trainingStep ?? step ?? DEFAULT_QUERY.trainingStep,
    horizon: rest.horizon ?? forecastHorizon ?? DEFAULT_QUERY.horizon,
    modelRef: rest.modelRef ?? modelName,
    method: normaliseMethod(rest.method),
    schemaVersion: 2,
  };
}

const MIGRATIONS: Record<number, (q: StoredQuery) => StoredQuery> = { 1: v1ToV2 };

export function queryNeedsMigration(query: { refId?: string; schemaVersion?: number }): boolean {
  return (query.schemaVersion ?? 1) < QUERY_SCHEMA_VERSION;
}

/** Applies every migration from the stored version up; unknown newer versions are left as they are. */
export function migrateQuery<Q extends { refId: string }>(query: Q): ForesightQuery {
  let q = { ...query } as unknown as StoredQuery;
  let version = typeof q.schemaVersion === 'number' ? q.schemaVersion : 1;
  while (version < QUERY_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) {
      break;
    }
    q = step(q);
    version = q.schemaVersion ?? version + 1;
  }
  return q as ForesightQuery;
}

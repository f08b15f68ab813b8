/**
 * Query and configuration model of the Foresight data source, with the defaults the editors show.
 * Saved dashboards carry `schemaVersion`; `migrations.ts` upgrades older shapes.
 */
import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { ComputeBackend } from '../engine/api';
import { DEFAULT_SPEC, withSpecDefaults, type ForecastSpec, type ModelStorage } from '../advisor/spec';
import type { ScalingPolicy } from '../policy/types';

export const QUERY_SCHEMA_VERSION = 2;

export type { ModelMode, ModelStorage } from '../advisor/spec';

/** A Foresight query: the use case's spec plus Grafana's query fields and a schema version. */
export interface ForesightQuery extends DataQuery, ForecastSpec {
  schemaVersion?: number;
}

export interface ForesightOptions extends DataSourceJsonData {
  /** UID of the wrapped Prometheus data source. */
  prometheusUid?: string;
  modelStorage?: ModelStorage;
  /** `url` storage: base URL saved models are loaded from. */
  modelBaseUrl?: string;
  backend?: ComputeBackend;
  defaultPolicy?: Partial<ScalingPolicy>;
  /** Most series one query may forecast (one model each). */
  maxSeries?: number;
  /** Seconds to wait for each request to the wrapped Prometheus (and for a model URL) before giving up. */
  requestTimeoutSec?: number;
  /**
   * What the settings editor could not accept when it was saved (a field's text that does not parse:
   * the saved or default value stays in use), so "Save & test" says so instead of "ready".
   */
  settingProblems?: string[];
}

export const DEFAULT_REQUEST_TIMEOUT_SEC = 60;

/** The longest request timeout: past an hour a Prometheus that never answers holds the panel for good. */
const MAX_REQUEST_TIMEOUT_SEC = 3600;

/** The request timeout in ms; absent, zero or nonsense settings fall back to the default. */
export function requestTimeoutMs(options: Pick<ForesightOptions, 'requestTimeoutSec'>): number {
  const sec = options.requestTimeoutSec;
  return (
    (typeof sec === 'number' && Number.isFinite(sec) && sec > 0
      ? Math.min(sec, MAX_REQUEST_TIMEOUT_SEC)
      : DEFAULT_REQUEST_TIMEOUT_SEC) * 1000
  );
}

/**
 * What "Save & test" says of a stored timeout it does not use as stored (provisioned JSON can hold
 * any value; the editor refuses them as typed).
 */
export function requestTimeoutNote(options: Pick<ForesightOptions, 'requestTimeoutSec'>): string | undefined {
  const sec = options.requestTimeoutSec;
  if (sec === undefined || sec === null) {
    return undefined;
  }
  const used = requestTimeoutMs(options) / 1000;
  return used === Number(sec) ? undefined : `The request timeout ${String(sec)} s is not used as set: ${used} s is.`;
}

/**
 * Series one query forecasts. 100: every series gets a quick forecast within seconds (the base model,
 * nothing trained) and its own model in the background, most important first; lower it in the data
 * source settings where browsers are weak.
 */
export const DEFAULT_MAX_SERIES = 100;

export const DEFAULT_QUERY: Omit<ForesightQuery, 'refId'> = {
  schemaVersion: QUERY_SCHEMA_VERSION,
  ...DEFAULT_SPEC,
};

export const DEFAULT_OPTIONS: Required<Pick<ForesightOptions, 'modelStorage' | 'backend' | 'maxSeries'>> = {
  modelStorage: 'indexeddb',
  backend: 'auto',
  maxSeries: DEFAULT_MAX_SERIES,
};

/** The query with every default filled in (what the data source actually runs). */
export function withQueryDefaults(query: Partial<ForesightQuery> & Pick<DataQuery, 'refId'>): ForesightQuery {
  return { schemaVersion: QUERY_SCHEMA_VERSION, ...withSpecDefaults(query) };
}

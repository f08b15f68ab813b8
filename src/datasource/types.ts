/**
 * Query and configuration model of the Foresight data source, with the defaults the editors show.
 * Saved dashboards carry `schemaVersion`; `migrations.ts` upgrades older shapes.
 */
import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { ComputeBackend, LstmOptions, MethodChoice } from '../engine/api';
import type { ScalingPolicy } from '../policy/types';

export const QUERY_SCHEMA_VERSION = 2;

export type ModelMode = 'train' | 'load' | 'auto-retrain';
export type ModelStorage = 'indexeddb' | 'url';

export interface ForesightQuery extends DataQuery {
  schemaVersion?: number;
  /** PromQL; `$var`, `$__interval`, `$__range` are interpolated. */
  expr: string;
  legendFormat?: string;
  /** Grafana unit id of the metric (e.g. `reqps`, `percent`, `bytes`) for the value fields. */
  unit?: string;
  /** How much history to train on, ending now: `7d`, `30d`, `12h`. */
  trainingWindow: string;
  /** Step of the training data: `auto` or a duration (`60s`, `5m`). */
  trainingStep: string;
  /** How far ahead to forecast: `1h`, `6h`. */
  horizon: string;
  method: MethodChoice;
  modelMode: ModelMode;
  /** `load`: saved model name (IndexedDB) or URL (absolute, or relative to the configured base URL). */
  modelRef?: string;
  /** `load`: fine-tune the loaded model on the fresh window. */
  fineTune?: boolean;
  /** `auto-retrain`: retrain when the cached model is older than this (`1d`). */
  maxModelAge?: string;
  /** `auto-retrain`: retrain when the model's MAE relative to seasonal naive rises above this. */
  maxRelMae?: number;
  lstm?: LstmOptions;
  /** Overrides of the data source's default scaling policy. */
  policy?: Partial<ScalingPolicy>;
  /** Replicas running now; defaults to the policy's minimum. */
  currentReplicas?: number;
  /** A series whose last-24 h peak is below this and whose upper 95 % band stays ≈ 0 is marked retire; unset: no retire check. */
  retireThreshold?: number;
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
}

export const DEFAULT_REQUEST_TIMEOUT_SEC = 60;

/** The request timeout in ms; absent, zero or nonsense settings fall back to the default. */
export function requestTimeoutMs(options: Pick<ForesightOptions, 'requestTimeoutSec'>): number {
  const sec = options.requestTimeoutSec;
  return (
    (typeof sec === 'number' && Number.isFinite(sec) && sec > 0 ? Math.min(sec, 3600) : DEFAULT_REQUEST_TIMEOUT_SEC) *
    1000
  );
}

export const DEFAULT_MAX_SERIES = 10;

export const DEFAULT_QUERY: Omit<ForesightQuery, 'refId'> = {
  schemaVersion: QUERY_SCHEMA_VERSION,
  expr: '',
  legendFormat: '',
  trainingWindow: '7d',
  trainingStep: 'auto',
  horizon: '1h',
  method: 'auto',
  modelMode: 'train',
  maxModelAge: '1d',
  maxRelMae: 1,
};

export const DEFAULT_OPTIONS: Required<Pick<ForesightOptions, 'modelStorage' | 'backend' | 'maxSeries'>> = {
  modelStorage: 'indexeddb',
  backend: 'auto',
  maxSeries: DEFAULT_MAX_SERIES,
};

/** The query with every default filled in (what the data source actually runs). */
export function withQueryDefaults(query: Partial<ForesightQuery> & Pick<DataQuery, 'refId'>): ForesightQuery {
  const defined = Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined)
  ) as Partial<ForesightQuery>;
  return { ...DEFAULT_QUERY, ...defined, refId: query.refId };
}

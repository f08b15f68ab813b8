/**
 * What one forecast query asks for, free of Grafana: the data source's query (without its Grafana
 * parts) and a headless job are both a `ForecastSpec`, so both run the same use case.
 */
import type { LstmOptions, MethodChoice } from '../engine/api';
import type { ScalingPolicy } from '../policy/types';

export type ModelMode = 'train' | 'load' | 'auto-retrain';
export type ModelStorage = 'indexeddb' | 'url';
/** `model`: run the model here (the browser, or the headless runner itself); `server`: read what a Foresight server published. */
export type ForecastFrom = 'model' | 'server';

export interface ForecastSpec {
  /** The query's id (`A`), or the headless job's name. */
  refId: string;
  /** PromQL, interpolated by the front door (`$__interval`, `$__range` are bound per request). */
  expr: string;
  legendFormat?: string;
  /** Grafana unit id of the metric (e.g. `reqps`, `percent`, `bytes`) for the value fields. */
  unit?: string;
  /** Where the forecast comes from (default `model`). */
  forecastFrom?: ForecastFrom;
  /** `server`: the headless runner's job name, as in its config (`job` label of `foresight_forecast`). */
  serverJob?: string;
  /** How much history to train on, ending now: `7d`, `30d`, `12h`. */
  trainingWindow: string;
  /** Step of the training data: `auto` or a duration (`60s`, `5m`). */
  trainingStep: string;
  /** How far ahead to forecast: `1h`, `6h`. */
  horizon: string;
  method: MethodChoice;
  modelMode: ModelMode;
  /** `load`: saved model name or URL (absolute, or relative to the configured base URL). */
  modelRef?: string;
  /** `load`: fine-tune the loaded model on the fresh window. */
  fineTune?: boolean;
  /** `train`/`auto-retrain`: retrain or fine-tune when the cached model is older than this (`1d`). */
  maxModelAge?: string;
  /** `auto-retrain`: retrain when the model's MAE relative to seasonal naive rises above this. */
  maxRelMae?: number;
  lstm?: LstmOptions;
  /** Overrides of the default scaling policy. */
  policy?: Partial<ScalingPolicy>;
  /** Replicas running now; defaults to the policy's minimum. */
  currentReplicas?: number;
  /** A series whose last-24 h peak is below this and whose upper 95 % band stays ≈ 0 is marked retire; unset: no retire check. */
  retireThreshold?: number;
}

export const DEFAULT_SPEC: Omit<ForecastSpec, 'refId'> = {
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

/** The spec with every default filled in (what the use case actually runs); undefined fields take defaults. */
export function withSpecDefaults<T extends Partial<ForecastSpec> & { refId: string }>(spec: T): T & ForecastSpec {
  const defined = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as Partial<T>;
  return { ...DEFAULT_SPEC, ...defined, refId: spec.refId } as T & ForecastSpec;
}

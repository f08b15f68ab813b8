/**
 * The errors a Foresight query can end in, each with a message that says what happened and what to
 * do. Everything that fails (Prometheus, the engine, the worker) is mapped to one of these.
 */
import { PrometheusError, classifyPrometheusError } from '../io/prometheus/errors';
import { ForecastCancelledError, WorkerCrashError } from '../worker/errors';

export type ForesightErrorKind =
  | 'config'
  | 'promql'
  | 'resolution'
  | 'unreachable'
  | 'timeout'
  | 'prometheus'
  | 'empty'
  | 'too_short'
  | 'incompatible_model'
  | 'model_not_found'
  | 'worker_crash'
  | 'too_many_series'
  | 'cancelled'
  | 'engine';

export class ForesightError extends Error {
  constructor(
    readonly kind: ForesightErrorKind,
    message: string
  ) {
    super(message);
    this.name = 'ForesightError';
  }
}

export function configError(message: string): ForesightError {
  return new ForesightError('config', message);
}

export function emptyResultError(expr: string, what: string): ForesightError {
  return new ForesightError(
    'empty',
    `The query returned no data over ${what}: ${expr}. Check the expression in Explore, and that the metric existed in that time range.`
  );
}

function engineCode(err: unknown): string | undefined {
  if (err instanceof Error && (err.name === 'EngineError' || 'code' in err)) {
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Maps any thrown value to a ForesightError (keeping specific messages). */
export function toForesightError(err: unknown): ForesightError {
  if (err instanceof ForesightError) {
    return err;
  }
  if (err instanceof PrometheusError) {
    const kind: ForesightErrorKind =
      err.kind === 'http' ? 'prometheus' : err.kind === 'cancelled' ? 'cancelled' : err.kind;
    return new ForesightError(kind, err.message);
  }
  if (err instanceof WorkerCrashError) {
    return new ForesightError('worker_crash', err.message);
  }
  if (err instanceof ForecastCancelledError) {
    return new ForesightError('cancelled', err.message);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && err.name === 'DurationError') {
    return new ForesightError('config', message);
  }
  if (err instanceof Error && err.name === 'WorkerCrashError') {
    return new ForesightError('worker_crash', message);
  }
  switch (engineCode(err)) {
    case 'too_short':
      return new ForesightError('too_short', message);
    case 'incompatible_model':
      return new ForesightError('incompatible_model', message);
    case 'cancelled':
      return new ForesightError('cancelled', message);
    case undefined:
      break;
    default:
      return new ForesightError('engine', message);
  }
  return new ForesightError('engine', `Forecast failed: ${message}`);
}

/**
 * The wrapped Prometheus source reports failures as DataQueryError objects (per refId) or rejects
 * with a FetchError-like object (`data.message`, `status`). Both become specific errors.
 */
export function fromDataSourceError(err: unknown): ForesightError {
  if (err instanceof ForesightError || err instanceof PrometheusError) {
    return toForesightError(err);
  }
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; status?: unknown; data?: { message?: unknown; error?: unknown } };
    const message = [e.message, e.data?.message, e.data?.error].find(
      (m): m is string => typeof m === 'string' && m.length > 0
    );
    const status = typeof e.status === 'number' ? e.status : undefined;
    if (message !== undefined || status !== undefined) {
      return toForesightError(classifyPrometheusError(message ?? `HTTP ${status}`, undefined, status));
    }
  }
  return toForesightError(err);
}

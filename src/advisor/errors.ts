/**
 * The errors a Foresight query can end in, each with a message that says what happened and what to
 * do. Everything that fails (Prometheus, the engine, the runner) is mapped to one of these, in the
 * data source and in the headless runner alike.
 */
import { PrometheusError } from '../io/prometheus/errors';

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

/** Said by the data source and `serve` alike, so it names no tool only one of them has (Grafana's Explore). */
export function emptyResultError(expr: string, what: string): ForesightError {
  return new ForesightError(
    'empty',
    `The query returned no data over ${what}: ${expr}. Check the expression and its label values (e.g. in Prometheus's own graph page), and that the metric existed in that time range.`
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
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && err.name === 'DurationError') {
    return new ForesightError('config', message);
  }
  // The runner's errors are told apart by name: they may have crossed a worker boundary as plain data.
  if (err instanceof Error && err.name === 'WorkerCrashError') {
    return new ForesightError('worker_crash', message);
  }
  if (err instanceof Error && err.name === 'ForecastCancelledError') {
    return new ForesightError('cancelled', message);
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

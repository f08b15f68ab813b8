/** Errors of the worker bridge, with messages meant for the panel. */

export class WorkerCrashError extends Error {
  constructor(detail: string) {
    super(
      `The forecast worker crashed: ${detail}. Reload the dashboard; if it happens again, lower the LSTM units/window or choose method MSTL.`
    );
    this.name = 'WorkerCrashError';
  }
}

/**
 * The worker script never started (blocked by a CSP, a 404 or a syntax error while loading): not a
 * memory problem, so no advice about model size; the caller can run on the main thread instead.
 */
export class WorkerStartError extends Error {
  constructor(readonly detail: string) {
    super(`The forecast worker could not start (${detail}).`);
    this.name = 'WorkerStartError';
  }
}

export class ForecastCancelledError extends Error {
  constructor() {
    super('Forecast cancelled (the query was superseded).');
    this.name = 'ForecastCancelledError';
  }
}

/** Re-creates an error that crossed the worker boundary as plain data, keeping name and code. */
export function reviveError(payload: { name: string; message: string; code?: string }): Error {
  const err = new Error(payload.message) as Error & { code?: string };
  err.name = payload.name;
  if (payload.code) {
    err.code = payload.code;
  }
  return err;
}

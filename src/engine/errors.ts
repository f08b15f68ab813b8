/** Errors the engine raises on purpose: callers show `message` to users as is. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: 'too_short' | 'bad_input' | 'incompatible_model' | 'cancelled' | 'unavailable'
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) {
    throw new EngineError('Forecast cancelled.', 'cancelled');
  }
}

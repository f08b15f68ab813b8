import type { LstmOptions } from './api';
import { EngineError } from './errors';
import { DEFAULT_LSTM_WINDOW } from './requirements';

/**
 * Epochs and early stopping (not the clock) end training: each epoch is a fixed, seeded amount of
 * work (`samplesPerEpoch` windows), so the same data and settings give the same model however
 * loaded the machine is. `maxTrainMs` is only a safety net far above the normal time (16 epochs of
 * 2048 windows took about 1 s on 2 cores); when it does fire the report says so, since the result
 * then depends on the machine's speed.
 */
export const LSTM_DEFAULTS = {
  window: DEFAULT_LSTM_WINDOW,
  units: 16,
  epochs: 16,
  batchSize: 256,
  patience: 4,
  learningRate: 0.005,
  maxTrainMs: 60_000,
  samplesPerEpoch: 2048,
  seed: 42,
};

/** One LSTM option's allowed range, with the words a user sees when a value falls outside it. */
export interface OptionLimit {
  label: string;
  min: number;
  max: number;
  /** Whole numbers only (units, window, epochs…). */
  integer: boolean;
  /** The minimum itself is excluded (a learning rate of 0 would never learn). */
  minExclusive?: boolean;
}

/**
 * Ranges of the LSTM options, checked before any tensor exists. Exported so the query editor
 * offers the same bounds. The ranges stop absurd values (0, −1, 1.5, NaN, 1e9) with a specific
 * message; whether a *combination* fits in memory is the budget's job (`budget.ts`).
 */
export type LimitedLstmOption =
  'window' | 'units' | 'epochs' | 'batchSize' | 'patience' | 'learningRate' | 'maxTrainMs' | 'samplesPerEpoch' | 'seed';

export const LSTM_LIMITS: Record<LimitedLstmOption, OptionLimit> = {
  window: { label: 'LSTM window', min: 2, max: 512, integer: true },
  units: { label: 'LSTM units', min: 1, max: 256, integer: true },
  epochs: { label: 'LSTM epochs', min: 1, max: 200, integer: true },
  batchSize: { label: 'LSTM batch size', min: 1, max: 2048, integer: true },
  patience: { label: 'LSTM patience', min: 1, max: 100, integer: true },
  learningRate: { label: 'LSTM learning rate', min: 0, max: 1, integer: false, minExclusive: true },
  maxTrainMs: { label: 'LSTM training time limit (ms)', min: 1, max: 3_600_000, integer: true },
  samplesPerEpoch: { label: 'LSTM samples per epoch', min: 1, max: 65_536, integer: true },
  seed: { label: 'LSTM seed', min: 0, max: 4_294_967_295, integer: true },
};

/** The message for a value outside its range, or undefined when it is fine. */
export function limitViolation(limit: OptionLimit, value: unknown): string | undefined {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!limit.integer || Number.isInteger(value)) &&
    (limit.minExclusive ? value > limit.min : value >= limit.min) &&
    value <= limit.max;
  if (ok) {
    return undefined;
  }
  const range = limit.minExclusive
    ? `a number greater than ${limit.min} and at most ${limit.max}`
    : limit.integer
      ? `a whole number from ${limit.min} to ${limit.max}`
      : `a number from ${limit.min} to ${limit.max}`;
  const got = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return `${limit.label} must be ${range}; got ${got}.`;
}

/**
 * Throws `EngineError('bad_input')` naming every LSTM option outside its range. Undefined options
 * take their defaults and are not checked; unknown keys are ignored.
 */
export function validateLstmOptions(opts: LstmOptions | undefined): void {
  if (opts === undefined) {
    return;
  }
  if (opts === null || typeof opts !== 'object') {
    throw new EngineError('LSTM options must be an object.', 'bad_input');
  }
  const problems: string[] = [];
  for (const key of Object.keys(LSTM_LIMITS) as LimitedLstmOption[]) {
    const v = opts[key];
    if (v === undefined) {
      continue;
    }
    const why = limitViolation(LSTM_LIMITS[key], v);
    if (why) {
      problems.push(why);
    }
  }
  if (problems.length) {
    throw new EngineError(problems.join(' '), 'bad_input');
  }
}

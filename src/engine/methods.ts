/**
 * The engine's method lists, data only (no tfjs, no augurs), so front doors that only parse input
 * (the CLI's flags, `serve`'s config) list exactly what the engine accepts without loading it.
 */
import type { BaseMethod, MethodChoice } from './api';

/** A horizon beyond this many steps is almost certainly a unit mistake (steps vs seconds). */
export const MAX_HORIZON = 10_000;

/**
 * The baselines: every forecast is compared with them, `auto` falls back to the better of them,
 * and a learned method must beat it by the margin (`recent.ts`).
 */
export const BASELINE_METHODS: readonly BaseMethod[] = ['naive', 'seasonal_naive'];

export function isBaseline(method: BaseMethod): boolean {
  return BASELINE_METHODS.includes(method);
}

/** What `auto` validates on every request (the base model joins while one is loaded: `autoCandidates`). */
export const AUTO_CANDIDATES: readonly BaseMethod[] = [
  'naive',
  'seasonal_naive',
  'ses',
  'seasonal_mean',
  'mstl',
  'linear',
  'lstm',
];

/** What a quick request chooses among: nothing here trains (`ForecastRequest.quick`). */
export const QUICK_CANDIDATES: readonly BaseMethod[] = ['naive', 'seasonal_naive', 'ses', 'seasonal_mean'];

/**
 * Every method a request may name: `auto`'s candidates, the base model alone, and `auto`. The
 * medians (`ensemble.ts`) are not among them: they exist only beside the candidates they combine.
 */
export const REQUESTABLE_METHODS: readonly MethodChoice[] = [...AUTO_CANDIDATES, 'lstm_base', 'auto'];

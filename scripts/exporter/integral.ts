/**
 * The demo's counters as the integral of the traffic model's rates from the history origin: the
 * backfill records this integral at each history step and the live exporter reports it at the wall
 * clock, so the live counters continue the backfilled ones with no dip or jump at "now" (a counter
 * that restarted, or lagged by the seconds the backfill took, showed as a dip in `rate()` exactly
 * where the forecast starts).
 *
 * Both sides use one grid (the history step) and the rectangle rule with the rate at each step's
 * start, so at every grid point they agree to the last bit; between grid points the live value adds
 * the partial step.
 */
import { type Clock, dayMs, MODEL_VERSIONS, modelCallRate, serviceState } from './traffic';

export interface CounterTotals {
  /** Per MODEL_VERSIONS entry. */
  modelCalls: number[];
  /** Requests answered 200. */
  ok: number;
  /** Requests answered 500 (also `http_request_errors_total`). */
  errors: number;
}

/**
 * The history's sampling step, which is also the interval Prometheus scrapes the live exporter at
 * (scripts/prometheus/stack.ts): a quarter of a simulated minute, at least 5 s (15 s with the real
 * day). Why one interval for both: rate() extrapolates a window's increase to its start only when
 * its first sample lies within 1.1 average intervals of it, so a window holding sparser history and
 * denser scrapes reads low. With minute-spaced history and 5 s scrapes, every window over the seam
 * did, for about five minutes after each start (the checkout rate, 991 req/s, as low as 643 over
 * [2m] and 893 over [5m]). Why not a minute for both: a [2m] window then holds two samples, and the
 * first scrape, landing at any phase of the minute, can sit a second after the last backfilled one
 * (simulated with Prometheus's rule: the worst [2m] reading below half the rate in half the starts).
 * At 15 s: at worst 0.86 of it over [2m] and none lower over [5m], for 4 × the samples (about a
 * million, 5 s more backfill).
 */
export function historyStepMs(clock: Clock): number {
  // Whole seconds: it is a scrape_interval too.
  return Math.max(5000, Math.round(dayMs(clock) / 5760 / 1000) * 1000);
}

/**
 * What a counter sample says of a total: rounded DOWN to 1/1000, by the backfill and the live
 * exporter alike. Down, so a value is never above the exact total the next one continues from
 * (rounding up would look like a counter reset to rate(), a spike of the whole total at "now").
 * Alike, because the live exporter reporting the exact total put a jump of up to 0.001 at the seam:
 * on a model version whose calls had stopped days before, rate() read 1.07e-6 req/s for the first
 * minutes instead of 0, and the panel's typical error said ±2.97e-10 req/s.
 */
export function recordedCount(total: number): number {
  return Math.floor(total * 1000) / 1000;
}

/** Counter rates (per second) at `tMs`. */
export function counterRates(tMs: number, originMs: number, clock: Clock): CounterTotals {
  const state = serviceState(tMs, clock);
  return {
    modelCalls: MODEL_VERSIONS.map((v, i) => modelCallRate(v, i, tMs, originMs, clock)),
    ok: state.requestsPerSec - state.errorsPerSec,
    errors: state.errorsPerSec,
  };
}

function addScaled(into: CounterTotals, rates: CounterTotals, seconds: number): void {
  rates.modelCalls.forEach((r, i) => (into.modelCalls[i] += r * seconds));
  into.ok += rates.ok * seconds;
  into.errors += rates.errors * seconds;
}

function copy(t: CounterTotals): CounterTotals {
  return { modelCalls: [...t.modelCalls], ok: t.ok, errors: t.errors };
}

/** Integral of the counter rates from `originMs`, read at non-decreasing times. */
export class TrafficIntegral {
  readonly stepMs: number;
  /** Grid point up to which `full` holds the integral. */
  private gridMs: number;
  private full: CounterTotals;

  constructor(
    readonly originMs: number,
    private readonly clock: Clock
  ) {
    this.stepMs = historyStepMs(clock);
    this.gridMs = originMs;
    this.full = { modelCalls: MODEL_VERSIONS.map(() => 0), ok: 0, errors: 0 };
  }

  /** Totals at `tMs` (at or after the origin; earlier grid points are not revisited). */
  at(tMs: number): CounterTotals {
    if (tMs < this.gridMs) {
      throw new Error(`TrafficIntegral reads forward only: asked for ${tMs}, already at ${this.gridMs}`);
    }
    const stepSec = this.stepMs / 1000;
    while (this.gridMs + this.stepMs <= tMs) {
      addScaled(this.full, counterRates(this.gridMs, this.originMs, this.clock), stepSec);
      this.gridMs += this.stepMs;
    }
    const result = copy(this.full);
    const partialSec = Math.max(0, tMs - this.gridMs) / 1000;
    if (partialSec > 0) {
      addScaled(result, counterRates(this.gridMs, this.originMs, this.clock), partialSec);
    }
    return result;
  }
}

/**
 * Re-plan, don't retrain. A policy, replica, retire-threshold, unit or legend edit changes what is
 * advised or drawn, not what was learned: the data source re-plans on the forecast it keeps here
 * instead of fetching and fitting again. An unchanged query (a refresh, a time-range change) is not a
 * re-plan: it fetches fresh data and goes through the model cache as the model settings say.
 */
import { canonicalJson } from '../common/canonicalJson';

/** The query fields that decide what is learned and forecast; editing any of them starts a new fit. */
export interface FitFields {
  expr: string;
  trainingWindow: string;
  trainingStep: string;
  horizon: string;
  method: string;
  modelMode: string;
  modelRef?: string;
  fineTune?: boolean;
  maxModelAge?: string;
  maxRelMae?: number;
  lstm?: object;
  /** Data-source settings that change the fit (compute backend). */
  backend?: string;
}

export function fitKey(f: FitFields): string {
  return canonicalJson({
    expr: f.expr.trim().replace(/\s+/g, ' '),
    trainingWindow: f.trainingWindow,
    trainingStep: f.trainingStep,
    horizon: f.horizon,
    method: f.method,
    modelMode: f.modelMode,
    modelRef: f.modelRef,
    fineTune: f.fineTune,
    maxModelAge: f.maxModelAge,
    maxRelMae: f.maxRelMae,
    lstm: f.lstm ?? {},
    backend: f.backend,
  });
}

/** Bookkeeping a host may change between runs of the same query (Grafana's `key`, the picker's `datasource`). */
const NOT_ASKED = new Set(['key', 'datasource', 'hide']);

/** Key of everything the query asks (fit and advice), to tell an edit from a plain re-run. */
export function queryKey(query: object): string {
  return canonicalJson(Object.fromEntries(Object.entries(query).filter(([k]) => !NOT_ASKED.has(k))));
}

interface Entry<T> {
  fitKey: string;
  queryKey: string;
  /** When the kept forecast was made. */
  atMs: number;
  value: T;
}

/** Longest a kept forecast is re-planned on; after that an edit fits again (through the model cache). */
export const REPLAN_MAX_AGE_MS = 10 * 60_000;

/**
 * The last forecast of each query slot (dashboard + panel + refId), bounded in count so a long-open
 * tab with many panels does not grow without end.
 */
export class ForecastMemo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries = 32) {}

  /**
   * The kept forecast when this run is an edit of advice-only fields: same fit, different query,
   * young enough. Undefined means fit again.
   */
  replanFrom(slot: string, fit: string, query: string, nowMs: number, maxAgeMs = REPLAN_MAX_AGE_MS): T | undefined {
    const e = this.sameFit(slot, fit, nowMs, maxAgeMs);
    if (!e || e.queryKey === query) {
      return undefined;
    }
    // The edited query is now the one on screen: running it again unchanged is a refresh.
    e.queryKey = query;
    return e.value;
  }

  /**
   * The last forecast of the slot when this run fits the same thing again (a refresh, a time-range
   * or advice edit), young enough; a progressive answer keeps it on screen until each series' new
   * answer lands (`progressive.ts`).
   */
  lastFit(slot: string, fit: string, nowMs: number, maxAgeMs = REPLAN_MAX_AGE_MS): T | undefined {
    return this.sameFit(slot, fit, nowMs, maxAgeMs)?.value;
  }

  /** The slot's entry when it was fitted the same way and is young enough. */
  private sameFit(slot: string, fit: string, nowMs: number, maxAgeMs: number): Entry<T> | undefined {
    const e = this.entries.get(slot);
    return e && e.fitKey === fit && nowMs - e.atMs <= maxAgeMs ? e : undefined;
  }

  remember(slot: string, fit: string, query: string, nowMs: number, value: T): void {
    this.entries.delete(slot);
    this.entries.set(slot, { fitKey: fit, queryKey: query, atMs: nowMs, value });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.entries.delete(oldest);
    }
  }

  forget(slot: string): void {
    this.entries.delete(slot);
  }
}

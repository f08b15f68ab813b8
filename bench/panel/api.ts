/**
 * What the benchmark page exposes to the Node runner (`window.foresightBench`), shared by both
 * sides so the runner and the page cannot drift apart.
 */

/** The cases the page can render; every one is measured in the same browser session. */
export const CASE_IDS = ['panel-5x2000', 'panel-1x200', 'timeseries-5x2000', 'panel-50x2000'] as const;
export type CaseId = (typeof CASE_IDS)[number];

export interface CaseInfo {
  id: CaseId;
  /** What renders: the Foresight panel, or @grafana/ui's TimeSeries fed the panel's own chart frames. */
  component: 'ForecastPanel' | 'TimeSeries';
  series: number;
  /** Rows per series (history + horizon). */
  points: number;
  horizon: number;
  width: number;
  height: number;
  /** The panel's "Maximum forecast series" when the default would leave series out. */
  maxSeries?: number;
}

export interface CanvasInk {
  width: number;
  height: number;
  /** Pixels whose alpha is not 0: a blank canvas has none. */
  inkPixels: number;
  inkRatio: number;
}

export interface Timing {
  /** From `render()` to the first frame painted after the page stopped changing. */
  toPaintMs: number;
  /** From `render()` to the last DOM mutation or canvas drawing call (no wait for a frame). */
  toLastChangeMs: number;
}

export interface BenchApi {
  cases: CaseInfo[];
  /** Mounts a case into an empty root and times it until the page settled. */
  mount(id: CaseId): Promise<Timing>;
  /** Re-renders the mounted case with new data of the same shape, timed the same way. */
  update(id: CaseId): Promise<Timing>;
  unmount(): void;
  /** Non-blank pixels of the chart's canvas (0 when there is none). */
  ink(): CanvasInk;
}

declare global {
  interface Window {
    foresightBench?: BenchApi;
    /** Present when Chromium runs with `--js-flags=--expose-gc`. */
    gc?: () => void;
  }
}

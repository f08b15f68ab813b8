/**
 * What the page records for the benchmark, as a black box, on the page's own clock
 * (performance.now(), ms since navigation): every Prometheus range query's response (Resource
 * Timing, to cross-check the driver's clock), and every change of what the panel received (the playground's panel summary) in state,
 * number of series with a forecast, or number of frames. The init script is plain JavaScript text
 * so no helper of the TypeScript runner leaks into the page.
 */
import { playgroundTestIds } from '../../playground/host/testIds';
import { RANGE_QUERY_PATH } from './rangeQueries';

export interface ProbeResource {
  url: string;
  startMs: number;
  /** When the response body had fully arrived. */
  endMs: number;
  bytes: number;
}

export interface ProbeChange {
  /** When the panel's data changed (the DOM mutation after React's commit). */
  atMs: number;
  /** The first frame painted after that change. */
  paintMs?: number;
  state: string;
  /** Distinct series with at least one finite forecast point. */
  forecastSeries: number;
  frames: number;
  backends: string[];
  computes: string[];
  errors: string[];
}

export interface ProbeData {
  /** Epoch ms of the page's clock zero (navigation start). */
  timeOrigin: number;
  /** The range queries as Resource Timing saw them: a cross-check of the driver's clock. */
  resources: ProbeResource[];
  changes: ProbeChange[];
}

export function probeScript(panelId: number): string {
  const summaryId = JSON.stringify(playgroundTestIds.panelSummary(panelId));
  const rangePath = JSON.stringify(RANGE_QUERY_PATH);
  return `(() => {
  const probe = { resources: [], changes: [] };
  window.__foresightBenchProbe = probe;
  try { performance.setResourceTimingBufferSize(100000); } catch (e) { /* older browsers: default size */ }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name.includes(${rangePath})) {
        probe.resources.push({ url: e.name, startMs: e.startTime, endMs: e.responseEnd, bytes: e.encodedBodySize || 0 });
      }
    }
  }).observe({ type: 'resource', buffered: true });
  let lastText = '';
  let lastKey = '';
  const stampPaint = (change) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { change.paintMs = performance.now(); };
      channel.port2.postMessage(null);
    });
  };
  const read = () => {
    const el = document.querySelector('[data-testid=' + JSON.stringify(${summaryId}) + ']');
    const text = el ? el.textContent || '' : '';
    if (!text || text === lastText) return;
    lastText = text;
    const atMs = performance.now();
    let summary;
    try { summary = JSON.parse(text); } catch (e) { return; }
    const frames = Array.isArray(summary.frames) ? summary.frames : [];
    const forecast = frames.filter((f) => f.kind === 'forecast' && f.forecastPoints > 0);
    const names = new Set(forecast.map((f) => f.seriesName || f.name || ''));
    const uniq = (xs) => Array.from(new Set(xs.filter((x) => typeof x === 'string' && x)));
    const change = {
      atMs,
      state: String(summary.state),
      forecastSeries: names.size,
      frames: frames.length,
      backends: uniq(forecast.map((f) => f.backend)),
      computes: uniq(forecast.map((f) => f.compute)),
      errors: Array.isArray(summary.errors) ? summary.errors.slice(0, 5) : [],
    };
    const key = change.state + '|' + change.forecastSeries + '|' + change.frames;
    if (key === lastKey) return;
    lastKey = key;
    probe.changes.push(change);
    stampPaint(change);
  };
  const start = () => {
    new MutationObserver(read).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;
}

/** A page expression returning the probe's data (a string, evaluated as is). */
export const READ_PROBE = '({ timeOrigin: performance.timeOrigin, ...window.__foresightBenchProbe })';

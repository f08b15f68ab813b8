/**
 * The step of a CSV series: the median spacing of its timestamps, rounded to whole seconds when it
 * is a second or more. Timestamps exported with millisecond jitter (Prometheus's API, a scraper's
 * clock) gave steps like 299.998 s, and then every horizon was "not a whole number of steps" and a
 * model saved at 5 minutes was refused ("request uses 299998 ms").
 */
import { medianSpacing } from '../engine/prepare';

export function csvStepMs(times: number[]): number {
  const ms = medianSpacing([...times].sort((a, b) => a - b));
  return ms >= 1000 ? Math.round(ms / 1000) * 1000 : ms;
}

/**
 * Plans the training fetch: a window ending "now" at a fixed step, split into consecutive range
 * queries Prometheus will accept (at most 11,000 points per series each).
 *
 * All math is on UTC epoch milliseconds: a step grid anchored at the epoch has no daylight-saving
 * jumps, and Grafana's Prometheus source aligns ranges to multiples of the step the same way, so a
 * planned chunk reaches Prometheus unchanged. Chunk k covers grid points
 * `[first + k*max*step, first + ((k+1)*max - 1)*step]`, so neighbouring chunks share no sample and
 * skip none.
 */
import { MAX_POINTS_PER_SERIES } from './types';

export interface ChunkPlanInput {
  /** End of the window (usually Date.now()); rounded down to the step grid. */
  endMs: number;
  /** Window length; the plan holds `floor(windowMs / stepMs)` grid points ending at the aligned end. */
  windowMs: number;
  stepMs: number;
  maxPointsPerChunk?: number;
}

export interface TimeChunk {
  startMs: number;
  endMs: number;
  /** Grid points in the chunk (Prometheus evaluates start, start+step, …, end). */
  points: number;
}

export interface ChunkPlan {
  stepMs: number;
  /** First and last grid point of the whole window. */
  startMs: number;
  endMs: number;
  points: number;
  chunks: TimeChunk[];
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0 || Math.floor(value) !== value) {
    throw new RangeError(`${name} must be a positive whole number, got ${value}`);
  }
}

/** Largest multiple of `stepMs` that is <= `ms` (works for negative times too). */
export function alignDown(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}

export function planChunks(input: ChunkPlanInput): ChunkPlan {
  const { endMs, windowMs, stepMs } = input;
  const maxPoints = input.maxPointsPerChunk ?? MAX_POINTS_PER_SERIES;
  assertPositiveInteger('stepMs', stepMs);
  assertPositiveInteger('maxPointsPerChunk', maxPoints);
  if (!Number.isFinite(endMs)) {
    throw new RangeError(`endMs must be a finite epoch-ms time, got ${endMs}`);
  }
  if (!Number.isFinite(windowMs) || windowMs < stepMs) {
    throw new RangeError(`the training window (${windowMs} ms) must be at least one step (${stepMs} ms)`);
  }
  const points = Math.floor(windowMs / stepMs);
  const last = alignDown(endMs, stepMs);
  const first = last - (points - 1) * stepMs;
  const chunks: TimeChunk[] = [];
  for (let offset = 0; offset < points; offset += maxPoints) {
    const n = Math.min(maxPoints, points - offset);
    const startMs = first + offset * stepMs;
    chunks.push({ startMs, endMs: startMs + (n - 1) * stepMs, points: n });
  }
  return { stepMs, startMs: first, endMs: last, points, chunks };
}

/**
 * In-page timing: "mount-to-paint" and "update-to-paint" end at the first frame painted after the
 * page stopped changing. Activity is any DOM mutation or any canvas drawing call, so the figure
 * includes React, @grafana/ui's config building, uPlot's (microtask-deferred) draw and the panel's
 * DOM overlay, however they are scheduled. The end time of a frame is taken in a message task posted
 * from requestAnimationFrame, which runs after that frame's paint.
 */

import type { Timing } from './api';

const CANVAS_DRAW_CALLS = ['stroke', 'fill', 'fillRect', 'clearRect', 'fillText', 'drawImage', 'putImageData'] as const;

let activity = 0;
let lastActivityAt = 0;
let installed = false;

function touch(): void {
  activity++;
  lastActivityAt = performance.now();
}

/** Starts counting activity; idempotent. The wrappers cost one increment per call (uPlot draws per path, not per point). */
export function installActivityProbe(root: Node): void {
  if (installed) {
    return;
  }
  installed = true;
  new MutationObserver(() => {
    touch();
  }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const proto = CanvasRenderingContext2D.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of CANVAS_DRAW_CALLS) {
    const original = proto[name];
    proto[name] = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      touch();
      return original.apply(this, args);
    };
  }
}

export function activityCount(): number {
  return activity;
}

/** Resolves with performance.now() just after the next frame has been painted. */
export function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

export interface SettleOptions {
  /** True once the expected result is on the page (e.g. the chart canvas exists). */
  ready: () => boolean;
  /** Frames without activity that count as settled … */
  quietFrames?: number;
  /** … and at least this long (headless frames need not be 16.7 ms apart); the wait is not timed. */
  quietMs?: number;
  timeoutMs?: number;
}

/**
 * Times from `start` to the first paint after the last activity (what a user sees) and to the last
 * activity itself (the main-thread work, without the wait for a frame), once `ready()` holds and
 * the page then stayed quiet for `quietFrames` frames and `quietMs`.
 */
export async function timeToSettledPaint(start: number, opts: SettleOptions): Promise<Timing> {
  const quietFrames = opts.quietFrames ?? 8;
  const quietMs = opts.quietMs ?? 150;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  let seen = activity;
  let end = Number.NaN;
  let quiet = 0;
  for (;;) {
    const t = await afterNextPaint();
    if (activity !== seen || !opts.ready() || Number.isNaN(end)) {
      seen = activity;
      end = t;
      quiet = 0;
    } else if (++quiet >= quietFrames && t - end >= quietMs) {
      return { toPaintMs: end - start, toLastChangeMs: lastActivityAt - start };
    }
    if (t - start > timeoutMs) {
      throw new Error(`The page did not settle within ${timeoutMs} ms (ready: ${opts.ready()}).`);
    }
  }
}

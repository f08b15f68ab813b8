import { useEffect, useLayoutEffect, useRef } from 'react';
import type uPlot from 'uplot';

/** uPlot's `setCursor` with its third argument, which its typings leave out: publish to synced plots. */
type SetCursor = (opts: { left: number; top: number }, fireHook?: boolean, publish?: boolean) => void;

/**
 * Markers drawn inside uPlot's `over` take the pointer, and uPlot ignores moves aimed at anything
 * but `over` itself: the chart's tooltip froze at the time the pointer last crossed the plot (09:45
 * while hovering a 17:55 scale action) and covered the marker's own tooltip, and the panels synced
 * to it froze likewise. Entering a marker is leaving the plot's cursor, as leaving the plot is (which
 * uPlot publishes to the synced plots too); moving back onto the plot brings it back.
 */
export function leavePlotCursor(plot: uPlot): void {
  (plot.setCursor as SetCursor)({ left: -10, top: -10 }, true, true);
}

/**
 * Calls `close` when the pointer moves on the plot itself (not on a marker): a marker tooltip opened
 * by keyboard focus stayed open under the chart's own tooltip, and the two overlapped. Not on
 * `mouseenter`: entering a marker from outside the plot enters the plot too, after the marker's own
 * enter, and closed the tooltip that hover had just opened.
 */
export function useCloseOnPlotPointer(plot: uPlot, close: () => void): void {
  const latest = useRef(close);
  useLayoutEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    const over = plot.over;
    const onMove = (e: MouseEvent) => {
      if (e.target === over) {
        latest.current();
      }
    };
    over.addEventListener('mousemove', onMove);
    return () => over.removeEventListener('mousemove', onMove);
  }, [plot]);
}

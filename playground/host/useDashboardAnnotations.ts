/**
 * Runs the shown dashboard's annotation queries whenever its panels run theirs: on load, on a time
 * range change and on each refresh (each gives a new `range` object). The result keeps its identity
 * until an answer changes it, so panels' PanelData does not change for nothing.
 */
import { useEffect, useState } from 'react';
import type { TimeRange } from '@grafana/data';
import { runAnnotationQueries, type AnnotationRunResult } from './annotationRunner';
import type { DashboardModel } from './dashboardModel';

const NONE: AnnotationRunResult = { annotations: [], errors: [] };

function sameErrors(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}

export function useDashboardAnnotations(
  dashboard: DashboardModel | undefined,
  range: TimeRange,
  timeZone: string
): AnnotationRunResult {
  const [result, setResult] = useState<{ dashboard: DashboardModel; value: AnnotationRunResult } | undefined>(
    undefined
  );

  useEffect(() => {
    if (!dashboard || !dashboard.annotations.some((q) => q.enable)) {
      return;
    }
    const subscription = runAnnotationQueries({
      queries: dashboard.annotations,
      range,
      dashboardUID: dashboard.uid,
      timeZone,
      // As Grafana: no more points than pixels.
      maxDataPoints: window.innerWidth || 1000,
    }).subscribe((value) =>
      setResult((previous) => {
        // An answer without events and with the same errors changes nothing the panels see.
        const unchanged =
          previous?.dashboard === dashboard &&
          previous.value.annotations.length === 0 &&
          value.annotations.length === 0 &&
          sameErrors(previous.value.errors, value.errors);
        return unchanged ? previous : { dashboard, value };
      })
    );
    // A newer range or another dashboard cancels the queries still running.
    return () => subscription.unsubscribe();
  }, [dashboard, range, timeZone]);

  // Events of another dashboard (or an earlier load of this one) are never shown.
  if (!dashboard || result?.dashboard !== dashboard) {
    return NONE;
  }
  return result.value;
}

/** The scaling policy a query runs with: defaults ← data source defaults ← query overrides, validated. */
import { DEFAULT_POLICY, validatePolicy } from '../policy';
import type { ScalingPolicy } from '../policy/types';
import { configError } from './errors';

export function effectivePolicy(
  dataSourceDefault: Partial<ScalingPolicy> | undefined,
  query: Partial<ScalingPolicy> | undefined
): ScalingPolicy {
  try {
    return validatePolicy({ ...DEFAULT_POLICY, ...(dataSourceDefault ?? {}), ...(query ?? {}) });
  } catch (err) {
    throw configError(err instanceof Error ? err.message : String(err));
  }
}

/** The newest finite sample of a series: the policy's reactive floor never plans below what it needs now. */
export function lastObservation(series: {
  times: number[];
  values: Array<number | null>;
}): { value: number; timeMs: number } | undefined {
  for (let i = series.values.length - 1; i >= 0; i--) {
    const v = series.values[i];
    if (v !== null && Number.isFinite(v)) {
      return { value: v, timeMs: series.times[i] };
    }
  }
  return undefined;
}

/**
 * Grafana's dashboard time zone as an IANA zone for the times written in action reasons:
 * 'browser' (or unset) is the viewer's zone, 'utc' is UTC, anything else is already a zone name.
 */
export function reasonTimeZone(dashboardZone: string | undefined): string {
  if (!dashboardZone || dashboardZone === 'browser') {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
  return dashboardZone.toLowerCase() === 'utc' ? 'UTC' : dashboardZone;
}

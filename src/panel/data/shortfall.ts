/**
 * A target-tracking plan capped at max replicas: where the planned load needs more capacity than
 * max replicas give, and by how much. Drawn as a red area above the capacity line and said in the
 * warning line, because a capped plan looks fine on the replica line alone.
 */
import { dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import type { ForecastSeries, NumArray } from '../../contract/types';

export interface Shortfall {
  /** The planned load where it exceeds max capacity (null elsewhere): drawn above the capacity line. */
  load: NumArray;
  maxReplicas: number;
  /** Replicas the worst step would need. */
  peakReplicas: number;
  firstMs: number;
  /** Which line the plan follows, in words ("the upper 80 % band"). */
  basis: string;
}

type Planned = Pick<ForecastSeries, 'times' | 'forecast' | 'upper80' | 'upper95' | 'replicas' | 'policy' | 'has'>;

const BASIS_WORDS = { mean: 'the forecast', upper80: 'the upper 80 % band', upper95: 'the upper 95 % band' };

export function planShortfall(s: Planned): Shortfall | undefined {
  const policy = s.policy;
  if (!policy || policy.kind !== 'target' || !s.has.replicas) {
    return undefined;
  }
  const { capacityPerReplica: per, maxReplicas: max } = policy;
  if (!(per > 0) || !Number.isFinite(max) || max <= 0) {
    return undefined;
  }
  const line = policy.headroom === 'upper95' ? s.upper95 : policy.headroom === 'upper80' ? s.upper80 : s.forecast;
  const maxCapacity = max * per;
  let peak = 0;
  let firstMs: number | undefined;
  const load: NumArray = s.times.map((t, i) => {
    const v = line[i] ?? s.forecast[i];
    const replicas = s.replicas[i];
    if (v == null || replicas == null || replicas < max || v <= maxCapacity) {
      return null;
    }
    peak = Math.max(peak, Math.ceil(v / per));
    firstMs = firstMs ?? t;
    return v;
  });
  if (firstMs == null) {
    return undefined;
  }
  return { load, maxReplicas: max, peakReplicas: peak, firstMs, basis: BASIS_WORDS[policy.headroom] ?? 'the forecast' };
}

/** A replica count as a sentence says it; past a million (a unit mistake, not a plan) in three digits. */
function count(n: number): string {
  return n < 1e6 ? String(n) : n.toExponential(2);
}

export function shortfallSentence(short: Shortfall, timeZone?: TimeZone): string {
  const at = dateTimeFormat(short.firstMs, { timeZone, format: 'HH:mm' });
  const more = short.peakReplicas - short.maxReplicas;
  return (
    `Plan capped at ${short.maxReplicas} replicas: from ${at} ${short.basis} needs up to ${count(short.peakReplicas)} ` +
    `replicas (${count(more)} more than the maximum; red area above the capacity line). ` +
    'Raise max replicas or the capacity per replica.'
  );
}

/**
 * Replicas running now, per forecast series, from the job's `currentReplicasQuery`: a replica series
 * belongs to a forecast series when every label they share has the same value (and they share one);
 * a query that returns a single value applies to every series. What cannot be matched falls back to
 * the policy's minimum, and the job's notes say so (a fallback the user cannot see is a defect).
 */
export interface ReplicaSample {
  labels: Record<string, string>;
  value: number;
}

export interface ReplicaLookup {
  /** Replicas for a forecast series, or undefined (policy minimum). */
  forSeries(labels: Record<string, string>): number | undefined;
  /** The query returned several series (matched per forecast series by labels). */
  perSeries?: boolean;
  /** Why some series got no value, in words. */
  note?: string;
}

function shared(a: Record<string, string>, b: Record<string, string>): boolean | undefined {
  let any = false;
  for (const [k, v] of Object.entries(a)) {
    if (k === '__name__' || !(k in b)) {
      continue;
    }
    if (b[k] !== v) {
      return false;
    }
    any = true;
  }
  return any ? true : undefined;
}

/**
 * Replica counts are whole numbers; a query that averages (`avg(...)`) may give 2.5, which is
 * rounded to the nearest count rather than refused.
 */
export function replicaLookup(raw: ReplicaSample[], query?: string): ReplicaLookup {
  const samples = raw.map((s) => ({ labels: s.labels, value: Math.round(s.value) }));
  if (samples.length === 0) {
    return {
      forSeries: () => undefined,
      note: query
        ? `currentReplicasQuery returned no value (${query}); planning from the policy's minimum replicas`
        : undefined,
    };
  }
  if (samples.length === 1) {
    const value = samples[0].value;
    return { forSeries: () => value };
  }
  const forSeries = (labels: Record<string, string>) => {
    const matches = samples.filter((s) => shared(s.labels, labels) === true);
    return matches.length === 1 ? matches[0].value : undefined;
  };
  return { forSeries, perSeries: true };
}

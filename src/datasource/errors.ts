/** Failures reported by the wrapped Grafana data source, mapped to the use case's specific errors. */
import { classifyPrometheusError, PrometheusError } from '../io/prometheus/errors';
import { ForesightError, toForesightError } from '../advisor/errors';

/**
 * The wrapped Prometheus source reports failures as DataQueryError objects (per refId) or rejects
 * with a FetchError-like object (`data.message`, `status`). Both become specific errors.
 */
export function fromDataSourceError(err: unknown): ForesightError {
  if (err instanceof ForesightError || err instanceof PrometheusError) {
    return toForesightError(err);
  }
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; status?: unknown; data?: { message?: unknown; error?: unknown } };
    const message = [e.message, e.data?.message, e.data?.error].find(
      (m): m is string => typeof m === 'string' && m.length > 0
    );
    const status = typeof e.status === 'number' ? e.status : undefined;
    if (message !== undefined || status !== undefined) {
      return toForesightError(classifyPrometheusError(message ?? `HTTP ${status}`, undefined, status));
    }
  }
  return toForesightError(err);
}

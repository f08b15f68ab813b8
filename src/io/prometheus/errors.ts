/**
 * Specific errors for talking to Prometheus, so every caller (data source, CLI, tests) can tell the
 * user what went wrong in words that point at the fix, instead of a generic "query failed".
 */

export type PrometheusErrorKind = 'promql' | 'resolution' | 'unreachable' | 'timeout' | 'http' | 'cancelled';

export class PrometheusError extends Error {
  readonly kind: PrometheusErrorKind;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** The underlying text (Prometheus's own error message, or the network error), without our advice. */
  readonly detail: string;

  constructor(kind: PrometheusErrorKind, message: string, status?: number, detail?: string) {
    super(message);
    this.name = 'PrometheusError';
    this.kind = kind;
    this.status = status;
    this.detail = detail ?? message;
  }
}

/** The expression is not valid PromQL (or uses a bad parameter): carries Prometheus's own message. */
export class PromQLError extends PrometheusError {
  constructor(promMessage: string, status?: number) {
    super('promql', `PromQL error: ${promMessage}`, status, promMessage);
    this.name = 'PromQLError';
  }
}

/** The query asked for more than 11,000 points per series in one request. */
export class ResolutionLimitError extends PrometheusError {
  constructor(promMessage: string, status?: number) {
    super(
      'resolution',
      `Prometheus refused the query: ${promMessage}. Foresight fetches long windows in chunks of at most 11,000 points; ` +
        'if you see this, increase the training step or shorten the window.',
      status,
      promMessage
    );
    this.name = 'ResolutionLimitError';
  }
}

export class PrometheusUnreachableError extends PrometheusError {
  constructor(detail: string, status?: number) {
    super(
      'unreachable',
      `Prometheus is unreachable: ${detail}. Check that it is running and that the URL is right.`,
      status,
      detail
    );
    this.name = 'PrometheusUnreachableError';
  }
}

export class PrometheusTimeoutError extends PrometheusError {
  constructor(detail: string, status?: number) {
    super(
      'timeout',
      `Prometheus query timed out: ${detail}. Shorten the window, raise the step or simplify the query.`,
      status,
      detail
    );
    this.name = 'PrometheusTimeoutError';
  }
}

export class PrometheusHttpError extends PrometheusError {
  constructor(detail: string, status?: number) {
    // a 200 whose body is cut off or not JSON is no error answer ("answered with an error: HTTP 200 OK" read as a contradiction)
    const ok = status !== undefined && status >= 200 && status < 300;
    super(
      'http',
      `${ok ? "Prometheus's answer could not be read" : 'Prometheus answered with an error'}: ${detail}`,
      status,
      detail
    );
    this.name = 'PrometheusHttpError';
  }
}

export class QueryCancelledError extends PrometheusError {
  constructor() {
    super('cancelled', 'The query was cancelled.');
    this.name = 'QueryCancelledError';
  }
}

/** How many of the histogram series a message names before "and N more". */
const HISTOGRAM_NAMES_SHOWN = 3;

/**
 * The query returned native histograms (Prometheus's `histograms` samples; in Grafana, `heatmap-cells`
 * frames): each sample is a whole distribution, with no single value to forecast. Refused for the
 * whole query rather than dropping those series, because a dropped series would have no line in the
 * panel to say so; the fix is one function in the PromQL, which the message gives.
 */
export class NativeHistogramError extends PrometheusError {
  /** `numberSeries`: how many other series of the answer are plain numbers (a selector that matched both). */
  constructor(seriesNames: readonly string[], numberSeries = 0) {
    const shown = seriesNames.slice(0, HISTOGRAM_NAMES_SHOWN).join(', ');
    const more =
      seriesNames.length > HISTOGRAM_NAMES_SHOWN ? ` and ${seriesNames.length - HISTOGRAM_NAMES_SHOWN} more` : '';
    const detail = `native histogram samples in ${shown}${more}`;
    super(
      'promql',
      `The query returns native histograms (${shown}${more}): each sample is a whole distribution, with no single value to forecast. ` +
        'Turn them into numbers in the query: histogram_quantile(0.95, sum(rate(metric[5m]))) for a latency, ' +
        'histogram_count(sum(rate(metric[5m]))) for a request rate, or histogram_sum(…) / histogram_count(…) for a mean.' +
        (numberSeries > 0
          ? ` Or leave them out of the selection (the ${numberSeries} other series it matched ${numberSeries === 1 ? 'holds' : 'hold'} plain numbers).`
          : ''),
      undefined,
      detail
    );
    this.name = 'NativeHistogramError';
  }
}

const RESOLUTION_RE = /exceeded maximum resolution/i;
const RANGE_PARAM_RE = /invalid parameter "?(start|end|step)"?/i;
/** The parameter arrived empty: the request lost its body on the way (a proxy or a followed redirect). */
const EMPTY_PARAM_RE = /cannot parse "" to a valid/i;
const TIMEOUT_RE = /timeout|timed out|deadline exceeded/i;
const UNREACHABLE_RE =
  /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|fetch failed|Failed to fetch|NetworkError|connection refused|no such host|Bad Gateway|dial tcp/i;

/**
 * Maps an error message and optional Prometheus `errorType`/HTTP status to the specific class.
 * Shared by the HTTP client (raw Prometheus answers) and the data source (messages that came back
 * through Grafana's Prometheus data source, which keeps Prometheus's text).
 */
export function classifyPrometheusError(message: string, errorType?: string, status?: number): PrometheusError {
  // Grafana's Prometheus source prefixes Prometheus's text with its errorType ("bad_data: 1:5: …").
  const prefixed = /^(bad_data|timeout|canceled|execution|internal|unavailable|not_found):\s*/.exec(message.trim());
  const type = errorType ?? prefixed?.[1];
  const text = (prefixed ? message.trim().slice(prefixed[0].length) : message.trim()) || 'unknown error';
  if (RESOLUTION_RE.test(text)) {
    return new ResolutionLimitError(text, status);
  }
  if (RANGE_PARAM_RE.test(text)) {
    // not the user's PromQL: the time range or step of the request itself
    return new PrometheusHttpError(
      EMPTY_PARAM_RE.test(text)
        ? `${text} — the request reached Prometheus without its time range; a proxy or redirect in front of it ` +
            'may have dropped the POST body. Point the URL at Prometheus itself.'
        : `${text} — Prometheus refused the request's time range or step; check the dashboard's time range.`,
      status
    );
  }
  if (type === 'timeout' || status === 504 || TIMEOUT_RE.test(text)) {
    return new PrometheusTimeoutError(text, status);
  }
  if (type === 'bad_data' || /parse error|bad_data|unknown function|unexpected/i.test(text)) {
    return new PromQLError(text, status);
  }
  if (status === 502 || UNREACHABLE_RE.test(text)) {
    return new PrometheusUnreachableError(text, status);
  }
  return new PrometheusHttpError(text, status);
}

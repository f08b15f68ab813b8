/**
 * PromQL completion from the wrapped Prometheus's metadata API: metric names, label names, and the
 * values of one label, narrowed with `match[]` when the selector names a metric. Grafana's
 * Prometheus data source answers `getResource('api/v1/…')` through its backend; the playground's
 * stand-in answers the same paths from the real Prometheus. Lists are cached briefly per source so
 * typing does not send a request per keystroke.
 */
import type { PromqlContext } from './components/promqlContext';

/** What completion needs of the wrapped source (Grafana's `DataSourceWithBackend.getResource`). */
export interface MetadataSource {
  readonly name?: string;
  getResource?(path: string, params?: Record<string, string>): Promise<unknown>;
}

export class CompletionUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompletionUnavailableError';
  }
}

/** At most this many suggestions are shown; the list is for picking, not browsing. */
export const MAX_SUGGESTIONS = 50;
const CACHE_MS = 60_000;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface CacheEntry {
  atMs: number;
  values: Promise<string[]>;
}
const caches = new WeakMap<object, Map<string, CacheEntry>>();

/** Prometheus answers `{status, data: [...]}`; Grafana's language provider sometimes hands back `data` alone. */
function stringList(body: unknown, path: string): string[] {
  const data = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) {
    throw new CompletionUnavailableError(`Prometheus answered ${path} with something other than a list.`);
  }
  return data.filter((v): v is string => typeof v === 'string');
}

function request(
  ctx: Exclude<PromqlContext, { kind: 'none' }>
): { path: string; params: Record<string, string> } | undefined {
  const match: Record<string, string> = 'metric' in ctx && ctx.metric ? { 'match[]': ctx.metric } : {};
  switch (ctx.kind) {
    case 'metric':
      return { path: 'api/v1/label/__name__/values', params: {} };
    case 'labelName':
      return { path: 'api/v1/labels', params: match };
    case 'labelValue':
      // The label name goes into the path: only a valid one is ever sent.
      return LABEL_NAME.test(ctx.labelName)
        ? { path: `api/v1/label/${ctx.labelName}/values`, params: match }
        : undefined;
  }
}

/** Suggestions that start with the prefix first, then those that contain it; case-insensitive. */
export function rankSuggestions(values: string[], prefix: string, limit = MAX_SUGGESTIONS): string[] {
  const p = prefix.toLowerCase();
  const starts: string[] = [];
  const contains: string[] = [];
  for (const v of [...new Set(values)].sort()) {
    const lower = v.toLowerCase();
    if (lower.startsWith(p)) {
      starts.push(v);
    } else if (p !== '' && lower.includes(p)) {
      contains.push(v);
    }
  }
  return [...starts, ...contains].filter((v) => v !== prefix).slice(0, limit);
}

/**
 * Suggestions for a context, from the source's metadata API. Throws CompletionUnavailableError with
 * a sentence for the editor when the source has no metadata API or the request fails.
 */
export async function getCompletions(
  source: MetadataSource,
  ctx: PromqlContext,
  nowMs: number = Date.now()
): Promise<string[]> {
  if (ctx.kind === 'none') {
    return [];
  }
  const req = request(ctx);
  if (!req) {
    return [];
  }
  if (typeof source.getResource !== 'function') {
    throw new CompletionUnavailableError(
      `Completion is off: the data source "${source.name ?? 'Prometheus'}" offers no metadata API.`
    );
  }
  let cache = caches.get(source);
  if (!cache) {
    cache = new Map();
    caches.set(source, cache);
  }
  const key = `${req.path}?${new URLSearchParams(req.params).toString()}`;
  let entry = cache.get(key);
  if (!entry || nowMs - entry.atMs > CACHE_MS) {
    const getResource = source.getResource.bind(source);
    entry = {
      atMs: nowMs,
      values: getResource(req.path, req.params).then(
        (body) => stringList(body, req.path),
        (err: unknown) => {
          throw new CompletionUnavailableError(
            `Completion is off: ${req.path} failed (${err instanceof Error ? err.message : String(err)}).`
          );
        }
      ),
    };
    cache.set(key, entry);
    // A failure is not cached: the next keystroke tries again.
    entry.values.catch(() => cache?.delete(key));
  }
  const values = await entry.values;
  // `__name__` is the metric itself, already named before the `{`: not a label anyone completes to.
  return rankSuggestions(ctx.kind === 'labelName' ? values.filter((v) => v !== '__name__') : values, ctx.prefix);
}

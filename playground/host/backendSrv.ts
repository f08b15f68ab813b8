/**
 * A BackendSrv over the browser's fetch, shaped like Grafana's: `fetch()` emits one FetchResponse
 * or errors with a FetchError carrying the status and the parsed body (Prometheus's error JSON
 * stays readable in `error.data`).
 */
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { Observable, lastValueFrom } from 'rxjs';

function buildUrl(options: BackendSrvRequest): string {
  const url = new URL(options.url, window.location.origin);
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (value === undefined || value === null) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, String(item));
    }
  }
  return url.origin === window.location.origin ? url.pathname + url.search : url.href;
}

function buildBody(data: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (data === undefined || data === null) {
    return undefined;
  }
  if (typeof data === 'string' || data instanceof URLSearchParams || data instanceof FormData || data instanceof Blob) {
    return data;
  }
  headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
  return JSON.stringify(data);
}

async function parseBody(response: Response, responseType: BackendSrvRequest['responseType']): Promise<unknown> {
  if (responseType === 'text') {
    return response.text();
  }
  if (responseType === 'arraybuffer') {
    return response.arrayBuffer();
  }
  if (responseType === 'blob') {
    return response.blob();
  }
  const text = await response.text();
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

function toFetchResponse<T>(response: Response, data: T, config: BackendSrvRequest): FetchResponse<T> {
  return {
    data,
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    headers: response.headers,
    redirected: response.redirected,
    type: response.type,
    url: response.url,
    config,
  };
}

function messageOf(data: unknown, fallback: string): string {
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    for (const key of ['message', 'error']) {
      if (typeof record[key] === 'string' && record[key] !== '') {
        return record[key] as string;
      }
    }
  }
  return fallback;
}

export class PlaygroundBackendSrv implements BackendSrv {
  private readonly inFlight = new Map<string, AbortController>();

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      if (options.requestId) {
        this.resolveCancelerIfExists(options.requestId);
        this.inFlight.set(options.requestId, controller);
      }
      options.abortSignal?.addEventListener('abort', () => controller.abort());
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const body = buildBody(options.data, headers);
      window
        .fetch(buildUrl(options), { method: options.method ?? 'GET', headers, body, signal: controller.signal })
        .then(async (response) => {
          const data = (await parseBody(response, options.responseType)) as T;
          if (!response.ok) {
            const error: FetchError = {
              status: response.status,
              statusText: response.statusText,
              data,
              message: messageOf(data, `${response.status} ${response.statusText}`),
              config: options,
            };
            subscriber.error(error);
            return;
          }
          subscriber.next(toFetchResponse(response, data, options));
          subscriber.complete();
        })
        .catch((err: unknown) => {
          const cancelled = controller.signal.aborted;
          const error: FetchError = {
            status: cancelled ? -1 : 0,
            statusText: cancelled ? 'Request was aborted' : 'Network error',
            data: { message: err instanceof Error ? err.message : String(err) },
            cancelled,
            config: options,
          };
          subscriber.error(error);
        })
        .finally(() => {
          if (options.requestId && this.inFlight.get(options.requestId) === controller) {
            this.inFlight.delete(options.requestId);
          }
        });
      return () => controller.abort();
    });
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    const response = await lastValueFrom(this.fetch<T>(options));
    return response.data;
  }

  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  get<T>(
    url: string,
    params?: Record<string, unknown>,
    requestId?: string,
    options?: Partial<BackendSrvRequest>
  ): Promise<T> {
    return this.request<T>({ ...options, url, params, requestId, method: 'GET' });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'DELETE' });
  }

  post<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'POST' });
  }

  patch<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PATCH' });
  }

  put<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PUT' });
  }

  /** Whole-body fallback: nothing in the playground streams, so the body arrives as one chunk. */
  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return new Observable<FetchResponse<Uint8Array | undefined>>((subscriber) => {
      const subscription = this.fetch<ArrayBuffer>({ ...options, responseType: 'arraybuffer' }).subscribe({
        next: (response) => subscriber.next({ ...response, data: new Uint8Array(response.data) }),
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => subscription.unsubscribe();
    });
  }

  resolveCancelerIfExists(requestId: string): void {
    this.inFlight.get(requestId)?.abort();
    this.inFlight.delete(requestId);
  }
}

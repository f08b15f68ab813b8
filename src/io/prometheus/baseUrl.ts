/**
 * What is wrong with a Prometheus base URL, checked before any request, for every front door that
 * takes one (the CLI's `--prometheus`, the headless runner's `prometheus.url`). Why: a URL without
 * a scheme failed as "unreachable"; one with a user name and password failed as "unreachable" too
 * (fetch refuses credentials in URLs) and printed the password; one with `?api_key=…` had the API
 * path appended after its query string, got HTTP 405, and printed the key in logs and on the
 * runner's unauthenticated status pages.
 */
import { redactUrl } from './httpClient';

/** The URL as messages may show it: no user name or password, no query string or fragment. */
export function shownUrl(text: string): string {
  return redactUrl(text).replace(/[?#].*$/, '?…');
}

/** Why `text` cannot be a Prometheus base URL (a phrase after the URL), or undefined when it can. */
export function baseUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `is not a URL; give the base URL with its scheme, e.g. http://${text || '127.0.0.1:9090'}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `is not an http(s) URL; give the base URL with its scheme, e.g. http://127.0.0.1:9090`;
  }
  if (url.username || url.password) {
    return (
      'carries a user name or password, which is not supported (and would be printed in errors); ' +
      'use a Prometheus, or a proxy in front of it, that answers without credentials'
    );
  }
  if (url.search || url.hash) {
    return 'has a query string or fragment; give the base URL only (a path prefix such as /prometheus is fine)';
  }
  // Foresight adds /api/v1/… itself: a URL copied with it asked for /api/v1/api/v1/query_range (404)
  const api = /\/api\/v1(\/.*)?$/.exec(url.pathname);
  if (api) {
    const base = `${url.origin}${url.pathname.slice(0, api.index)}`;
    return `ends in ${api[0]}, which Foresight adds itself; give the base URL: ${base}`;
  }
  return undefined;
}

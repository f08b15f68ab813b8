/**
 * The address `serve` binds: `host:port`, `[v6]:port` or `:port` (loopback). Loopback is the
 * default; anything else is allowed (a Kubernetes pod must listen on its pod IP) but flagged, since
 * the endpoints have no authentication.
 */
export interface ListenAddress {
  host: string;
  port: number;
  loopback: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function parseListen(text: string): ListenAddress {
  const trimmed = text.trim();
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]*)):(\d{1,5})$/.exec(trimmed);
  if (!m) {
    throw new Error(`"${text}" is not an address like 127.0.0.1:9464 or [::1]:9464`);
  }
  const host = m[1] ?? (m[2] || '127.0.0.1');
  const port = Number(m[3]);
  if (port > 65_535) {
    throw new Error(`port ${port} in "${text}" is above 65535`);
  }
  return { host, port, loopback: LOOPBACK.has(host) || /^127\./.test(host) };
}

export function formatListen(a: { host: string; port: number }): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

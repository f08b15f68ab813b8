/**
 * Compressed, cacheable answers for the playground's static assets. The host bundle is ~8 MB of
 * minified JavaScript; sent uncompressed with `no-store` on every load it cost seconds per visit.
 * Here a body is compressed once (brotli or gzip, as the browser's Accept-Encoding allows) and
 * carries an ETag, so a revalidation costs a 304 and a content-hashed URL costs nothing at all.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Cache-Control for a URL whose name carries its content hash: it never changes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control for a file that may change under the same name (a rebuilt dist/): ask each time, 304 when unchanged. */
export const REVALIDATE = 'no-cache';

export interface PreparedBody {
  identity: Buffer;
  gzip: Buffer;
  /** Absent when brotli was not worth its time (it is for the one big bundle, prepared once). */
  br?: Buffer;
  etag: string;
}

/**
 * The encoding to send for an Accept-Encoding header: brotli, then gzip, when the browser accepts
 * them (q > 0), else the plain bytes.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: ContentEncoding[]): ContentEncoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) {
      continue;
    }
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    accepted.set(name, Number.isFinite(q) ? q : 0);
  }
  const wildcard = accepted.get('*') ?? 0;
  for (const encoding of ['br', 'gzip'] as const) {
    const q = accepted.get(encoding) ?? wildcard;
    if (available.includes(encoding) && q > 0) {
      return encoding;
    }
  }
  return 'identity';
}

export function contentHash(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

export function prepareBody(body: string | Buffer, opts: { brotli: boolean }): PreparedBody {
  const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    identity,
    gzip: gzipSync(identity, { level: 6 }),
    // Quality 5 compresses the 8 MB bundle in about a second, within a few % of quality 11's size.
    br: opts.brotli
      ? brotliCompressSync(identity, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
        })
      : undefined,
    etag: `"${contentHash(identity)}"`,
  };
}

/** True when the browser's copy (If-None-Match) is this ETag, so a 304 will do. */
export function isNotModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) {
    return false;
  }
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag.replace(/^W\//, ''));
}

/** Sends a prepared body: 304 when the browser has it, else the best encoding it accepts. */
export function sendPrepared(
  req: IncomingMessage,
  res: ServerResponse,
  body: PreparedBody,
  contentType: string,
  cacheControl: string
): void {
  const common = { ETag: body.etag, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' };
  if (isNotModified(req, body.etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const available: ContentEncoding[] = body.br ? ['br', 'gzip'] : ['gzip'];
  const encoding = chooseEncoding(req.headers['accept-encoding'], available);
  const bytes = encoding === 'br' ? (body.br ?? body.identity) : encoding === 'gzip' ? body.gzip : body.identity;
  res.writeHead(200, {
    ...common,
    'Content-Type': contentType,
    'Content-Length': String(bytes.length),
    ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * Static file serving for the playground: maps URL prefixes onto folders on disk and refuses any
 * path that would leave its folder (`..`, encoded slashes, absolute paths).
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { isNotModified, prepareBody, REVALIDATE, sendPrepared, type PreparedBody } from './httpCaching';

/** One URL prefix served from one folder, e.g. `/public/plugins/foresight-forecast-app/` → `dist/`. */
export interface StaticMount {
  urlPrefix: string;
  dir: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names under the mounts, or undefined when no mount matches or the path tries
 * to escape its folder. Never touches the disk.
 */
export function resolveStatic(urlPath: string, mounts: StaticMount[]): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return undefined;
  }
  // Longest prefix first so nested plugin paths win over their parent's.
  const sorted = [...mounts].sort((a, b) => b.urlPrefix.length - a.urlPrefix.length);
  for (const mount of sorted) {
    if (!decoded.startsWith(mount.urlPrefix)) {
      continue;
    }
    const rest = decoded.slice(mount.urlPrefix.length);
    const root = path.resolve(mount.dir);
    const file = path.resolve(root, rest);
    if (file !== root && !file.startsWith(root + path.sep)) {
      return undefined;
    }
    return file;
  }
  return undefined;
}

/** Text-like types worth gzipping (fonts, images and woff2 are compressed already). */
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.map',
  '.json',
  '.wasm',
  '.svg',
  '.css',
  '.html',
  '.md',
  '.txt',
  '.ttf',
  '.otf',
]);
/** Files above this are streamed as they are rather than held compressed in memory. */
const MAX_COMPRESSED_FILE = 32 * 1024 * 1024;
const MAX_CACHED_FILES = 256;

/** Compressed copies of served files, keyed by path, size and modification time (a rebuild changes the key). */
const compressedCache = new Map<string, PreparedBody>();

function compressedCopy(file: string, size: number, mtimeMs: number): PreparedBody {
  const key = `${file}\0${size}\0${mtimeMs}`;
  const cached = compressedCache.get(key);
  if (cached) {
    return cached;
  }
  const prepared = prepareBody(readFileSync(file), { brotli: false });
  if (compressedCache.size >= MAX_CACHED_FILES) {
    compressedCache.clear();
  }
  compressedCache.set(key, prepared);
  return prepared;
}

/**
 * Sends a file with its content type, revalidated by ETag (the plugin's dist/ can be rebuilt under
 * the same names) and gzipped when the browser accepts it and the type compresses. Answers false
 * (writing nothing) when it is not a file. Without `req` the file is streamed as it is.
 */
export function sendFile(res: ServerResponse, file: string, req?: IncomingMessage): boolean {
  let size: number;
  let mtimeMs: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    size = stat.size;
    mtimeMs = stat.mtimeMs;
  } catch {
    return false;
  }
  const type = contentTypeFor(file);
  if (req && COMPRESSIBLE.has(path.extname(file).toLowerCase()) && size <= MAX_COMPRESSED_FILE) {
    sendPrepared(req, res, compressedCopy(file, size, mtimeMs), type, REVALIDATE);
    return true;
  }
  const etag = `"${size.toString(16)}-${Math.round(mtimeMs).toString(16)}"`;
  if (req && isNotModified(req, etag)) {
    res.writeHead(304, { ETag: etag, 'Cache-Control': REVALIDATE });
    res.end();
    return true;
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(size),
    'Cache-Control': REVALIDATE,
    ETag: etag,
  });
  createReadStream(file).pipe(res);
  return true;
}

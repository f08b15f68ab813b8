/**
 * Static file serving for the playground: maps URL prefixes onto folders on disk and refuses any
 * path that would leave its folder (`..`, encoded slashes, absolute paths).
 */
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

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

/** Streams a file with its content type; answers false (writing nothing) when it is not a file. */
export function sendFile(res: ServerResponse, file: string): boolean {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    size = stat.size;
  } catch {
    return false;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(size),
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}

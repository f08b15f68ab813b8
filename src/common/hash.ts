/**
 * A stable, synchronous 64-bit text hash (16 hex characters) for keys that must survive restarts and
 * match across processes: model-cache fingerprints, the headless runner's `--shard i/n`. Not for
 * security — FNV-1a is chosen because it needs no async `crypto.subtle` and runs the same in Node,
 * a worker and the page.
 */

/** 32-bit FNV-1a from `seed`, as 8 hex characters. */
function fnv1a32(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Two 32-bit FNV-1a passes with different offsets (the standard offset basis and the FNV prime),
 * concatenated. Saved model caches are keyed by this exact output: changing it orphans them.
 */
export function stableHash(text: string): string {
  return `${fnv1a32(text, 0x811c9dc5)}${fnv1a32(text, 0x01000193)}`;
}

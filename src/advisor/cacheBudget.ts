/**
 * Which cached models go when a model store outgrows its budget: the least recently used first, until
 * the rest fit. Shared by the browser's IndexedDB store and the headless runner's model directory, so
 * both evict by the same rule. A user's named models are not entries here: the stores never offer them.
 */
export interface CacheEntryUse {
  key: string;
  /** When the model was last kept or read (epoch ms). */
  usedAtMs: number;
  bytes: number;
}

/**
 * The keys to remove, least recently used first (ties by key, so the order is deterministic), until
 * the others fit `budgetBytes`. Never `keep`: the model just kept is the one the next refresh reads,
 * even when it alone is over the budget.
 */
export function keysOverBudget(entries: CacheEntryUse[], budgetBytes: number, keep?: string): string[] {
  // Records come back from storage, where anything can be written: a size that is not a count of
  // bytes counts as none (a NaN total would evict everything), a time that is not one as the oldest.
  const clean = entries.map((e) => ({
    key: String(e.key),
    usedAtMs: Number.isFinite(e.usedAtMs) ? e.usedAtMs : 0,
    bytes: Number.isFinite(e.bytes) && e.bytes > 0 ? e.bytes : 0,
  }));
  let total = clean.reduce((sum, e) => sum + e.bytes, 0);
  const out: string[] = [];
  const oldestFirst = clean.sort((a, b) => a.usedAtMs - b.usedAtMs || a.key.localeCompare(b.key));
  for (const e of oldestFirst) {
    if (total <= budgetBytes) {
      break;
    }
    if (e.key !== keep) {
      out.push(e.key);
      total -= e.bytes;
    }
  }
  return out;
}

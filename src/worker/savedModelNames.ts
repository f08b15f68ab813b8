/**
 * The names of the models saved in this browser (model mode "train" with a model name), for the
 * query editor to offer in model mode "load": a user should not have to remember what they typed
 * days ago. Reads the keys of the one model store only (no model is loaded), and never creates the
 * database: a browser without one has no names, and the worker creates it at its own version.
 */
import { isNamedModelKey, namedModelKey } from '../advisor/ports';
import { MODEL_DB_NAME, MODEL_STORE, request } from './modelCache';

/** A query of several series saves one model per series: "<name> <series key>"; the user types the name. */
const SERIES_SUFFIX = / \{.*$/;

export async function savedModelNames(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<string[]> {
  if (!factory) {
    return [];
  }
  const db = await openIfExists(factory);
  if (!db) {
    return [];
  }
  try {
    if (!db.objectStoreNames.contains(MODEL_STORE)) {
      return [];
    }
    const keys = await request(db.transaction(MODEL_STORE, 'readonly').objectStore(MODEL_STORE).getAllKeys());
    const prefix = namedModelKey('').length;
    const names = keys
      .map(String)
      .filter(isNamedModelKey)
      .map((key) => key.slice(prefix).replace(SERIES_SUFFIX, ''))
      .filter((name) => name !== '');
    return [...new Set(names)].sort((a, b) => a.localeCompare(b));
  } finally {
    db.close();
  }
}

/**
 * The database as it is, or undefined where there is none: looked up first where the browser lists
 * its databases, and otherwise an open that would create it is aborted (which, by the spec, leaves
 * no database behind).
 */
async function openIfExists(factory: IDBFactory): Promise<IDBDatabase | undefined> {
  if (typeof factory.databases === 'function') {
    const known = await factory.databases().catch(() => undefined);
    if (known && !known.some((d) => d.name === MODEL_DB_NAME)) {
      return undefined;
    }
  }
  return new Promise((resolve) => {
    const req = factory.open(MODEL_DB_NAME);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => resolve(req.result);
    // An aborted creation, a blocked or failing open: no names to offer, nothing to report.
    req.onerror = () => resolve(undefined);
    req.onblocked = () => resolve(undefined);
  });
}

/**
 * Collects config problems with their paths while a config is read, so one run lists them all,
 * and the small typed readers (text, duration, number, one-of) that report into it.
 */
import { isNonPositiveDuration, parseDurationMs } from '../common/duration';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How much of a value a message shows. */
const SHOW_MAX = 120;

/**
 * A value as a message shows it: JSON, but at most two levels deep, five items or keys a level and
 * 120 characters. Why bounded: YAML aliases can make a small file a huge value (nine levels of ten
 * aliases each is 10⁹ leaves), and serialising all of it for one error ran the process out of memory.
 */
export function show(v: unknown): string {
  const text = brief(v, 2);
  return text.length > SHOW_MAX ? `${text.slice(0, SHOW_MAX)}…` : text;
}

function brief(v: unknown, depth: number): string {
  if (typeof v === 'string') {
    return JSON.stringify(v.length > SHOW_MAX ? `${v.slice(0, SHOW_MAX)}…` : v);
  }
  if (Array.isArray(v)) {
    if (depth <= 0) {
      return `[${v.length} item(s)]`;
    }
    const items = v.slice(0, 5).map((x) => brief(x, depth - 1));
    return `[${items.join(',')}${v.length > 5 ? ',…' : ''}]`;
  }
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (depth <= 0) {
      return keys.length === 0 ? '{}' : '{…}';
    }
    const entries = keys.slice(0, 5).map((k) => `${JSON.stringify(k)}:${brief(v[k], depth - 1)}`);
    return `{${entries.join(',')}${keys.length > 5 ? ',…' : ''}}`;
  }
  // JSON has no NaN or ±Infinity: YAML's .nan and .inf read as "got null"
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? String(v));
}

/** Collects problems with their paths while a config is read. */
export class Problems {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  add(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }
  warn(path: string, message: string): void {
    this.warnings.push(`${path}: ${message}`);
  }
  /** Unknown keys are errors: a typo (`horizn`) would otherwise silently take the default. */
  unknownKeys(path: string, obj: Obj, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        const near = allowed.find((a) => a.toLowerCase() === key.toLowerCase() || editDistance(a, key) <= 2);
        this.add(`${path}${path ? '.' : ''}${key}`, `unknown key${near ? ` (did you mean "${near}"?)` : ''}`);
      }
    }
  }
  string(path: string, v: unknown, required: boolean): string | undefined {
    if (v === undefined || v === null) {
      if (required) {
        this.add(path, 'is required');
      }
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.add(path, `must be non-empty text (got ${show(v)})`);
      return undefined;
    }
    return v.trim();
  }
  duration(path: string, v: unknown, fallback?: string): { text: string; ms: number } | undefined {
    const text = v === undefined || v === null ? fallback : v;
    if (text === undefined) {
      this.add(path, 'is required (a duration like 15m or 1h)');
      return undefined;
    }
    try {
      return { text: String(text), ms: parseDurationMs(String(text), path) };
    } catch {
      this.add(
        path,
        isNonPositiveDuration(text)
          ? `${show(text)} must be greater than zero`
          : `${show(text)} is not a duration like 15m or 1h`
      );
      return undefined;
    }
  }
  number(path: string, v: unknown, check: (n: number) => string | undefined): number | undefined {
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.add(path, `must be a number (got ${show(v)})`);
      return undefined;
    }
    const why = check(v);
    if (why) {
      this.add(path, why);
      return undefined;
    }
    return v;
  }
  oneOf<T extends string>(path: string, v: unknown, allowed: readonly T[], fallback: T): T {
    if (v === undefined || v === null) {
      return fallback;
    }
    if (!allowed.includes(v as T)) {
      this.add(path, `must be one of ${allowed.join(', ')} (got ${show(v)})`);
      return fallback;
    }
    return v as T;
  }
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) {
    d[0][j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

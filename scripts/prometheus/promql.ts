/**
 * Just enough PromQL reading to check recipes: which metric names an expression selects, and which
 * label values it matches or writes. A scanner, not a parser: string literals, label matchers
 * (`{…}`), ranges (`[…]`), numbers and durations are skipped; an identifier followed by `(` is a
 * function or an aggregation; keywords and the label lists after `by`/`without`/`on`/`ignoring`/
 * `group_left`/`group_right` are not metrics. Nothing is evaluated. Whether an expression really
 * parses is Prometheus's to say (the integration test runs every one of them).
 */

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'start', 'end']);
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/** Index just past the quoted string starting at `i` (which holds the quote). */
function skipString(expr: string, i: number): number {
  const quote = expr[i];
  let j = i + 1;
  while (j < expr.length && expr[j] !== quote) {
    // Backquoted strings have no escapes.
    j += expr[j] === '\\' && quote !== '`' ? 2 : 1;
  }
  return j + 1;
}

/** Index just past the bracket that closes the one at `i`, skipping strings inside. */
function skipBracketed(expr: string, i: number, close: string): number {
  let j = i + 1;
  while (j < expr.length && expr[j] !== close) {
    j = expr[j] === '"' || expr[j] === "'" || expr[j] === '`' ? skipString(expr, j) : j + 1;
  }
  return j + 1;
}

function nextNonSpace(expr: string, i: number): number {
  while (i < expr.length && /\s/.test(expr[i])) {
    i++;
  }
  return i;
}

/** Metric names the expression selects, sorted and without repeats. */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(expr, i);
    } else if (c === '#') {
      const eol = expr.indexOf('\n', i);
      i = eol < 0 ? expr.length : eol;
    } else if (c === '{') {
      i = skipBracketed(expr, i, '}');
    } else if (c === '[') {
      i = skipBracketed(expr, i, ']');
    } else if (/[0-9.]/.test(c)) {
      // Numbers, durations (`30m`, `1h30m`), hex and exponents: one token.
      const m = /^[0-9.][0-9a-zA-Z._]*/.exec(expr.slice(i));
      i += m ? m[0].length : 1;
    } else if (/[a-zA-Z_:]/.test(c)) {
      const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(expr.slice(i))![0];
      i += ident.length;
      const after = nextNonSpace(expr, i);
      const lower = ident.toLowerCase();
      if (LABEL_LIST_KEYWORDS.has(lower)) {
        if (expr[after] === '(') {
          i = skipBracketed(expr, after, ')');
        }
      } else if (expr[after] === '(' || KEYWORDS.has(lower) || /^(by|without)\s*\(/i.test(expr.slice(after))) {
        // A function, an aggregation (also `sum by (…) (…)`), or a keyword.
      } else {
        names.add(ident);
      }
    } else {
      i++;
    }
  }
  return [...names].sort();
}

/**
 * Values an expression gives a label: equality matchers (`job="x"`) and `label_replace(…, "job",
 * "x", …)` targets. Regex matchers are left out (they match, they do not name).
 */
export function labelValues(expr: string, label: string): string[] {
  const values = new Set<string>();
  const matcher = new RegExp(`[{,]\\s*${label}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
  for (const m of expr.matchAll(matcher)) {
    values.add(m[1]);
  }
  const replace = new RegExp(`label_replace\\s*\\([\\s\\S]*?,\\s*"${label}"\\s*,\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
  for (const m of expr.matchAll(replace)) {
    values.add(m[1]);
  }
  return [...values].sort();
}

/**
 * What to suggest at a cursor position in a PromQL string: a metric name, a label name, or a value
 * of a known label, and which characters a chosen suggestion replaces. Pure, so the rules are
 * tested without a browser or a Prometheus.
 */

export type PromqlContext =
  | { kind: 'none' }
  | { kind: 'metric'; prefix: string; from: number; to: number }
  /** `metric` is set when the selector names one, so the server can narrow names to its series. */
  | { kind: 'labelName'; prefix: string; from: number; to: number; metric?: string }
  | {
      kind: 'labelValue';
      prefix: string;
      from: number;
      to: number;
      labelName: string;
      metric?: string;
      /** The quote the value sits in; a chosen value is closed with it when the string is still open. */
      quote: string;
    };

const IDENT_END = /[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_AFTER_SEPARATOR = /(?:^|,)\s*([a-zA-Z_][a-zA-Z0-9_]*)?$/;
const MATCHER_BEFORE_VALUE = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*$/;

interface ScanState {
  /** Open quote character and where it opened, or null outside strings. */
  quote: string | null;
  quoteAt: number;
  /** Index of the `{` of the selector the cursor is in, or -1. */
  braceAt: number;
  inRange: boolean;
  parens: number[];
}

function scan(text: string): ScanState {
  const s: ScanState = { quote: null, quoteAt: -1, braceAt: -1, inRange: false, parens: [] };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (s.quote !== null) {
      if (c === '\\' && s.quote !== '`') {
        i++;
      } else if (c === s.quote) {
        s.quote = null;
      }
      continue;
    }
    if (c === '#') {
      // A comment runs to the end of the line.
      const nl = text.indexOf('\n', i);
      if (nl < 0) {
        s.quote = '#';
        s.quoteAt = i;
        return s;
      }
      i = nl;
    } else if (c === '"' || c === "'" || c === '`') {
      s.quote = c;
      s.quoteAt = i;
    } else if (c === '{') {
      s.braceAt = i;
    } else if (c === '}') {
      s.braceAt = -1;
    } else if (c === '[') {
      s.inRange = true;
    } else if (c === ']') {
      s.inRange = false;
    } else if (c === '(') {
      s.parens.push(i);
    } else if (c === ')') {
      s.parens.pop();
    }
  }
  return s;
}

function metricBefore(text: string, braceAt: number): string | undefined {
  const m = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*$/.exec(text.slice(0, braceAt));
  return m ? m[1] : undefined;
}

export function promqlContext(expr: string, cursor: number): PromqlContext {
  const before = expr.slice(0, Math.max(0, Math.min(cursor, expr.length)));
  const to = before.length;
  const s = scan(before);
  if (s.quote === '#') {
    return { kind: 'none' };
  }
  if (s.quote !== null) {
    if (s.braceAt < 0 || s.quoteAt < s.braceAt) {
      return { kind: 'none' };
    }
    const matcher = MATCHER_BEFORE_VALUE.exec(before.slice(s.braceAt + 1, s.quoteAt));
    if (!matcher) {
      return { kind: 'none' };
    }
    const prefix = before.slice(s.quoteAt + 1);
    return {
      kind: 'labelValue',
      prefix,
      from: to - prefix.length,
      to,
      labelName: matcher[1],
      metric: metricBefore(before, s.braceAt),
      quote: s.quote,
    };
  }
  if (s.inRange) {
    return { kind: 'none' };
  }
  if (s.braceAt >= 0) {
    const m = LABEL_AFTER_SEPARATOR.exec(before.slice(s.braceAt + 1));
    if (!m) {
      return { kind: 'none' };
    }
    const prefix = m[1] ?? '';
    return { kind: 'labelName', prefix, from: to - prefix.length, to, metric: metricBefore(before, s.braceAt) };
  }
  const paren = s.parens[s.parens.length - 1];
  if (paren !== undefined && /\b(by|without)\s*$/.test(before.slice(0, paren))) {
    const m = LABEL_AFTER_SEPARATOR.exec(before.slice(paren + 1));
    if (!m) {
      return { kind: 'none' };
    }
    const prefix = m[1] ?? '';
    return { kind: 'labelName', prefix, from: to - prefix.length, to };
  }
  const ident = IDENT_END.exec(before);
  if (ident) {
    const charBefore = before[ident.index - 1] ?? '';
    // `5m`, `1e3`, `x.y`: part of a number or duration, not a name.
    if (/[0-9.]/.test(charBefore)) {
      return { kind: 'none' };
    }
    return { kind: 'metric', prefix: ident[0], from: ident.index, to };
  }
  return { kind: 'metric', prefix: '', from: to, to };
}

/** A label value as the body of a PromQL string in the given quote. */
function escapeValue(value: string, quote: string): string {
  if (quote === '`') {
    return value.replace(/`/g, '');
  }
  return value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
}

/** The expression with `choice` put in place of the context's prefix, and where the cursor goes. */
export function applyCompletion(
  expr: string,
  ctx: Exclude<PromqlContext, { kind: 'none' }>,
  choice: string
): { expr: string; cursor: number } {
  let insert = choice;
  let after = expr.slice(ctx.to);
  if (ctx.kind === 'labelValue') {
    insert = escapeValue(choice, ctx.quote);
    // Replace the rest of the value too, and close the string when it is still open.
    const rest = /^(?:[^"'`\\]|\\.)*/.exec(after)?.[0] ?? '';
    after = after.slice(rest.length);
    if (!after.startsWith(ctx.quote)) {
      after = ctx.quote + after;
    }
    const head = expr.slice(0, ctx.from) + insert + ctx.quote;
    return { expr: head + after.slice(1), cursor: head.length };
  }
  // Replace the rest of the identifier under the cursor, so completing in the middle of a name works.
  const rest = /^[a-zA-Z0-9_:]*/.exec(after)?.[0] ?? '';
  after = after.slice(rest.length);
  const head = expr.slice(0, ctx.from) + insert;
  return { expr: head + after, cursor: head.length };
}
